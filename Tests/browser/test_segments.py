"""Segments and personas (issue 18 item 7) on the demo: the director opens /segments and reads each rule-based segment
with its size and NPS, CSAT and CES (interval and n), or "too few customers" under the minimum size, and the persona
cards (size, centre in words, themes, figures) — in Russian and English, at 1366 px and 390 px; then a customer's page
shows the churn section.

scripts/test starts `otklik serve --demo` and passes OTKLIK_URL, OTKLIK_USER and OTKLIK_PASSWORD.
"""
import os

import pytest
import chromium
from selenium.webdriver.common.by import By

from test_pages_screens import check, each_view, resize

URL = os.environ.get("OTKLIK_URL")
pytestmark = pytest.mark.skipif(not URL, reason="run through scripts/test, which starts the server")


def test_the_director_reads_segments_and_personas(browser):
    problems = []
    for _, language, width in each_view(browser, [("segments", "/segments")]):
        segments = browser.find_elements(By.CSS_SELECTOR, "#segments article.segment")
        assert len(segments) >= 4, "the demo defines its segments"
        loyal = browser.find_element(By.ID, "segment-loyal-high-value")
        assert "n = " in loyal.text and "[" in loyal.text, loyal.text
        cards = browser.find_elements(By.CSS_SELECTOR, ".persona-cards article.persona")
        assert 2 <= len(cards) <= 8
        for card in cards:
            assert card.find_elements(By.CSS_SELECTOR, ".persona-words li"), card.text
            for theme in card.find_elements(By.CSS_SELECTOR, ".theme"):
                assert "_" not in theme.text, "themes are named, not shown by code: " + theme.text
        check(browser, "segments", language, width, problems)
    assert not problems, problems
    resize(browser, 1366)
    browser.get(URL + "/customers/at-risk?lang=en")
    link = browser.find_element(By.CSS_SELECTOR, "#at-risk tbody a")
    chromium.follow(browser, link.click)
    section = browser.find_element(By.ID, "customer-churn")
    assert "%" in browser.find_element(By.ID, "churn-probability").text
    assert section.find_elements(By.CSS_SELECTOR, ".churn-reasons li"), section.text
    check(browser, "customer-churn", "en", 1366, problems)
    assert not problems, problems
