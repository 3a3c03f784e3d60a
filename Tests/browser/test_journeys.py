"""Journeys in the browser (issue 20 item 4): the demo journey's list and page in Russian and English at 1366 px and
390 px — the map as SVG with its title, description and table, the stage figures with n and intervals, the gaps and
the discovered paths; on a phone the map scrolls inside its own box and the page does not. The API's figures match
scripts/reference/journey_stages.py computed from the demo's SQLite file, and the page shows the API's figures.

scripts/test starts `otklik serve --demo` and passes OTKLIK_URL, OTKLIK_KEY and OTKLIK_DEMO_DB.
"""
import importlib.util
import json
import math
import os
import re
import urllib.request
from pathlib import Path

import pytest
import chromium
from selenium.webdriver.common.by import By

from test_pages_screens import check, each_view

URL = os.environ.get("OTKLIK_URL")
KEY = os.environ.get("OTKLIK_KEY")
DB = os.environ.get("OTKLIK_DEMO_DB")
pytestmark = pytest.mark.skipif(not URL, reason="run through scripts/test, which starts the server")
ROOT = Path(__file__).resolve().parents[2]
CODE = "getting-service"


def reference():
    spec = importlib.util.spec_from_file_location("journey_stages", ROOT / "scripts/reference/journey_stages.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def api(path):
    request = urllib.request.Request(URL + path, headers={"Authorization": f"Bearer {KEY}"})
    return json.load(urllib.request.urlopen(request))


def close(a, b):
    return (a is None and b is None) or (a is not None and b is not None and math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9))


@pytest.mark.skipif(not (KEY and DB), reason="needs the API key and the demo database")
def test_api_figures_match_the_reference_script():
    figures = api(f"/api/v1/journeys/{CODE}/stages")
    expected = reference().figures(DB, CODE, figures["from"], figures["to"], figures["as_of"], figures["minimum_n"], figures["window_days"])
    assert [s["code"] for s in figures["stages"]] == [s["code"] for s in expected["stages"]]
    for got, want in zip(figures["stages"], expected["stages"]):
        assert (got["volume"], got["customers"]) == (want["volume"], want["customers"]), got["code"]
        for name in ("satisfaction", "effort", "drop_off", "hours_to_next"):
            g, w = got.get(name), want.get(name)
            assert (g is None) == (w is None), (got["code"], name)
            if g is None:
                continue
            assert g["n"] == w["n"], (got["code"], name, g, w)
            for key in ("value", "ci_low", "ci_high"):
                assert close(g.get(key), w.get(key)), (got["code"], name, key, g, w)
        assert got.get("censored", 0) == want.get("censored", 0)
    assert [(g["stage"], g["n"]) for g in figures["gaps"]] == [(g["stage"], g["n"]) for g in expected["gaps"]]
    for g, w in zip(figures["gaps"], expected["gaps"]):
        assert close(g["gap"], w["gap"]) and close(g["ci_low"], w["ci_low"]) and close(g["ci_high"], w["ci_high"])
    paths, want = figures["paths"], expected["paths"]
    assert (paths["customers"], paths["customers_with_two_or_more"]) == (want["customers"], want["customers_with_two_or_more"])
    assert [(e["from"], e["to"], e["count"]) for e in paths["edges"]] == [(e["from"], e["to"], e["count"]) for e in want["edges"]]
    assert [(p["stages"], p["customers"]) for p in paths["top"]] == [(p["stages"], p["customers"]) for p in want["top"]]
    # The demo's figures make sense: every stage measured, the requests' own path (application → result) the
    # commonest, and the visit (buttons and terminals) the busiest stage.
    assert all(s["volume"] > 0 for s in figures["stages"])
    assert paths["edges"][0]["from"] == "application" and paths["edges"][0]["to"] == "result"
    assert max(figures["stages"], key=lambda s: s["volume"])["code"] == "visit"
    assert figures["stages"][1]["drop_off"]["value"] < 50, "most applicants get a result within 30 days"


def test_the_journey_page_shows_the_api_figures(browser):
    browser.get(URL + f"/journeys/{CODE}?lang=en")
    # The API asked for the period the page shows (its default ends at the journey's last data, the API's at today).
    start = browser.find_element(By.ID, "j-from").get_attribute("value")
    end = browser.find_element(By.ID, "j-to").get_attribute("value")
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", start) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", end), (start, end)
    figures = api(f"/api/v1/journeys/{CODE}/stages?from={start}&to={end}") if KEY else None
    assert browser.find_element(By.TAG_NAME, "h1").text == "Getting a service"
    svg = browser.find_element(By.ID, "journey-map")
    assert svg.find_element(By.TAG_NAME, "title").get_attribute("textContent").startswith("Journey map")
    assert "Learn about the service" in svg.find_element(By.TAG_NAME, "desc").get_attribute("textContent")
    table = browser.find_element(By.ID, "journey-map-table")
    assert "Call centre" in table.get_attribute("textContent")
    rows = browser.find_elements(By.CSS_SELECTOR, "#journey-stages tbody tr")
    assert [r.get_attribute("data-stage") for r in rows] == ["awareness", "application", "visit", "result", "feedback"]
    for row in rows:
        assert re.search(r"n = \d+", row.text), row.text
    assert len(browser.find_elements(By.CSS_SELECTOR, "#journey-gaps li")) >= 1
    assert len(browser.find_elements(By.CSS_SELECTOR, "#journey-edges tbody tr")) >= 1
    count = browser.find_element(By.ID, "journey-paths-count").text
    assert re.search(r"two or more events \d+", count), count
    if figures:
        for row, stage in zip(rows, figures["stages"]):
            assert row.find_element(By.CSS_SELECTOR, ".volume").text == str(stage["volume"])
            value = stage["satisfaction"].get("value")
            if value is not None:
                assert f"{value:.1f} %" in row.find_element(By.CSS_SELECTOR, ".satisfaction").text
    # The navigation leads here.
    browser.get(URL + "/?lang=ru")
    link = chromium.nav_link(browser, "/journeys")
    assert link.text == "Пути клиентов"
    chromium.follow(browser, link.click)
    chromium.follow(browser, browser.find_element(By.CSS_SELECTOR, f"#journeys tr[data-code='{CODE}'] a").click)
    assert f"/journeys/{CODE}" in browser.current_url


def test_both_pages_in_both_languages_and_widths(browser):
    problems = []
    for name, language, width in each_view(browser, [("journeys", "/journeys"), ("journey", f"/journeys/{CODE}")]):
        if name == "journey" and width == 390:
            box = browser.find_element(By.CSS_SELECTOR, ".journey-scroll")
            inner, outer = box.get_property("scrollWidth"), box.get_property("clientWidth")
            if inner <= outer:
                problems.append(f"journey {language} 390: the map does not scroll in its box ({inner} <= {outer})")
        check(browser, name, language, width, problems)
    assert not problems, "\n".join(problems)
