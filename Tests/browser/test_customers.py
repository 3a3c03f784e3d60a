"""The customer page (issue 18 items 1 and 3): feedback left with a customer id and a phone, and later with the same
phone written another way, is found by the phone in any spelling; the customer's page shows the identities and one
timeline with the identity that linked each item — in Russian and English, at 1366 px and 390 px, reached with the
keyboard from the search form, and from the case page.

scripts/test starts `otklik serve --demo` and passes OTKLIK_URL, OTKLIK_USER, OTKLIK_PASSWORD and OTKLIK_KEY.
"""
import json
import os
import urllib.request
from datetime import datetime, timedelta, timezone

import pytest
import chromium
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from test_pages_screens import check, resize

URL = os.environ.get("OTKLIK_URL")
KEY = os.environ.get("OTKLIK_KEY")
pytestmark = pytest.mark.skipif(not URL or not KEY, reason="run through scripts/test, which starts the server")


def post_feedback(items):
    request = urllib.request.Request(
        URL + "/api/v1/feedback", data=json.dumps({"items": items}).encode(), method="POST",
        headers={"Authorization": "Bearer " + KEY, "Content-Type": "application/json"})
    with urllib.request.urlopen(request) as response:
        assert response.status in (200, 201)


@pytest.fixture(scope="module")
def browser():
    now = datetime.now(timezone.utc)
    stamp = lambda hours: (now - timedelta(hours=hours)).strftime("%Y-%m-%dT%H:%M:%S.000Z")
    post_feedback([
        {"id": "browser-customer-1", "ts": stamp(3), "channel": "qr_web", "location": "L01", "customer": "BROWSER-1",
         "csat": 1, "comment": "Долго ждал в очереди", "contact": "8 (912) 000-11-22"},
        {"id": "browser-customer-2", "ts": stamp(1), "channel": "web", "location": "L01", "kind": "informative", "nps": 9,
         "contact": "+7 912 000 11 22"},
    ])
    driver = chromium.signed_in("1366,900", URL)
    yield driver
    driver.quit()


def test_search_by_phone_in_another_spelling_and_read_the_timeline(browser):
    problems = []
    for width in (1366, 390):
        resize(browser, width)
        for language in ("ru", "en"):
            browser.get(URL + "/customers?lang=" + language)
            box = browser.find_element(By.ID, "c-q")
            assert browser.find_element(By.CSS_SELECTOR, "label[for=c-q]").text
            box.send_keys("912 000-11-22", Keys.ENTER)
            rows = browser.find_elements(By.CSS_SELECTOR, "#customers tbody tr")
            assert len(rows) == 1, browser.page_source[:2000]
            check(browser, "customers-search", language, width, problems)
            link = rows[0].find_element(By.CSS_SELECTOR, "a")
            assert link.text == "BROWSER-1"
            link.send_keys(Keys.ENTER)
            assert browser.find_element(By.ID, "customer-id").text == "BROWSER-1"
            identities = [row.text for row in browser.find_elements(By.CSS_SELECTOR, "#identities tbody tr")]
            assert any("+79120001122" in row for row in identities), identities
            assert any("BROWSER-1" in row for row in identities), identities
            timeline = browser.find_elements(By.CSS_SELECTOR, "#timeline tbody tr")
            assert len(timeline) == 3, [row.text for row in timeline]  # two feedback and the complaint's case
            linked = [row.find_elements(By.TAG_NAME, "td")[-1].text for row in timeline]
            assert any("+79120001122" in text for text in linked) and any("BROWSER-1" in text for text in linked), linked
            assert browser.find_element(By.ID, "timeline-total").text == "3"
            check(browser, "customer", language, width, problems)
    assert not problems, "\n".join(problems)


def test_the_case_page_links_to_the_customer(browser):
    resize(browser, 1366)
    browser.get(URL + "/cases/case-browser-customer-1?lang=en")
    link = browser.find_element(By.ID, "customer-link")
    link.send_keys(Keys.ENTER)
    assert browser.find_element(By.ID, "customer-id").text == "BROWSER-1"
