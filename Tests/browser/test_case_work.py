"""Notifications and bulk actions on cases in a real browser, driven from the keyboard.

scripts/test starts `otklik serve --demo` (the demo login reads the weak location's manager's notifications).
"""
import os
import re

import pytest
import chromium
from chromium import shot
from selenium.common.exceptions import StaleElementReferenceException, WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.wait import WebDriverWait

URL = os.environ.get("OTKLIK_URL")
pytestmark = pytest.mark.skipif(not URL, reason="run through scripts/test, which starts the server")


@pytest.fixture(scope="module")
def browser():
    driver = chromium.signed_in("1280,1600", URL, "/login?lang=en")
    yield driver
    driver.quit()


def unread(browser):
    return int(re.search(r"(\d+)", browser.find_element(By.ID, "unread-count").text).group(1))


def test_notifications_page_and_mark_read_from_the_keyboard(browser):
    browser.get(URL + "/notifications?lang=en")
    assert browser.find_element(By.TAG_NAME, "h1").text == "Notifications"
    before = unread(browser)
    assert before > 0, "the demo's open cases at the weak location notified its manager"
    badge = browser.find_element(By.CSS_SELECTOR, "#nav-notifications .badge")
    assert str(before) in badge.text
    button = browser.find_element(By.CSS_SELECTOR, "ul.notifications li.unread button")
    assert button.get_attribute("aria-label").startswith("Mark read: ")
    button.send_keys(Keys.ENTER)
    WebDriverWait(browser, 10, ignored_exceptions=(StaleElementReferenceException, WebDriverException)).until(lambda d: unread(d) == before - 1)
    shot(browser, "notifications-en")


def test_bulk_priority_with_the_keyboard(browser):
    browser.get(URL + "/cases?lang=en")
    rows = [row for row in browser.find_elements(By.CSS_SELECTOR, "#bulk-form tbody tr")
            if "priority-urgent" not in row.find_element(By.CSS_SELECTOR, "td[class^=priority-]").get_attribute("class")]
    boxes = [row.find_element(By.CSS_SELECTOR, "input[type=checkbox][name=ids]") for row in rows[:2]]
    assert len(boxes) == 2, "two cases that are not urgent yet"
    chosen = [box.get_attribute("value") for box in boxes[:2]]
    for box in boxes[:2]:
        assert box.get_attribute("aria-label").startswith("Select case ")
        box.send_keys(Keys.SPACE)
        assert box.is_selected()
    action = browser.find_element(By.ID, "bulk-action")
    assert browser.find_element(By.CSS_SELECTOR, "label[for=bulk-action]").text == "Action"
    action.send_keys("Set priority")
    priority = browser.find_element(By.ID, "bulk-priority")
    priority.send_keys("urgent")
    browser.find_element(By.ID, "bulk-apply").send_keys(Keys.ENTER)
    WebDriverWait(browser, 10).until(lambda d: "done=" in d.current_url)
    assert browser.find_element(By.ID, "bulk-done").text.endswith("2")
    for case in chosen:
        browser.get(URL + f"/cases/{case}?lang=en")
        assert browser.find_element(By.ID, "case-priority").text == "urgent"
    shot(browser, "case-bulk-en")


def test_employee_voice_form_and_status_link_from_the_keyboard(browser):
    browser.get(URL + "/voice?lang=en")
    assert browser.find_element(By.TAG_NAME, "h1").text == "Employee voice"
    for field in ("voice-text", "voice-location", "voice-staff"):
        assert browser.find_element(By.CSS_SELECTOR, f"label[for={field}]").text
    browser.find_element(By.CSS_SELECTOR, "input[name=kind][value=idea]").send_keys(Keys.SPACE)
    browser.find_element(By.ID, "voice-text").send_keys("Нужна вторая касса в часы пик")
    browser.find_element(By.ID, "voice-send").send_keys(Keys.ENTER)
    WebDriverWait(browser, 10).until(lambda d: "/voice/status/otv_" in d.current_url)
    assert "Нужна вторая касса в часы пик" in browser.find_element(By.TAG_NAME, "main").text
    assert browser.find_element(By.ID, "voice-status").text == "received, waiting for its owner"
    shot(browser, "voice-status-en")


def test_problem_and_playbook_pages_are_labelled(browser):
    browser.get(URL + "/problems?lang=en")
    assert browser.find_element(By.TAG_NAME, "h1").text == "Problems"
    links = chromium.now(browser, By.CSS_SELECTOR, "table a[href^='/problems/']")
    if links:
        links[0].click()
        WebDriverWait(browser, 10).until(lambda d: d.find_element(By.TAG_NAME, "h1").text.startswith("Problem "))
        for field in ("p-owner", "p-root", "p-plan"):
            assert browser.find_element(By.CSS_SELECTOR, f"label[for={field}]").text
        shot(browser, "problem-en")
    browser.get(URL + "/playbooks?lang=en")
    assert browser.find_element(By.TAG_NAME, "h1").text == "Service standard"
    assert browser.find_elements(By.CSS_SELECTOR, "section.playbook"), "the demo's playbooks are listed"
    for field in ("ev-new", "tr-new", "te-new", "ta-new", "ph-new"):
        assert browser.find_element(By.CSS_SELECTOR, f"label[for={field}]").text
