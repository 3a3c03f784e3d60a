"""The kiosk, the QR form and the loyalty display in headless Chromium, including the kiosk's offline queue.

scripts/test starts `otklik serve --demo` with a 5-second kiosk idle time and passes OTKLIK_URL and OTKLIK_KEY.
"""
import json
import os
import subprocess
import tempfile
import urllib.request

import pytest
from chromium import shot
import chromium
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.wait import WebDriverWait

URL = os.environ.get("OTKLIK_URL")
KEY = os.environ.get("OTKLIK_KEY")
pytestmark = pytest.mark.skipif(not URL or not KEY, reason="run through scripts/test, which starts the server")


@pytest.fixture(scope="module")
def browser():
    driver = chromium.start("1280,900")
    yield driver
    driver.quit()


def api(path):
    request = urllib.request.Request(URL + path, headers={"Authorization": "Bearer " + KEY})
    try:
        with urllib.request.urlopen(request) as response:
            return response.status, json.load(response)
    except urllib.error.HTTPError as error:
        return error.code, None


def visible_step(driver):
    return driver.execute_script(
        "var s = document.querySelector('.step:not([hidden])'); return s ? s.getAttribute('data-step') : null;")


def queue(driver):
    return driver.execute_script("return JSON.parse(localStorage.getItem('otklik-queue') || '[]');")


def set_offline(driver, offline):
    driver.execute_cdp_cmd("Network.enable", {})
    driver.execute_cdp_cmd("Network.emulateNetworkConditions", {
        "offline": offline, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1})


def answer(driver, rating, reason=True, comment=None, contact=None):
    driver.find_element(By.CSS_SELECTOR, f'button[data-rating="{rating}"]').click()
    assert visible_step(driver) == "reasons"
    if reason:
        chip = driver.find_element(By.CSS_SELECTOR, "button.reason")
        chip.click()
        assert chip.get_attribute("aria-pressed") == "true"
    if comment:
        driver.find_element(By.ID, "comment").send_keys(comment)
    driver.find_element(By.CSS_SELECTOR, 'button[data-next="contact"]').click()
    assert visible_step(driver) == "contact"
    if contact:
        driver.find_element(By.ID, "contact").send_keys(contact)
        driver.find_element(By.CSS_SELECTOR, 'button[data-with-contact="true"]').click()
        assert driver.find_element(By.ID, "contact-error").is_displayed(), "a contact without consent is refused"
        driver.find_element(By.ID, "consent").click()
        driver.find_element(By.CSS_SELECTOR, 'button[data-with-contact="true"]').click()
    else:
        driver.find_element(By.CSS_SELECTOR, 'button[data-with-contact="false"]').click()
    assert visible_step(driver) == "thanks"


def test_kiosk_complaint_reaches_the_store(browser):
    browser.get(URL + "/kiosk/L03")
    browser.execute_script("localStorage.clear()")
    browser.refresh()
    assert visible_step(browser) == "rating"
    assert len(browser.find_elements(By.CSS_SELECTOR, "button.face")) == 5
    shot(browser, "kiosk-rating")
    answer(browser, 2, comment="Очередь 40 минут", contact="+7 900 123-45-67")
    assert browser.find_element(By.CSS_SELECTOR, ".callback").is_displayed(), "the customer is told we will call back"
    shot(browser, "kiosk-thanks")
    WebDriverWait(browser, 15).until(lambda d: not queue(d))
    status, body = api("/api/v1/feedback?location=L03&kind=complaint&channel=terminal&limit=5")
    assert status == 200
    latest = body["items"][0]
    assert latest["contact"] == "+7 900 123-45-67" and latest["csat"] == 2 and latest["comment"] == "Очередь 40 минут"
    WebDriverWait(browser, 10).until(lambda d: visible_step(d) == "rating")  # back to the start for the next customer


def test_kiosk_keeps_answers_offline_and_sends_each_once(browser):
    browser.get(URL + "/kiosk/L04")
    browser.execute_script("localStorage.clear()")
    browser.refresh()
    set_offline(browser, True)
    try:
        for rating in (5, 1):
            WebDriverWait(browser, 15).until(lambda d: visible_step(d) == "rating")
            answer(browser, rating, reason=rating == 1)
        WebDriverWait(browser, 10).until(lambda d: len(queue(d)) == 2)
        assert "2" in browser.find_element(By.ID, "queue-status").text
        shot(browser, "kiosk-offline-queue")
        ids = [item["id"] for item in queue(browser)]
    finally:
        set_offline(browser, False)
    browser.execute_script("window.dispatchEvent(new Event('online'))")
    WebDriverWait(browser, 20).until(lambda d: not queue(d))
    for item_id in ids:
        assert api("/api/v1/feedback/kiosk-" + item_id)[0] == 200
    # The network ate the answer to the first send: the kiosk sends the same answers again. Nothing doubles.
    before = api("/api/v1/feedback?location=L04&channel=terminal&limit=1000")[1]["items"]
    stored = [api("/api/v1/feedback/kiosk-" + item_id)[1] for item_id in ids]
    resend = [{"id": s["id"], "ts": s["ts"], "channel": "terminal", "location": "L04", "csat": s["csat"],
               "reasons": s.get("reasons", []), "lang": s.get("lang")} for s in stored]
    browser.execute_script("localStorage.setItem('otklik-queue', arguments[0]); window.dispatchEvent(new Event('online'));", json.dumps(resend))
    WebDriverWait(browser, 20).until(lambda d: not queue(d))
    after = api("/api/v1/feedback?location=L04&channel=terminal&limit=1000")[1]["items"]
    assert len(after) == len(before)


def test_kiosk_returns_to_the_start_when_idle(browser):
    browser.get(URL + "/kiosk/L05")
    browser.find_element(By.CSS_SELECTOR, 'button[data-rating="4"]').click()
    assert visible_step(browser) == "reasons"
    idle = int(os.environ.get("OTKLIK_KIOSK_IDLE", "30"))
    WebDriverWait(browser, idle + 5).until(lambda d: visible_step(d) == "rating")


def test_qr_form_on_a_phone_with_the_keyboard(browser):
    browser.set_window_size(390, 844)
    try:
        browser.get(URL + "/q/L06?staff=S006&service=SV02&lang=en")
        assert "Excellent" in browser.page_source
        place = browser.find_element(By.CSS_SELECTOR, ".place").text
        assert "SV02" not in place and place, "the form names the place, the staff member and the service"
        shot(browser, "qr-phone-en")
        face = browser.find_element(By.CSS_SELECTOR, 'button[data-rating="5"]')
        face.send_keys(Keys.ENTER)
        assert visible_step(browser) == "reasons"
        assert browser.switch_to.active_element.tag_name == "h1", "focus moves to the new question for screen readers"
        widths = browser.execute_script("return [document.documentElement.scrollWidth, window.innerWidth]")
        assert widths[0] <= widths[1], "no sideways scrolling on a phone"
    finally:
        browser.set_window_size(1280, 900)


def test_loyalty_display_updates_without_reload(browser):
    browser.get(URL + "/display/L08")
    before = int(browser.find_element(By.ID, "responses").get_attribute("textContent"))
    marker = browser.execute_script("window.otklikMarker = 1; return window.otklikMarker;")
    browser.execute_script("""
        var items = [5, 5, 4, 2, 5].map(function (csat, i) {
          return {id: 'display-' + Date.now() + '-' + i, ts: new Date().toISOString(), channel: 'qr_web', location: 'L08', csat: csat};
        });
        fetch('/public/v1/feedback', {method: 'POST', headers: {'Content-Type': 'application/json'}, body: JSON.stringify({items: items})});""")
    WebDriverWait(browser, 25).until(lambda d: int(d.find_element(By.ID, "responses").get_attribute("textContent")) == before + 5)
    assert browser.execute_script("return window.otklikMarker;") == marker, "the page was not reloaded"
    big = browser.find_element(By.CSS_SELECTOR, ".big").text
    assert "%" in big and big.replace("%", "").strip().isdigit(), "five ratings today: the share is shown"
    shot(browser, "loyalty-display")


def test_printed_qr_code_decodes_to_the_form(browser):
    browser.set_window_size(600, 600)
    try:
        browser.get(URL + "/q/L01/qr.svg?staff=S001&service=SV01")
        with tempfile.TemporaryDirectory() as folder:
            image = os.path.join(folder, "qr.png")
            browser.save_screenshot(image)
            shot(browser, "qr-code")
            decoded = subprocess.run(["zbarimg", "--raw", "-q", image], capture_output=True, text=True, check=True).stdout.strip()
    finally:
        browser.set_window_size(1280, 900)
    assert decoded == URL + "/q/L01?staff=S001&service=SV01"
    browser.get(decoded)
    assert browser.find_element(By.CSS_SELECTOR, "#feedback-form").get_attribute("data-staff") == "S001"
