"""Issue 20 item 8 in a browser: a manager builds a survey with a Kano pair, a SERVQUAL pair, an importance item and
skip logic on the page (keyboard only for the disclosure), previews and creates it, and finds its public link, QR
code and embed snippet; a respondent on a phone starts it from the public link and sees the follow-up question only
after a low NPS, on the same page, without script; once closed, the link says so. Run through /work/tools/browser.sh or scripts/test (demo server, OTKLIK_URL, OTKLIK_KEY, OTKLIK_USER)."""
import json
import os
import urllib.error
import urllib.request

import pytest
import chromium
from chromium import shot
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select

URL = os.environ.get("OTKLIK_URL")
KEY = os.environ.get("OTKLIK_KEY")
pytestmark = pytest.mark.skipif(not URL or not KEY or not os.environ.get("OTKLIK_USER"), reason="run through scripts/test, which starts the server")
CODE = "browser-skip"


def api(method, path, body=None):
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(URL + path, data=data, method=method, headers={"Authorization": "Bearer " + KEY, "Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request) as response:
            return response.status, json.load(response)
    except urllib.error.HTTPError as error:
        return error.code, None


def fill(driver, row, **fields):
    for name, value in fields.items():
        element = driver.find_element(By.NAME, f"q{row}.{name}")
        if element.tag_name == "select":
            Select(element).select_by_value(value)
        else:
            element.clear()
            element.send_keys(value)


def open_advanced(driver, row):
    summary = driver.find_element(By.CSS_SELECTOR, f"#row-{row} details.advanced summary")
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", summary)
    summary.send_keys(Keys.ENTER)  # the keyboard opens the disclosure
    assert driver.find_element(By.CSS_SELECTOR, f"#row-{row} details.advanced").get_attribute("open") is not None


def test_a_manager_builds_a_survey_with_every_item_type_and_skip_logic():
    driver = chromium.signed_in("1366,900", URL)
    try:
        driver.get(URL + "/surveys/new?lang=en")
        driver.find_element(By.ID, "s-code").send_keys(CODE)
        driver.find_element(By.ID, "s-title-ru").send_keys("Визит в банк")
        driver.find_element(By.ID, "s-title-en").send_keys("Bank visit")
        Select(driver.find_element(By.ID, "s-purpose")).select_by_value("feedback")
        driver.find_element(By.ID, "s-p").clear()
        driver.find_element(By.ID, "s-p").send_keys("1")
        driver.find_element(By.ID, "s-k").clear()
        driver.find_element(By.ID, "s-k").send_keys("6")
        fill(driver, 0, code="nps", type="nps", text_ru="Порекомендуете ли вы наш банк?", text_en="Would you recommend our bank?")
        fill(driver, 1, code="wifi", type="kano", text_ru="Если в отделении будет Wi-Fi, как вы отнесётесь?", text_en="If the office had Wi-Fi?")
        open_advanced(driver, 1)
        fill(driver, 1, dysfunctional_ru="Если Wi-Fi не будет, как вы отнесётесь?")
        fill(driver, 2, code="p_rel", type="likert", factor="reliability", text_ru="Банк выполняет обещания в срок")
        fill(driver, 3, code="e_rel", type="likert", text_ru="Хороший банк выполняет обещания в срок")
        open_advanced(driver, 3)
        fill(driver, 3, expectation_of="p_rel")
        fill(driver, 4, code="i_rel", type="likert", text_ru="Насколько для вас важна надёжность?")
        open_advanced(driver, 4)
        fill(driver, 4, importance_of="reliability")
        fill(driver, 5, code="fix", type="text", text_ru="Что нам исправить?", text_en="What should we fix?")
        open_advanced(driver, 5)
        fill(driver, 5, show_if_question="nps", show_if_op="at_most", show_if_value="6")

        chromium.follow(driver, driver.find_element(By.ID, "survey-preview").click)
        preview = driver.find_element(By.ID, "preview").text
        assert "Shown only if the answer to «Would you recommend our bank?» is at most 6" in preview
        assert "And if not:" in preview and "I expect it" in preview
        assert "SERVQUAL expectation of" in preview
        shot(driver, "survey-editor-preview")

        chromium.follow(driver, driver.find_element(By.ID, "survey-create").click)
        assert driver.current_url.split("?")[0].endswith("/surveys/" + CODE)
        # A feedback survey's page: its public link, QR code and embed snippet.
        public_link = driver.find_element(By.ID, "survey-public-link").get_attribute("href")
        assert public_link.endswith("/s/open/" + CODE)
        qr = driver.find_element(By.CSS_SELECTOR, ".survey-qr img")
        assert driver.execute_script("return arguments[0].complete && arguments[0].naturalWidth > 0", qr), "the QR code loads"
        assert "<iframe" in driver.find_element(By.ID, "survey-embed").get_attribute("value")
        section = driver.find_element(By.CSS_SELECTOR, ".survey-distribution")
        driver.execute_script("arguments[0].scrollIntoView()", section)
        shot(driver, "survey-distribution")
        status, survey = api("GET", f"/api/v1/surveys/{CODE}")
        assert status == 200
        questions = {q["code"]: q for q in survey["questions"]}
        assert questions["fix"]["show_if"] == {"question": "nps", "at_most": 6}
        assert questions["e_rel"]["expectation_of"] == "p_rel" and questions["i_rel"]["importance_of"] == "reliability"
        assert questions["wifi"]["dysfunctional_ru"].startswith("Если Wi-Fi не будет")
    finally:
        driver.quit()

    # A respondent on a phone opens the public link (a start page), starts, and meets the follow-up only after a low NPS.
    phone = chromium.start("390,844")
    try:
        phone.get(public_link + "?lang=en")
        assert phone.find_element(By.TAG_NAME, "h1").text == "Bank visit"
        shot(phone, "survey-start-phone")
        chromium.follow(phone, phone.find_element(By.ID, "survey-start").click)
        assert "/s/" in phone.current_url and "/s/open/" not in phone.current_url
        status, listed = api("GET", f"/api/v1/surveys/{CODE}/invitations")
        assert status == 200 and len(listed["items"]) == 1 and listed["items"][0]["channel"] == "web"
        invitation = listed["items"][0]["id"]
        legends = [e.text for e in phone.find_elements(By.CSS_SELECTOR, "fieldset.question > legend")]
        assert not any("What should we fix?" in text for text in legends)
        assert phone.execute_script("return document.documentElement.scrollWidth <= window.innerWidth + 1")
        three = phone.find_element(By.CSS_SELECTOR, 'input[name="q.nps"][value="3"]')
        phone.find_element(By.CSS_SELECTOR, f'label[for="{three.get_attribute("id")}"]').click()
        chromium.follow(phone, phone.find_element(By.CSS_SELECTOR, 'button[value="submit"]').click)
        notice = phone.find_element(By.ID, "revealed-notice")
        assert notice.get_attribute("role") == "status"
        fix = phone.find_element(By.ID, "q-fix")
        assert "new" in fix.find_element(By.TAG_NAME, "legend").text
        assert phone.find_element(By.CSS_SELECTOR, 'input[name="q.nps"][value="3"]').is_selected(), "the answer given is kept"
        shot(phone, "survey-skip-revealed-phone")
        phone.find_element(By.ID, "q-fix-text").send_keys("Longer opening hours")
        chromium.follow(phone, phone.find_element(By.CSS_SELECTOR, 'button[value="submit"]').click)
        assert phone.find_element(By.TAG_NAME, "h1").text == "Thank you!"
        status, stored = api("GET", f"/api/v1/surveys/{CODE}/invitations/{invitation}")
        assert stored["status"] == "completed"
        assert {a["question"]: a for a in stored["answers"]}["fix"]["text"] == "Longer opening hours"

        # The manager closes it from its page (a disclosure, then the confirming button); the link says so.
        manager = chromium.signed_in("1366,900", URL)
        try:
            manager.get(URL + f"/surveys/{CODE}?lang=en")
            assert not manager.find_element(By.ID, "survey-close").is_displayed(), "closing takes two steps"
            manager.find_element(By.CSS_SELECTOR, "details.survey-close summary").click()
            chromium.follow(manager, manager.find_element(By.ID, "survey-close").click)
            assert "Closed on" in manager.find_element(By.ID, "survey-closed").text
        finally:
            manager.quit()
        status, _ = api("POST", f"/api/v1/surveys/{CODE}/interactions", {"id": "browser-skip-3"})
        assert status == 409
        phone.get(public_link + "?lang=ru")
        assert phone.find_element(By.TAG_NAME, "h1").text == "Опрос закрыт"
        shot(phone, "survey-closed-phone")
    finally:
        phone.quit()
