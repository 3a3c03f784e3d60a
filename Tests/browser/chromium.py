"""Headless Chromium from Debian for the browser tests, and screenshots into OTKLIK_SCREENSHOTS."""
import os
import shutil
from contextlib import contextmanager

from selenium import webdriver
from selenium.common.exceptions import StaleElementReferenceException, WebDriverException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.remote.webelement import WebElement
from selenium.webdriver.support.wait import WebDriverWait

# How long a find waits for a first match (a page's script may add it); see ``now`` for finding nothing quickly.
IMPLICIT_WAIT = 5


def start(window="1280,900"):
    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", f"--window-size={window}", "--lang=ru"):
        options.add_argument(argument)
    options.add_experimental_option("prefs", {"intl.accept_languages": "ru-RU,ru"})
    driver = webdriver.Chrome(service=Service(shutil.which("chromedriver") or "/usr/bin/chromedriver"), options=options)
    driver.implicitly_wait(IMPLICIT_WAIT)
    return driver


def now(context, by, selector):
    """What matches `selector` in `context` (the driver or an element) as the page stands, without the implicit wait.

    ``start`` sets an implicit wait of 5 s, which only ever ends early on a first match: every `find_elements` that
    rightly finds nothing waits the full 5 s (one test once spent 230 s so). Use this where nothing is an expected
    answer on a page already loaded (`get` and ``follow`` wait for the document): the server renders the pages. Not
    for what a script adds later (the staff display, the kiosk, the alerts): wait for that explicitly.
    """
    with no_wait(context.parent if isinstance(context, WebElement) else context):
        return context.find_elements(by, selector)


@contextmanager
def no_wait(driver):
    """The driver without its implicit wait for the block (see ``now``); restored however the block ends."""
    driver.implicitly_wait(0)
    try:
        yield driver
    finally:
        driver.implicitly_wait(IMPLICIT_WAIT)


def signed_in(window, url, login_path="/login"):
    """A browser signed in to the dashboard as OTKLIK_USER (typing into the form, as a person does)."""
    driver = start(window)
    driver.get(url + login_path)
    driver.find_element(By.ID, "username").send_keys(os.environ["OTKLIK_USER"])
    driver.find_element(By.ID, "password").send_keys(os.environ["OTKLIK_PASSWORD"], Keys.ENTER)
    WebDriverWait(driver, 10, ignored_exceptions=(StaleElementReferenceException,)).until(lambda d: "/login" not in d.current_url)
    return driver


def shot(driver, name):
    folder = os.environ.get("OTKLIK_SCREENSHOTS")
    if folder:
        driver.save_screenshot(os.path.join(folder, name + ".png"))


def follow(driver, action, timeout=10):
    """Runs action (a click that loads a new page) and waits until the new document has loaded.

    The old document is marked before the action, and the wait ends when a document without the mark
    is complete. Asking an old element whether it went stale races with Chromium replacing the
    document ("Node with given id does not belong to the document"), so this does not do that.
    """
    driver.execute_script("window.__otklikLeaving = true")
    action()

    def arrived(d):
        try:
            return d.execute_script("return window.__otklikLeaving === undefined && document.readyState === 'complete'")
        except WebDriverException:
            return False  # the document is being replaced

    WebDriverWait(driver, timeout).until(arrived)


def nav_link(driver, href):
    """The navigation's link to href, its group (a <details> menu) opened first, as a person does."""
    link = driver.find_element(By.CSS_SELECTOR, f"nav.sections a[href='{href}']")
    if not link.is_displayed():
        link.find_element(By.XPATH, "./ancestor::details[1]/summary").click()
    return link
