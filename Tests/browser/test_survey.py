"""A respondent completes the demo's survey on a phone-sized screen, then the API shows the invitation completed.

scripts/test starts `otklik serve --demo`, which prints a fresh invitation link; it passes it as OTKLIK_SURVEY_LINK
and the invitation's id as OTKLIK_SURVEY_INVITATION.
"""
import json
import os
import urllib.error
import urllib.request

import pytest
import chromium
from chromium import shot
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

URL = os.environ.get("OTKLIK_URL")
KEY = os.environ.get("OTKLIK_KEY")
LINK = os.environ.get("OTKLIK_SURVEY_LINK")
INVITATION = os.environ.get("OTKLIK_SURVEY_INVITATION")
pytestmark = pytest.mark.skipif(not URL or not KEY or not LINK, reason="run through scripts/test, which starts the server")


def api(path):
    request = urllib.request.Request(URL + path, headers={"Authorization": "Bearer " + KEY})
    try:
        with urllib.request.urlopen(request) as response:
            return response.status, json.load(response)
    except urllib.error.HTTPError as error:
        return error.code, None


@pytest.fixture(scope="module")
def phone():
    driver = chromium.start("390,844")
    yield driver
    driver.quit()


def test_a_respondent_completes_the_survey_on_a_phone(phone):
    phone.get(LINK)
    assert phone.execute_script("return document.documentElement.lang") == "ru"
    # Switch to English with the language link, as a respondent would.
    chromium.follow(phone, phone.find_element(By.CSS_SELECTOR, 'nav.langs a[lang="en"]').click)
    assert phone.execute_script("return document.documentElement.lang") == "en"
    assert phone.find_element(By.TAG_NAME, "h1").text == "Your visit to our office"
    assert phone.execute_script("return document.documentElement.scrollWidth <= window.innerWidth + 1"), "no sideways scrolling on a phone"

    fieldsets = phone.find_elements(By.CSS_SELECTOR, "fieldset.question")
    assert 1 <= len(fieldsets) <= 5, "the integral question plus at most K - 1 = 4"
    for fieldset in fieldsets:
        assert fieldset.find_element(By.TAG_NAME, "legend").text.strip(), "every question has a legend"
    assert "recommend" in fieldsets[0].find_element(By.TAG_NAME, "legend").text
    for label in phone.find_elements(By.CSS_SELECTOR, "fieldset.question label"):
        target = label.get_attribute("for")
        assert phone.find_elements(By.ID, target), f"label for {target} points at a control"
    shot(phone, "survey-phone")

    # Sending without the integral answer: an announced error, nothing lost.
    chromium.follow(phone, phone.find_element(By.CSS_SELECTOR, 'button[value="submit"]').click)
    summary = phone.find_element(By.ID, "error-summary")
    assert summary.get_attribute("role") == "alert"
    assert phone.find_element(By.CSS_SELECTOR, "fieldset.question").get_attribute("aria-invalid") == "true"

    # Answer every question shown: 9 for NPS, 4 on the Likert and CES scales, the first option, a comment.
    with chromium.no_wait(phone):  # questions without checkboxes etc. need no waiting
        for fieldset in phone.find_elements(By.CSS_SELECTOR, "fieldset.question"):
            radios = fieldset.find_elements(By.CSS_SELECTOR, "input[type=radio]")
            boxes = fieldset.find_elements(By.CSS_SELECTOR, "input[type=checkbox]")
            areas = fieldset.find_elements(By.TAG_NAME, "textarea")
            if radios:
                values = [radio.get_attribute("value") for radio in radios]
                wanted = "9" if "10" in values else ("4" if "4" in values else values[0])
                radio = next(r for r in radios if r.get_attribute("value") == wanted)
                phone.find_element(By.CSS_SELECTOR, f'label[for="{radio.get_attribute("id")}"]').click()
                assert radio.is_selected()
                if wanted == "9":
                    # The keyboard works too, with a visible focus: arrow right selects 10, arrow left goes back to 9.
                    phone.execute_script("arguments[0].focus()", radio)
                    ActionChains(phone).send_keys(Keys.ARROW_RIGHT).perform()
                    ten = next(r for r in radios if r.get_attribute("value") == "10")
                    assert ten.is_selected()
                    label = phone.find_element(By.CSS_SELECTOR, f'label[for="{ten.get_attribute("id")}"]')
                    assert phone.execute_script("return getComputedStyle(arguments[0]).outlineStyle", label) == "solid"
                    ActionChains(phone).send_keys(Keys.ARROW_LEFT).perform()
                    assert radio.is_selected()
            elif boxes:
                phone.find_element(By.CSS_SELECTOR, f'label[for="{boxes[0].get_attribute("id")}"]').click()
            elif areas:
                areas[0].send_keys("More windows at lunchtime")
    # The submit button is reachable and labelled; send.
    submit = phone.find_element(By.CSS_SELECTOR, 'button[value="submit"]')
    assert submit.text == "Send answers"
    chromium.follow(phone, submit.click)
    errors = chromium.now(phone, By.ID, "error-summary")
    assert not errors, errors[0].text if errors else ""
    assert phone.find_element(By.TAG_NAME, "h1").text == "Thank you!"
    shot(phone, "survey-thanks")

    status, invitation = api(f"/api/v1/surveys/branch-visit/invitations/{INVITATION}")
    assert status == 200
    assert invitation["status"] == "completed"
    answers = {a["question"]: a for a in invitation["answers"]}
    assert answers["nps"]["score"] == 9
    assert set(answers) <= set(invitation["shown"])

    # The link cannot be used twice.
    phone.get(LINK)
    assert "already answered" in phone.find_element(By.TAG_NAME, "h1").text

    status, results = api("/api/v1/surveys/branch-visit/results")
    assert status == 200
    assert results["outcomes"]["completed"] >= 1
    assert results["response_rates"]["rr1"] is not None and results["nps"]["respondents_only"]["n"] >= 1
