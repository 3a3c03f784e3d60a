"""The loyalty display's staff view in a browser (issue 23): a display paired with a staff_display key (created through
the device API, typed into the pairing page, kept in an HttpOnly cookie) shows a press made through the real device API
within 5 s, with the playbook's tasks and phrases and an announcement for screen readers; the public display beside it
never shows the alert; acknowledging the alert on /alerts takes it off the screen. Russian and English, 1366 and 390 px.
"""
import json
import os
import time
import uuid

import pytest
import chromium
import test_pages_screens as screens
from selenium.webdriver.common.by import By
from selenium.webdriver.support.wait import WebDriverWait
from test_red_press import api, press

URL = os.environ.get("OTKLIK_URL")
KEY = os.environ.get("OTKLIK_KEY")
pytestmark = pytest.mark.skipif(not URL or not KEY, reason="run through scripts/test, which starts the server")


def register(kind, code):
    _, body = api("POST", "/api/v1/devices", {"code": code, "kind": kind, "location": "L01"})
    return json.loads(body)["token"]


def shown(driver):
    return set(driver.execute_script(
        "return Array.from(document.querySelectorAll('#staff-alert-list li.staff-alert')).map(e => e.getAttribute('data-id'))"))


def test_a_press_reaches_the_paired_staff_display_within_five_seconds_and_never_the_public_one():
    suffix = uuid.uuid4().hex[:6].upper()
    console = register("button_console", "RED-D-" + suffix)
    screen_key = register("staff_display", "SCREEN-" + suffix)
    staff = chromium.start("1366,900")
    public = chromium.start("1366,900")
    problems = []
    try:
        # Pairing as a person does it: open the pairing page, type the key, send.
        staff.get(f"{URL}/display/L01/pair?lang=ru")
        screens.check(staff, "display-pair", "ru", 1366, problems)
        staff.find_element(By.ID, "pair-key").send_keys(screen_key)
        chromium.follow(staff, lambda: staff.find_element(By.ID, "pair-submit").click())
        assert staff.current_url.endswith("/display/L01")
        assert staff.find_elements(By.ID, "staff-alerts"), "the paired display is the staff screen"
        cookie = staff.get_cookie("otklik_display")
        assert cookie and cookie["httpOnly"], cookie

        seq = 0
        for width in screens.WIDTHS:
            for language in screens.LANGUAGES:
                for driver in (staff, public):
                    screens.resize(driver, width)
                    driver.get(f"{URL}/display/L01?lang={language}")
                before = shown(staff)
                seq += 1
                pressed = time.monotonic()
                press(console, seq)
                new = set()
                while time.monotonic() - pressed < 5 and not new:
                    time.sleep(0.1)
                    new = shown(staff) - before
                elapsed = time.monotonic() - pressed
                assert new, f"{language} {width}: no alert on the staff display {elapsed:.1f} s after the press"
                print(f"alert on the staff display ({language}, {width} px) {elapsed:.2f} s after the press")
                text = staff.find_element(By.ID, "staff-alerts").text
                assert ("Красная кнопка" if language == "ru" else "Red button") in text
                announced = staff.find_element(By.ID, "staff-alert-status").get_attribute("textContent")
                assert ("Новый сигнал" if language == "ru" else "New alert") in announced, announced
                screens.check(staff, f"display-staff-{language}", language, width, problems)
                # The public display at the same moment: figures only.
                assert not public.find_elements(By.ID, "staff-alerts")
                assert "staff-alert" not in public.page_source
                screens.check(public, f"display-public-{language}", language, width, problems)

        # Acknowledged on /alerts: the alert leaves the staff screen.
        alert = sorted(shown(staff))[0]
        status, _ = api("POST", f"/api/v1/alerts/{alert}/acknowledge", {"by": "S001"})
        assert status == 200
        WebDriverWait(staff, 6).until(lambda d: alert not in shown(d))
    finally:
        staff.quit()
        public.quit()
    assert not problems, "\n".join(problems)
