"""The dissatisfaction model page and the discovered themes in a real browser (headless Chromium, Selenium).

scripts/test starts `otklik serve --demo` and passes OTKLIK_URL, OTKLIK_USER and OTKLIK_PASSWORD.
"""
import os

import pytest
from chromium import shot
import chromium
from selenium.webdriver.common.by import By
from selenium.webdriver.support.select import Select
from selenium.webdriver.support.wait import WebDriverWait

URL = os.environ.get("OTKLIK_URL")
pytestmark = pytest.mark.skipif(not URL, reason="run through scripts/test, which starts the server")
PERIOD = "from=2025-11-23&to=2026-11-22"


@pytest.fixture(scope="module")
def browser():
    driver = chromium.signed_in("1280,2400", URL, "/login")
    yield driver
    driver.quit()


def test_reached_from_the_dashboard_navigation(browser):
    browser.get(URL + "/")
    chromium.nav_link(browser, "/dissatisfaction").click()
    WebDriverWait(browser, 10).until(lambda d: "/dissatisfaction" in d.current_url)
    assert browser.find_element(By.TAG_NAME, "h1").text == "Неудовлетворённость"


def test_reasons_by_location_table_and_chart(browser):
    browser.get(URL + "/dissatisfaction?lang=en&" + PERIOD)
    assert browser.find_element(By.TAG_NAME, "h1").text == "Dissatisfaction"
    table = browser.find_element(By.ID, "dissatisfaction-table")
    headers = [th.text for th in table.find_elements(By.CSS_SELECTOR, "thead th")]
    assert "Waiting time" in headers
    rows = table.find_elements(By.CSS_SELECTOR, "tbody tr")
    assert len(rows) >= 10, "one row per demo location"
    assert any("L07" in row.text for row in rows)
    reasons = browser.find_element(By.ID, "reasons-table").text
    assert "Waiting time" in reasons and "[" in reasons, "shares come with their interval"
    chart = browser.find_element(By.CSS_SELECTOR, "section[aria-labelledby=reasons-h] svg.chart")
    assert chart.get_attribute("role") == "img" and chart.get_attribute("aria-label")
    assert browser.find_elements(By.CSS_SELECTOR, "#trend-table tbody tr"), "a monthly trend"
    shot(browser, "dissatisfaction-en")


def test_switch_to_staff_with_the_form(browser):
    browser.get(URL + "/dissatisfaction?" + PERIOD)
    Select(browser.find_element(By.ID, "by")).select_by_value("staff")
    browser.find_element(By.CSS_SELECTOR, "form.filters button[type=submit]").click()
    WebDriverWait(browser, 10).until(lambda d: "by=staff" in d.current_url)
    rows = browser.find_elements(By.CSS_SELECTOR, "#dissatisfaction-table tbody tr")
    assert any("S013" in row.text for row in rows)


def test_compliance_beside_perceived_quality(browser):
    browser.get(URL + "/dissatisfaction?lang=en&" + PERIOD)
    section = browser.find_element(By.ID, "compliance-h").find_element(By.XPATH, "..")
    assert "CSAT" in section.text and "NPS" in section.text
    assert section.find_elements(By.CSS_SELECTOR, "#compliance-locations tbody tr")


def test_discovered_themes_page(browser):
    browser.get(URL + "/themes/discovered?lang=en")
    assert browser.find_element(By.TAG_NAME, "h1").text == "Discovered themes"
    assert browser.find_element(By.ID, "themes-table").find_elements(By.CSS_SELECTOR, "tbody tr")


def test_label_comments_page(browser):
    browser.get(URL + "/comments/label?lang=en")
    assert browser.find_element(By.TAG_NAME, "h1").text == "Label comments"
    rows = browser.find_elements(By.CSS_SELECTOR, "#labels-table tbody tr")
    assert rows, "the last 30 days' comments"
    select = rows[0].find_element(By.TAG_NAME, "select")
    assert browser.find_element(By.CSS_SELECTOR, "label[for='%s']" % select.get_attribute("id")).get_attribute("textContent")
