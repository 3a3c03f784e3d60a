"""Proactive programmes in the browser (issue 19, items 2-3): the demo programme "call back detractors with an open
complaint within a day" is listed with its status, treated and held-out n, the effect with its 95 % interval (which
contains the planted +15 points and excludes zero), the MDE and the harm flag; a manager pauses and resumes it with the
CSRF-protected buttons; the page in Russian and English at 1366 px and 390 px without overflow, "nil" or a sentence of
the other language. Screenshots go to $OTKLIK_SCREENSHOTS.

scripts/test starts `otklik serve --demo` and passes OTKLIK_URL, OTKLIK_USER, OTKLIK_PASSWORD and OTKLIK_KEY.
"""
import json
import os
import re
import urllib.request

import pytest
import chromium
from selenium.webdriver.common.by import By
from test_initiatives import FOREIGN, resize

URL = os.environ.get("OTKLIK_URL")
KEY = os.environ.get("OTKLIK_KEY")
pytestmark = pytest.mark.skipif(not URL, reason="run through scripts/test, which starts the server")
CODE = "callback-detractors"


@pytest.fixture(scope="module")
def browser():
    driver = chromium.signed_in("1366,900", URL)
    yield driver
    driver.quit()


def row(browser):
    return browser.find_element(By.CSS_SELECTOR, f"#programmes [data-code='{CODE}']")


def test_the_demo_programme_shows_its_effect_against_the_holdout(browser):
    browser.get(URL + "/programmes?lang=en")
    line = row(browser)
    treated, held = (int(n) for n in line.find_element(By.CSS_SELECTOR, ".arms").text.split(" / "))
    assert treated + held == 1200 and 60 <= held <= 180, (treated, held)
    effect = line.find_element(By.CSS_SELECTOR, ".effect").text
    found = re.match(r"\+(\d+\.\d) \[(-?\d+\.\d); (-?\d+\.\d)\] pp$", effect)
    assert found, effect
    low, high = float(found.group(2)), float(found.group(3))
    assert 0 < low <= 15 <= high, effect
    assert line.find_element(By.CSS_SELECTOR, ".mde").text != "—"
    assert "Harmful" not in line.text
    if KEY:
        request = urllib.request.Request(URL + f"/api/v1/programmes/{CODE}/report", headers={"Authorization": f"Bearer {KEY}"})
        body = json.load(urllib.request.urlopen(request))
        assert body["ci_low"] <= 15 <= body["ci_high"] and body["ci_low"] > 0 and body["harmful"] is False
        assert body["treated"]["n"] == treated and body["holdout"]["n"] == held


def test_a_manager_pauses_and_resumes_the_programme(browser):
    browser.get(URL + "/programmes?lang=ru")
    button = row(browser).find_element(By.CSS_SELECTOR, "button.pause")
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", button)
    chromium.follow(browser, button.click)
    assert "Приостановлена" in row(browser).find_element(By.CSS_SELECTOR, ".status").text
    button = row(browser).find_element(By.CSS_SELECTOR, "button.resume")
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", button)
    chromium.follow(browser, button.click)
    assert "Работает" in row(browser).find_element(By.CSS_SELECTOR, ".status").text


def test_the_page_in_both_languages_and_widths(browser):
    problems = []
    for width in (1366, 390):
        resize(browser, width)
        for language in ("ru", "en"):
            browser.get(URL + "/programmes?lang=" + language)
            body = browser.find_element(By.TAG_NAME, "body").text
            if re.search(r"\bnil\b", body) or "Optional(" in browser.page_source:
                problems.append(f"{language} {width}: nil")
            overflow = browser.execute_script("return document.documentElement.scrollWidth") - width
            if overflow > 1:
                problems.append(f"{language} {width}: {overflow}px wider than the screen")
            for sentence in FOREIGN[language]:
                if sentence in body:
                    problems.append(f"{language} {width}: '{sentence}'")
            chromium.shot(browser, f"programmes-{language}-{width}")
    resize(browser, 1366)
    assert not problems, problems
