"""The dashboard in a real browser (headless Chromium from Debian, driven by Selenium).

scripts/test starts `otklik serve --demo` and passes OTKLIK_URL, OTKLIK_USER and OTKLIK_PASSWORD.
"""
import os

import pytest
from chromium import shot
import chromium
from selenium.common.exceptions import StaleElementReferenceException, WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.select import Select
from selenium.webdriver.support.wait import WebDriverWait

URL = os.environ.get("OTKLIK_URL")
pytestmark = pytest.mark.skipif(not URL, reason="run through scripts/test, which starts the server")


@pytest.fixture(scope="module")
def browser():
    driver = chromium.start("1280,2400")
    yield driver
    driver.quit()


def test_login_with_the_keyboard_then_dashboard(browser):
    browser.get(URL + "/")
    assert "/login" in browser.current_url
    user = browser.find_element(By.ID, "username")
    assert browser.switch_to.active_element == user, "the user name field has the focus"
    assert browser.find_element(By.CSS_SELECTOR, "label[for=username]").text
    user.send_keys(os.environ["OTKLIK_USER"])
    user.send_keys(Keys.TAB)
    browser.switch_to.active_element.send_keys(os.environ["OTKLIK_PASSWORD"], Keys.ENTER)
    WebDriverWait(browser, 10, ignored_exceptions=(StaleElementReferenceException, WebDriverException)).until(
        lambda driver: "/login" not in driver.current_url and driver.find_element(By.TAG_NAME, "h1").text == "Панель")
    kpis = browser.find_elements(By.CSS_SELECTOR, ".kpi")
    assert len(kpis) == 4
    assert all("n = " in kpi.text for kpi in kpis)
    assert len(browser.find_elements(By.CSS_SELECTOR, "section[aria-labelledby=trend-h] svg.chart polyline")) == 4, "NPS, CSAT, CES and positive presses each have a trend"
    assert len(browser.find_elements(By.CSS_SELECTOR, "section[aria-labelledby=process-h] svg.chart polyline")) == 2
    shot(browser, "dashboard-ru")
    browser.find_element(By.TAG_NAME, "body").send_keys(Keys.TAB)
    assert browser.switch_to.active_element.get_attribute("class") == "skip", "the first Tab reaches the skip link"
    browser.switch_to.active_element.send_keys(Keys.ENTER)
    assert browser.current_url.endswith("#main")


def test_weak_links_find_the_planted_location(browser):
    browser.get(URL + "/?from=2025-11-23&to=2026-11-22")
    weak = browser.find_element(By.ID, "weak-h").find_element(By.XPATH, "..").text
    assert "Офис на Московском проспекте" in weak


def test_english_and_drill_down_to_staff(browser):
    browser.get(URL + "/?lang=en&from=2025-11-23&to=2026-11-22")
    assert browser.find_element(By.TAG_NAME, "h1").text == "Dashboard"
    assert browser.find_element(By.TAG_NAME, "html").get_attribute("lang") == "en"
    assert browser.find_element(By.ID, "process-h").text.startswith("Process beside perception")
    browser.find_element(By.LINK_TEXT, "Офис на Московском проспекте").click()
    WebDriverWait(browser, 10).until(lambda driver: "location=L07" in driver.current_url)
    assert not chromium.now(browser, By.ID, "process-h"), "the contact-centre panel is network-wide"
    captions = [c.text for c in browser.find_elements(By.TAG_NAME, "caption")]
    assert "By staff member" in captions
    shot(browser, "drill-down-en")


def test_filters_are_labelled_and_apply(browser):
    browser.get(URL + "/?lang=en")
    for name in ("from", "to", "region", "location", "service", "channel"):
        assert browser.find_element(By.CSS_SELECTOR, f"label[for={name}]").text
    Select(browser.find_element(By.ID, "channel")).select_by_value("terminal")
    browser.find_element(By.CSS_SELECTOR, ".filters button[type=submit]").click()
    WebDriverWait(browser, 10).until(lambda driver: "channel=terminal" in driver.current_url)
    assert browser.find_element(By.ID, "channel").get_attribute("value") == "terminal"


@pytest.mark.parametrize("width", ["1366,900", "390,844"])
def test_cards_show_their_target_in_both_languages(width):
    """scripts/test imports Tests/browser/targets.csv: the organisation's CSAT target for 2026 is 82 %, L07's 85 %
    from July. Over these 90 days the demo's CSAT is 80.3 %, its interval holding 82 (undecided, 1.7 points short;
    78.2 % and missed until the demo's complainants came back satisfied after their cases, 2026-12-05), and L07's
    about 47 % misses its 85; each card says so in words, with the gap, in both languages."""
    driver = chromium.signed_in(width, URL)
    try:
        period = "from=2026-08-25&to=2026-11-22"
        verdicts = {"ru": ("Цель: 82,0 %", "Пока не ясно", "Цель: 85,0 %", "Цель не достигнута"),
                    "en": ("Target: 82.0 %", "Not decided yet", "Target: 85.0 %", "Target missed")}
        for language, (target, undecided, l07_target, missed) in verdicts.items():
            driver.get(f"{URL}/?lang={language}&{period}")
            card = driver.find_elements(By.CSS_SELECTOR, ".kpi")[1]
            line = card.find_element(By.CSS_SELECTOR, ".target")
            assert target in line.text and undecided.lower() in line.text.lower(), line.text
            assert "target-undecided" in line.get_attribute("class")
            assert driver.execute_script("return document.documentElement.scrollWidth") <= driver.execute_script("return window.innerWidth")
            driver.get(f"{URL}/?lang={language}&{period}&location=L07")
            line = driver.find_elements(By.CSS_SELECTOR, ".kpi")[1].find_element(By.CSS_SELECTOR, ".target")
            assert l07_target in line.text and missed in line.text, line.text
            assert "target-missed" in line.get_attribute("class")
        driver.get(f"{URL}/?lang=en&{period}&location=L07")
        line = driver.find_elements(By.CSS_SELECTOR, ".kpi")[1].find_element(By.CSS_SELECTOR, ".target")
        assert "Target: 85.0 %" in line.text and "location" in line.text, line.text
        shot(driver, f"dashboard-targets-{width.split(',')[0]}")
    finally:
        driver.quit()
