"""Employee experience in the browser (issue 20 item 5): /employee-experience shows attrition by location from the
staff records and the demo's closed pulse survey, whose hidden groups carry no number a reader could subtract from the
total; a manager creates, starts and closes a pulse survey with the page's CSRF-protected forms, a staff member answers
through a one-time link on a phone (the link then refuses a second answer); the pages in Russian and English at 1366 px
and 390 px without overflow, "nil" or a sentence of the other language. Screenshots go to $OTKLIK_SCREENSHOTS.

scripts/test starts `otklik serve --demo` and passes OTKLIK_URL, OTKLIK_USER, OTKLIK_PASSWORD and OTKLIK_KEY.
"""
import json
import os
import re
import time
import urllib.request

import pytest
import chromium
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from test_pages_screens import resize, views_problems

URL = os.environ.get("OTKLIK_URL")
KEY = os.environ.get("OTKLIK_KEY")
pytestmark = pytest.mark.skipif(not URL, reason="run through scripts/test, which starts the server")


def results_rows(article):
    rows = []
    for tr in article.find_elements(By.CSS_SELECTOR, "table.pulse-results tbody tr"):
        cells = [td.text for td in tr.find_elements(By.TAG_NAME, "td")]
        rows.append({"name": tr.find_element(By.TAG_NAME, "th").text, "hidden": "hidden-figure" in (tr.get_attribute("class") or ""), "cells": cells})
    return rows


def test_attrition_and_the_demo_survey_hide_what_could_be_subtracted(browser):
    browser.get(URL + "/employee-experience?lang=en&from=2025-12-01&to=2026-11-22")
    total = browser.find_element(By.CSS_SELECTOR, "#attrition-table tfoot tr").text
    opening, closing, hires, leavers = (int(n) for n in total.split()[1:5])
    assert closing == opening + hires - leavers, total
    assert leavers >= 12, "the demo's twelve former staff left in the last year"
    article = browser.find_element(By.CSS_SELECTOR, "article.pulse-survey[data-code='pulse-demo']")
    rows = results_rows(article)
    hidden = [row for row in rows if row["hidden"]]
    shown = [row for row in rows if not row["hidden"]]
    assert hidden and shown
    for row in hidden:
        assert len(row["cells"]) == 2 and not re.search(r"\d", row["cells"][1].replace("5", "")), row
    answers_total = int(article.find_element(By.CSS_SELECTOR, "tfoot tr").text.split()[2])
    remainder = answers_total - sum(int(row["cells"][1]) for row in shown)
    # Whatever is subtracted, the remainder is a pool of at least two groups with at least five answers.
    assert len(hidden) >= 2 and remainder >= 5, (len(hidden), remainder)
    if KEY:
        request = urllib.request.Request(URL + "/api/v1/pulse-surveys/pulse-demo/results", headers={"Authorization": f"Bearer {KEY}"})
        body = json.load(urllib.request.urlopen(request))
        assert body["results"]["total"]["n"] == answers_total
        assert sum(1 for group in body["results"]["groups"] if "suppressed" in group) == len(hidden)


def test_a_manager_runs_a_pulse_survey_and_a_staff_member_answers_on_a_phone(browser):
    code = f"p{int(time.time())}"
    browser.get(URL + "/employee-experience?lang=ru")
    browser.find_element(By.ID, "pulse-code").send_keys(code)
    browser.find_element(By.ID, "pulse-title").send_keys("Пульс: проверка")
    minimum = browser.find_element(By.ID, "pulse-minimum")
    minimum.clear()
    minimum.send_keys("5")
    chromium.follow(browser, lambda: browser.find_element(By.CSS_SELECTOR, "form.pulse-new button[type=submit]").click())
    article = browser.find_element(By.CSS_SELECTOR, f"article.pulse-survey[data-code='{code}']")
    assert "Черновик" in article.text
    start = article.find_element(By.CSS_SELECTOR, f"form[action='/employee-experience/pulse/{code}/start'] button")
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", start)
    chromium.follow(browser, start.click)
    links = [a.get_attribute("href") for a in browser.find_elements(By.CSS_SELECTOR, "#pulse-links-table a")]
    assert len(links) == 80, len(links)
    browser.get(URL + "/employee-experience?lang=ru")
    assert "/pulse/otp_" not in browser.page_source, "the links are shown once"

    resize(browser, 390)
    browser.get(links[0] + "?lang=ru")
    assert "рекомендуете" in browser.find_element(By.TAG_NAME, "h1").text + browser.find_element(By.TAG_NAME, "legend").text
    chromium.follow(browser, lambda: browser.find_element(By.ID, "pulse-send").click())
    assert "Выберите число от 0 до 10" in browser.find_element(By.ID, "error-summary").text
    chromium.shot(browser, "pulse-answer-error-ru-390")
    browser.find_element(By.CSS_SELECTOR, "label[for='pulse-score-8']").click()
    browser.find_element(By.ID, "pulse-comment").send_keys("Больше обучения")
    chromium.shot(browser, "pulse-answer-ru-390")
    chromium.follow(browser, lambda: browser.find_element(By.ID, "pulse-send").click())
    assert "Спасибо" in browser.find_element(By.TAG_NAME, "h1").text
    browser.get(links[0] + "?lang=en")
    assert "already been used" in browser.find_element(By.TAG_NAME, "h1").text
    resize(browser, 1366)

    browser.get(URL + "/employee-experience?lang=en")
    article = browser.find_element(By.CSS_SELECTOR, f"article.pulse-survey[data-code='{code}']")
    assert "1 / 80" in article.find_element(By.CSS_SELECTOR, ".response").text
    assert "Figures appear when the survey is closed" in article.text
    close = article.find_element(By.CSS_SELECTOR, f"form[action='/employee-experience/pulse/{code}/close'] button")
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", close)
    chromium.follow(browser, close.click)
    article = browser.find_element(By.CSS_SELECTOR, f"article.pulse-survey[data-code='{code}']")
    assert "Closed" in article.text
    assert "Total: hidden: fewer than 5 answers" in article.text, "one answer: no figure, no comment"
    assert "Больше обучения" not in article.text


def test_the_pages_in_both_languages_and_widths(browser):
    problems = views_problems(browser, [("employee-experience", "/employee-experience")])
    assert not problems, problems


def test_keyboard_reaches_the_score_and_sends_it():
    """On the answer page a keyboard user tabs to the scale, picks a number with the arrows, tabs past the comment to the
    button and sends with Enter."""
    if not KEY:
        pytest.skip("needs the API key")
    code = f"k{int(time.time())}"
    for path, method, body in ((f"/api/v1/pulse-surveys/{code}", "PUT", {"title": "Keyboard"}), (f"/api/v1/pulse-surveys/{code}/start", "POST", None)):
        request = urllib.request.Request(URL + path, data=json.dumps(body).encode() if body else None, method=method,
                                         headers={"Authorization": f"Bearer {KEY}", "Content-Type": "application/json"})
        answer = json.load(urllib.request.urlopen(request))
    link = answer["links"][0]["url"]
    driver = chromium.start("1366,900")
    try:
        driver.get((link if link.startswith("http") else URL + link) + "?lang=en")
        driver.find_element(By.TAG_NAME, "body").send_keys(Keys.TAB)
        for _ in range(10):
            if driver.switch_to.active_element.get_attribute("name") == "score":
                break
            driver.switch_to.active_element.send_keys(Keys.TAB)
        focused = driver.switch_to.active_element
        assert focused.get_attribute("name") == "score", "Tab reaches the scale"
        focused.send_keys(Keys.SPACE)
        focused.send_keys(Keys.ARROW_RIGHT)
        assert driver.switch_to.active_element.get_attribute("value") == "1", "the arrow moves along the scale"
        driver.switch_to.active_element.send_keys(Keys.TAB)
        assert driver.switch_to.active_element.get_attribute("id") == "pulse-comment"
        driver.switch_to.active_element.send_keys(Keys.TAB)
        assert driver.switch_to.active_element.get_attribute("id") == "pulse-send"
        chromium.follow(driver, lambda: driver.switch_to.active_element.send_keys(Keys.ENTER))
        assert "Thank you" in driver.find_element(By.TAG_NAME, "h1").text
    finally:
        driver.quit()


def test_thanks_through_the_form_reach_the_colleagues_card(browser):
    """The demo user is linked to S007, the manager of the weak location: they thank S018 (same location) with the
    form, the thanks shows on the recognition page and on S018's card, whose figures link to the metrics API."""
    browser.get(URL + "/recognition?lang=en")
    assert "Your location's staff" in browser.find_element(By.ID, "rec-team-h").text
    browser.find_element(By.CSS_SELECTOR, "#rec-to option[value='S018']").click()
    words = f"Thank you for covering the shift {int(time.time())}"
    browser.find_element(By.ID, "rec-text").send_keys(words)
    chromium.follow(browser, lambda: browser.find_element(By.ID, "rec-send").click())
    assert "your colleague will see it here" in browser.find_element(By.ID, "rec-thanked").text
    assert words in browser.find_element(By.ID, "rec-team").text
    browser.get(URL + "/staff/S018?lang=en")
    assert words in browser.find_element(By.ID, "card-recognition").text
    counts = browser.find_element(By.ID, "card-recognition-counts").text
    assert int(re.search(r"Thanks: (\d+)", counts).group(1)) >= 1, counts
    figures = browser.find_elements(By.CSS_SELECTOR, "#card-figures tbody tr")
    assert [row.find_element(By.TAG_NAME, "th").text for row in figures] == ["NPS", "CSAT"]
    assert "since " in browser.find_element(By.ID, "card-tenure").text


def test_the_recognition_page_and_a_staff_card_in_both_languages_and_widths(browser):
    problems = views_problems(browser, [("recognition", "/recognition"), ("staff-S007", "/staff/S007")])
    assert not problems, problems
