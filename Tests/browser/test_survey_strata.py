"""A survey stratified by customer segment (issue 18 item 7) on the demo: a quota survey naming two of the demo's
segments is created through the API, the demo's customers are sampled into their segment strata (a customer in both
falls in the first listed, everyone else in «other»), the respondents answer on their pages, and the results page shows
the table by stratum — segment names, n and intervals, Σ 1/π and shares — in Russian and English at 1366 and 390 px.

scripts/test starts `otklik serve --demo` and passes OTKLIK_URL and OTKLIK_KEY.
"""
import json
import os
import urllib.error
import urllib.request
from datetime import datetime, timezone

import pytest
import chromium
from selenium.webdriver.common.by import By

from test_pages_screens import check, each_view

URL = os.environ.get("OTKLIK_URL")
KEY = os.environ.get("OTKLIK_KEY")
pytestmark = pytest.mark.skipif(not URL or not KEY, reason="run through scripts/test, which starts the server")

FIRST, SECOND = "detractors-who-buy", "loyal-high-value"


def api(path, body=None, method=None):
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(
        URL + path, data=data, method=method or ("POST" if data else "GET"),
        headers={"Authorization": "Bearer " + KEY, "Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request) as response:
            return response.status, json.load(response)
    except urllib.error.HTTPError as error:
        return error.code, json.load(error)


def survey(segments):
    return {
        "code": "segment-strata", "title_ru": "Визит по сегментам", "title_en": "Visit by segment", "max_questions": 1,
        "sampling": {"method": "quota", "strata": ["segment"], "segments": segments,
                     "targets": {FIRST: 2, SECOND: 2, "other": 1}, "default_target": 0, "period": "month", "fatigue_days": 0, "seed": 11},
        "questions": [{"code": "nps", "type": "nps", "text_ru": "Порекомендуете ли вы нас?", "text_en": "Would you recommend us?", "integral": True}],
    }


def members(code):
    status, body = api(f"/api/v1/segments/{code}?limit=1000")
    assert status == 200, body
    return [m["customer"] for m in body["members"]]


def test_a_survey_stratified_by_segment(browser):
    # An unknown segment is refused naming the field.
    status, body = api("/api/v1/surveys", survey([FIRST, "no-such-segment"]))
    assert status == 422 and body["error"]["field"] == "sampling.segments[1]", body
    status, body = api("/api/v1/surveys", survey([FIRST, SECOND]))
    assert status in (200, 201), body

    first = members(FIRST)
    second = [c for c in members(SECOND) if c not in set(first)]
    assert len(first) >= 3 and len(second) >= 3, "the demo's segments have members"
    both = [c for c in members(SECOND) if c in set(first)]
    now = datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    picked = [(c, FIRST) for c in first[:3]] + [(c, SECOND) for c in second[:3]] + [(None, "other"), (None, "other")]
    if both:
        picked.append((both[0], FIRST))  # in both segments: the first listed
    items = []
    for index, (customer, _) in enumerate(picked):
        item = {"id": f"strata-visit-{index}", "at": now, "location": "L01", "channel": "terminal"}
        if customer:
            item["customer"] = customer
        items.append(item)
    status, body = api("/api/v1/surveys/segment-strata/interactions", {"items": items})
    assert status in (200, 201), body
    decided = body["items"]
    assert [d["stratum"] for d in decided] == [stratum for _, stratum in picked]
    links = [d["link"] for d in decided if d.get("link")]

    # The respondents answer on their own pages: 3, 9, 10, 7, … in turn.
    scores = ["3", "9", "10", "7", "0"]
    for index, link in enumerate(links):
        browser.get(link + ("&" if "?" in link else "?") + "lang=en")
        radio = browser.find_element(By.CSS_SELECTOR, f'fieldset.question input[type=radio][value="{scores[index % len(scores)]}"]')
        browser.find_element(By.CSS_SELECTOR, f'label[for="{radio.get_attribute("id")}"]').click()
        chromium.follow(browser, browser.find_element(By.CSS_SELECTOR, 'button[value="submit"]').click)
        assert browser.find_element(By.TAG_NAME, "h1").text == "Thank you!"

    status, results = api("/api/v1/surveys/segment-strata/results")
    assert status == 200
    strata = {s["stratum"]: s for s in results["strata"]}
    assert list(strata)[:2] == [FIRST, SECOND] and "other" in strata, list(strata)
    assert all(s["integral"]["ci_low"] is not None for s in strata.values() if s["respondents"])
    assert abs(sum(s["share"] for s in strata.values()) - 1) < 1e-9

    problems = []
    for _, language, width in each_view(browser, [("survey-strata", "/surveys/segment-strata")]):
        table = browser.find_element(By.ID, "strata")
        rows = table.find_elements(By.CSS_SELECTOR, "tbody tr")
        assert [r.get_attribute("data-stratum") for r in rows][:2] == [FIRST, SECOND]
        text = table.text
        if language == "ru":
            assert "Критики, которые покупают" in text and "прочие клиенты" in text, text
            assert "Сегмент — первый из списка" in browser.find_element(By.ID, "strata-segment-rule").text
        else:
            assert "Detractors who still buy" in text and "other customers" in text, text
            assert "Segment: the first of" in browser.find_element(By.ID, "strata-segment-rule").text
        check(browser, "survey-strata", language, width, problems)
    assert not problems, problems
