"""Mystery shopping in the browser (issue 23, item 1): the shopper's form on a phone keeps working offline — answers
and a photo made with no network wait in the phone's storage (IndexedDB) and are stored once when it returns, the photo
shrunk to at most 1600 px and shown as a thumbnail on the visit's page; the overview shows the scores
with n and intervals beside compliance and CSAT; both pages in Russian and English at 1366 px and 390 px.

scripts/test starts `otklik serve --demo` and passes OTKLIK_URL, OTKLIK_USER, OTKLIK_PASSWORD and OTKLIK_KEY.
"""
import json
import os
import struct
import tempfile
import time
import urllib.request
import uuid
import zlib
from datetime import datetime, timedelta, timezone

import pytest
import chromium
from selenium.webdriver.common.by import By
from selenium.webdriver.support.wait import WebDriverWait
from test_pages_screens import resize, views_problems

URL = os.environ.get("OTKLIK_URL")
KEY = os.environ.get("OTKLIK_KEY")
pytestmark = pytest.mark.skipif(not URL or not KEY, reason="run through scripts/test, which starts the server")


def api(method, path, body=None):
    request = urllib.request.Request(URL + path, method=method, data=json.dumps(body).encode() if body is not None else None,
                                     headers={"Authorization": f"Bearer {KEY}", "Content-Type": "application/json"})
    with urllib.request.urlopen(request) as response:
        return response.status, json.load(response)


def planned_visit():
    api("PUT", "/api/v1/mystery/checklists/browser-std", {"title": "Стандарт обслуживания в зале", "items": [
        {"code": "greet", "text": "Сотрудник поздоровался первым", "weight": 2, "required_phrase": "Здравствуйте! Чем могу помочь?"},
        {"code": "listen", "text": "Выслушал, не перебивая", "weight": 1},
        {"code": "tidy", "text": "Порядок в зоне ожидания", "weight": 1, "kind": "score", "max_score": 4, "photo": True}]})
    visit = "mv-" + uuid.uuid4().hex[:8]
    now = datetime.now(timezone.utc)
    status, _ = api("POST", "/api/v1/mystery/visits", {"id": visit, "checklist": "browser-std", "location": "L01", "channel": "visit",
                                                       "from": (now - timedelta(days=1)).isoformat(), "to": (now + timedelta(days=6)).isoformat()})
    assert status == 201
    return visit


def png(width, height):
    """A real PNG file of width × height (a horizontal gradient), written to a temporary file."""
    row = b"\x00" + bytes(value for x in range(width) for value in (x * 255 // width, 90, 160))
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    data = (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(row * height, 6)) + chunk(b"IEND", b""))
    handle = tempfile.NamedTemporaryFile(suffix=".png", delete=False)
    handle.write(data)
    handle.close()
    return handle.name


def waiting(driver):
    """What the form's queue (IndexedDB) holds."""
    return driver.execute_async_script("var done = arguments[0]; window.otklikMysteryQueue().then(done, function () { done(null); });")


def reported(visit):
    _, body = api("GET", "/api/v1/mystery/visits")
    return [item["reported"] for item in body["items"] if item["id"] == visit]


@pytest.fixture(scope="module")
def phone():
    driver = chromium.signed_in("390,844", URL)
    resize(driver, 390)
    yield driver
    driver.quit()


def test_the_form_works_offline_and_the_result_is_stored_once(phone):
    visit = planned_visit()
    phone.get(URL + f"/mystery/visits/{visit}?lang=ru")
    assert "Здравствуйте! Чем могу помочь?" in phone.find_element(By.TAG_NAME, "main").text
    phone.execute_cdp_cmd("Network.enable", {})
    phone.execute_cdp_cmd("Network.emulateNetworkConditions", {"offline": True, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1})
    try:
        for selector in ("input[name='a-greet'][value='1']", "input[name='a-listen'][value='0']", "input[name='a-tidy'][value='3']"):
            box = phone.find_element(By.CSS_SELECTOR, selector)
            phone.execute_script("arguments[0].scrollIntoView({block: 'center'})", box)
            box.click()
        # A photo of 2400 × 1200 px on the item that takes photos: shrunk in the phone, offline.
        phone.find_element(By.ID, "p-tidy").send_keys(png(2400, 1200))
        WebDriverWait(phone, 10).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#p-tidy-previews img"))
        send = phone.find_element(By.ID, "mystery-send")
        phone.execute_script("arguments[0].scrollIntoView({block: 'center'})", send)
        send.click()
        WebDriverWait(phone, 5).until(lambda d: "Ждёт сети" in d.find_element(By.ID, "mystery-queue").text)
        time.sleep(2)
        assert reported(visit) == [False], "nothing reaches the server while offline"
        queued = waiting(phone)
        assert [item["visit"] for item in queued] == [visit]
        assert [photo["item"] for photo in queued[0]["result"]["photos"]] == ["tidy"]
        assert phone.execute_script("return localStorage.getItem('otklik-mystery-queue')") is None, "the queue is in IndexedDB"
    finally:
        phone.execute_cdp_cmd("Network.emulateNetworkConditions", {"offline": False, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1})
    phone.execute_script("window.dispatchEvent(new Event('online'))")
    WebDriverWait(phone, 15).until(lambda d: "Отправлено" in d.find_element(By.ID, "mystery-queue").text)
    assert reported(visit) == [True]
    assert waiting(phone) == []
    # The visit's page shows the photo as a thumbnail; the stored photo is the shrunk JPEG, longest side 1600 px.
    phone.get(URL + f"/mystery/visits/{visit}?lang=ru")
    thumb = phone.find_element(By.CSS_SELECTOR, "#mystery-photos img")
    phone.execute_script("arguments[0].scrollIntoView({block: 'start'})", thumb)
    served = phone.execute_async_script("""var done = arguments[1];
        fetch(arguments[0], {credentials: 'same-origin'}).then(r => done([r.status, r.headers.get('content-type'),
          r.headers.get('content-disposition'), r.headers.get('x-content-type-options')]));""", thumb.get_attribute("src"))
    assert served[0] == 200 and served[1] == "image/jpeg" and served[2].startswith("inline") and served[3] == "nosniff", served
    WebDriverWait(phone, 10).until(lambda d: d.execute_script("return arguments[0].complete && arguments[0].naturalWidth", thumb))
    assert phone.execute_script("return [arguments[0].naturalWidth, arguments[0].naturalHeight]", thumb) == [1600, 800]
    chromium.shot(phone, "mystery-visit-photos-ru-390")
    # The same result sent once more (a retry after a lost answer): answered 200, still one result, the same score.
    status, body = api("POST", "/api/v1/mystery/results", dict(queued[0]["result"], shopper=os.environ["OTKLIK_USER"]))
    assert status == 200 and body["stored"] is False and body["score"] == 68.75, body
    assert reported(visit) == [True]


def test_overview_and_form_in_both_languages_and_widths(phone):
    visit = planned_visit()
    problems = views_problems(phone, [("mystery", "/mystery"), ("mystery-form", f"/mystery/visits/{visit}")])
    resize(phone, 390)
    assert not problems, "\n".join(problems)
