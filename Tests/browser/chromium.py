"""Headless Chromium from Debian for the browser tests, and screenshots into OTKLIK_SCREENSHOTS."""
import os
import shutil

from selenium import webdriver
from selenium.webdriver.chrome.service import Service


def start(window="1280,900"):
    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", f"--window-size={window}", "--lang=ru"):
        options.add_argument(argument)
    options.add_experimental_option("prefs", {"intl.accept_languages": "ru-RU,ru"})
    driver = webdriver.Chrome(service=Service(shutil.which("chromedriver") or "/usr/bin/chromedriver"), options=options)
    driver.implicitly_wait(5)
    return driver


def shot(driver, name):
    folder = os.environ.get("OTKLIK_SCREENSHOTS")
    if folder:
        driver.save_screenshot(os.path.join(folder, name + ".png"))
