"""A location manager's drop-downs and refusals in a real browser (issue 21 item 3): the dashboard's and the case
reports' location choice is "All of mine" / "Все мои" and their one service point, never another; the bonus page lists
only the staff of their service point (checked against the demo database in SQL); journeys and programmes are refused
with the reason and whom to ask, the navigation kept; the dissatisfaction model and the service points show their
service point alone; a case or problem page offers their staff alone as its owner and refuses another service
point's; a review decision about customers is refused with the reason. Russian and English, 1366 px and 390 px.

scripts/test starts `otklik serve --demo` and passes OTKLIK_URL and OTKLIK_DEMO_DB; the test creates the user with
`otklik user create … --role location_manager --locations L01` on that database.
"""
import os
import sqlite3
import subprocess
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest
import chromium
from chromium import shot
from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.wait import WebDriverWait

URL = os.environ.get("OTKLIK_URL")
DB = os.environ.get("OTKLIK_DEMO_DB")
ROOT = Path(__file__).resolve().parents[2]
BIN = os.environ.get("OTKLIK_BIN") or str(ROOT / ".build/debug/otklik")
USER = "scope-l01"
PASSWORD = "manager of one service point"
pytestmark = pytest.mark.skipif(not URL or not DB, reason="run through scripts/test, which starts the server")


@pytest.fixture(scope="module")
def manager():
    database = "sqlite:" + DB.removeprefix("sqlite:")
    result = subprocess.run([BIN, "user", "create", USER, "--role", "location_manager", "--locations", "L01", "--db", database,
                             "--log-level", "warning"], input=PASSWORD + "\n", capture_output=True, text=True)
    assert result.returncode == 0 or "already exists" in result.stderr, result.stderr
    return USER


def signed_in(window):
    driver = chromium.start(window)
    driver.get(URL + "/login")
    driver.find_element(By.ID, "username").send_keys(USER)
    driver.find_element(By.ID, "password").send_keys(PASSWORD, Keys.ENTER)
    WebDriverWait(driver, 10, ignored_exceptions=(StaleElementReferenceException,)).until(lambda d: "/login" not in d.current_url)
    return driver


def no_sideways_scrolling(driver):
    return driver.execute_script("return document.documentElement.scrollWidth") <= driver.execute_script("return window.innerWidth")


def staff_elsewhere():
    """The demo's staff codes whose service point is not L01, read in SQL independently of the server."""
    db = sqlite3.connect(DB.removeprefix("sqlite:"))
    codes = {row[0] for row in db.execute("SELECT code FROM staff WHERE location_code IS NULL OR location_code <> 'L01'")}
    db.close()
    return codes


@pytest.mark.parametrize("window,width", [("1366,900", 1366), ("390,844", 390)])
def test_the_location_choice_is_all_of_mine(manager, window, width):
    driver = signed_in(window)
    try:
        for lang, all_of_mine in (("ru", "Все мои"), ("en", "All of mine")):
            for path, select in (("/", "select#location"), ("/case-reports", "select[name=location]")):
                driver.get(f"{URL}{path}?lang={lang}")
                options = driver.find_elements(By.CSS_SELECTOR, f"{select} option")
                assert [o.get_attribute("value") for o in options] == ["", "L01"], [o.get_attribute("value") for o in options]
                assert options[0].get_attribute("textContent").strip() == all_of_mine, options[0].get_attribute("textContent")
                assert no_sideways_scrolling(driver), f"{path}: no sideways scrolling"
                element = driver.find_element(By.CSS_SELECTOR, select)
                driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", element)
                shot(driver, f"scope-choice{path.replace('/', '-')}-{lang}-{width}")
    finally:
        driver.quit()


@pytest.mark.parametrize("window,width", [("1366,900", 1366), ("390,844", 390)])
def test_bonuses_are_their_staffs_and_journeys_say_why_not(manager, window, width):
    elsewhere = staff_elsewhere()
    driver = signed_in(window)
    try:
        for lang, refusal, heading in (("ru", "Пути клиентов не показываются", "Не показывается для ваших точек"),
                                       ("en", "Journeys are not shown", "Not shown for your service points")):
            driver.get(f"{URL}/bonus?lang={lang}&from=2026-09-01&to=2026-11-22")
            links = [a.get_attribute("href") for a in driver.find_elements(By.CSS_SELECTOR, "main table a[href*='my-results']")]
            shown = {parse_qs(urlparse(link).query)["staff"][0] for link in links}
            assert shown and not shown & elsewhere, f"staff of L01 only: {shown}"
            assert no_sideways_scrolling(driver), "bonus: no sideways scrolling"
            shot(driver, f"scope-bonus-{lang}-{width}")
            driver.get(f"{URL}/journeys?lang={lang}")
            main = driver.find_element(By.TAG_NAME, "main").text
            assert refusal in main and "CX" in main, main[:400]
            assert heading.lower() in main.lower(), main[:200]
            assert driver.find_elements(By.CSS_SELECTOR, "nav.sections"), "the navigation kept"
            nav = [a.get_attribute("href") for a in driver.find_elements(By.CSS_SELECTOR, "nav.sections a")]
            assert any(link.endswith("/bonus") for link in nav) and not any(link.endswith("/journeys") for link in nav), nav
            assert no_sideways_scrolling(driver), "journeys: no sideways scrolling"
            shot(driver, f"scope-journeys-{lang}-{width}")
    finally:
        driver.quit()


def other_locations():
    """The demo's location codes other than L01, read in SQL independently of the server."""
    db = sqlite3.connect(DB.removeprefix("sqlite:"))
    codes = {row[0] for row in db.execute("SELECT code FROM locations WHERE code <> 'L01'")}
    db.close()
    return codes


@pytest.mark.parametrize("window,width", [("1366,900", 1366), ("390,844", 390)])
def test_dissatisfaction_and_service_points_are_theirs_and_programmes_say_why_not(manager, window, width):
    """The dissatisfaction model's rows by location are L01's alone (the demo has comments at every location); the
    service points list L01 alone; programmes are refused with the reason, the navigation kept."""
    elsewhere = other_locations()
    assert elsewhere, "the demo has other service points"
    driver = signed_in(window)
    try:
        for lang, refusal in (("ru", "Программы не показываются"), ("en", "Programmes are not shown")):
            driver.get(f"{URL}/dissatisfaction?lang={lang}&by=location")
            codes = {c.text.strip() for c in driver.find_elements(By.CSS_SELECTOR, "#dissatisfaction-table tbody th .code")}
            assert codes == {"L01"}, f"L01's comments only: {codes}"
            assert no_sideways_scrolling(driver), "dissatisfaction: no sideways scrolling"
            driver.execute_script("arguments[0].scrollIntoView({block: 'start'})", driver.find_element(By.ID, "dissatisfaction-table"))
            shot(driver, f"scope-dissatisfaction-{lang}-{width}")
            driver.get(f"{URL}/service-points?lang={lang}")
            tables = driver.find_elements(By.CSS_SELECTOR, "main table")
            shown = {c.text.strip() for c in tables[0].find_elements(By.CSS_SELECTOR, "tbody th .code")}
            assert shown == {"L01"} and not shown & elsewhere, shown
            consoles = {row.text.strip() for table in tables[1:] for row in table.find_elements(By.CSS_SELECTOR, "tbody td:first-of-type")}
            assert consoles <= {"L01"}, f"L01's consoles only: {consoles}"
            assert no_sideways_scrolling(driver), "service points: no sideways scrolling"
            shot(driver, f"scope-service-points-{lang}-{width}")
            driver.get(f"{URL}/programmes?lang={lang}")
            main = driver.find_element(By.TAG_NAME, "main").text
            assert refusal in main and "CX" in main, main[:400]
            nav = [a.get_attribute("href") for a in driver.find_elements(By.CSS_SELECTOR, "nav.sections a")]
            assert any(link.endswith("/dissatisfaction") for link in nav) and not any(link.endswith("/programmes") for link in nav), nav
            assert no_sideways_scrolling(driver), "programmes: no sideways scrolling"
            shot(driver, f"scope-programmes-{lang}-{width}")
    finally:
        driver.quit()


def a_case_at_l01():
    """An open case at L01 and its owner, and a member of staff at another service point, read in SQL."""
    db = sqlite3.connect(DB.removeprefix("sqlite:"))
    case_id, owner = db.execute("SELECT id, owner FROM cases WHERE location_code = 'L01' AND status IN ('new', 'in_progress') "
                                "ORDER BY id LIMIT 1").fetchone()
    other = db.execute("SELECT code FROM staff WHERE location_code IS NOT NULL AND location_code <> 'L01' ORDER BY code LIMIT 1").fetchone()[0]
    db.close()
    return case_id, owner, other


def owner_of(case_id):
    db = sqlite3.connect(DB.removeprefix("sqlite:"))
    owner = db.execute("SELECT owner FROM cases WHERE id = ?", (case_id,)).fetchone()[0]
    db.close()
    return owner


@pytest.mark.parametrize("window,width", [("1366,900", 1366), ("390,844", 390)])
def test_a_cases_owner_is_one_of_their_staff(manager, window, width):
    """The case page offers a location manager L01's staff only (checked against the demo database); a form altered to
    name another service point's member of staff is refused in the page's language, the navigation kept, and the case's
    owner is unchanged in the database."""
    elsewhere = staff_elsewhere()
    case_id, owner, other = a_case_at_l01()
    driver = signed_in(window)
    try:
        for lang, sentence in (("ru", "Выберите сотрудника из списка."), ("en", "Choose a member of staff from the list.")):
            driver.get(f"{URL}/cases/{case_id}?lang={lang}")
            offered = {o.get_attribute("value") for o in driver.find_elements(By.CSS_SELECTOR, "select#owner option")}
            assert offered and not offered & elsewhere, f"L01's staff only: {offered & elsewhere}"
            assert no_sideways_scrolling(driver), "case: no sideways scrolling"
            select = driver.find_element(By.CSS_SELECTOR, "select#owner")
            driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", select)
            shot(driver, f"scope-case-owner-{lang}-{width}")
            driver.execute_script("const s = arguments[0]; s.options[0].value = arguments[1]; s.selectedIndex = 0; s.form.requestSubmit();",
                                  select, other)
            WebDriverWait(driver, 10).until(lambda d: d.find_elements(By.CSS_SELECTOR, "main p.error[role=alert]"))
            alert = driver.find_element(By.CSS_SELECTOR, "main p.error[role=alert]").text
            assert sentence in alert, alert
            assert driver.find_elements(By.CSS_SELECTOR, "nav.sections"), "the navigation kept"
            assert no_sideways_scrolling(driver), "refusal: no sideways scrolling"
            shot(driver, f"scope-case-owner-refused-{lang}-{width}")
            assert owner_of(case_id) == owner, "nothing changed"
    finally:
        driver.quit()


@pytest.fixture(scope="module")
def problem_at_l01():
    """A problem at L01 (the demo opens none there), written straight into the demo database (the page reads it in SQL)
    and removed after the module, so the other browser tests see the demo's problems only."""
    db = sqlite3.connect(DB.removeprefix("sqlite:"))
    db.execute("INSERT INTO problems (id, location_code, theme, status, opened_at) VALUES ('p-scope-l01', 'L01', 'waiting_time', 'open', "
               "1795000000000) ON CONFLICT (id) DO NOTHING")
    db.commit()
    db.close()
    yield "p-scope-l01"
    db = sqlite3.connect(DB.removeprefix("sqlite:"))
    # The owner set on its page wrote a line of its history (problem_events references the problem).
    db.execute("DELETE FROM problem_events WHERE problem_id = 'p-scope-l01'")
    db.execute("DELETE FROM problems WHERE id = 'p-scope-l01'")
    db.commit()
    db.close()


@pytest.mark.parametrize("window,width", [("1366,900", 1366), ("390,844", 390)])
def test_a_problems_owner_is_one_of_their_staff(manager, problem_at_l01, window, width):
    """The problem page offers L01's staff alone as owner; a form altered to name another service point's member of
    staff is refused in the page's language, and the owner stays unset in the database."""
    elsewhere = staff_elsewhere()
    _, _, other = a_case_at_l01()
    driver = signed_in(window)
    try:
        for lang, sentence in (("ru", "Выберите сотрудника из списка."), ("en", "Choose a member of staff from the list.")):
            driver.get(f"{URL}/problems/{problem_at_l01}?lang={lang}")
            select = driver.find_element(By.CSS_SELECTOR, "select#p-owner")
            offered = {o.get_attribute("value") for o in select.find_elements(By.TAG_NAME, "option")}
            assert offered and not offered & elsewhere, f"L01's staff only: {offered & elsewhere}"
            driver.execute_script("const s = arguments[0]; s.options[0].value = arguments[1]; s.selectedIndex = 0; s.form.requestSubmit();",
                                  select, other)
            WebDriverWait(driver, 10).until(lambda d: d.find_elements(By.CSS_SELECTOR, "main p.error[role=alert]"))
            assert sentence in driver.find_element(By.CSS_SELECTOR, "main p.error[role=alert]").text
            assert driver.find_elements(By.CSS_SELECTOR, "nav.sections"), "the navigation kept"
            assert no_sideways_scrolling(driver), "problem: no sideways scrolling"
            shot(driver, f"scope-problem-owner-refused-{lang}-{width}")
            db = sqlite3.connect(DB.removeprefix("sqlite:"))
            assert db.execute("SELECT owner FROM problems WHERE id = ?", (problem_at_l01,)).fetchone()[0] is None, "nothing changed"
            db.close()
    finally:
        driver.quit()


@pytest.mark.parametrize("window,width", [("1366,900", 1366), ("390,844", 390)])
def test_a_customers_identity_is_refused_saying_why(manager, window, width):
    """The customers page offers a location manager no review queue; a review decision sent anyway (a tab left open from
    before their scope changed) is refused with the reason and whom to ask, in their language, the navigation kept."""
    driver = signed_in(window)
    try:
        for lang, refusal in (("ru", "не меняет данные о личности клиентов"), ("en", "Customers' identities are not changed")):
            driver.get(f"{URL}/customers?lang={lang}")
            assert not chromium.now(driver, By.CSS_SELECTOR, "form[action^='/customers/review']"), "no review queue offered"
            token = driver.find_element(By.CSS_SELECTOR, "input[name=csrf]").get_attribute("value")
            driver.execute_script(
                "const f = document.createElement('form'); f.method = 'post'; f.action = arguments[0];"
                "for (const [k, v] of [['csrf', arguments[1]], ['decision', 'merge']]) {"
                " const i = document.createElement('input'); i.type = 'hidden'; i.name = k; i.value = v; f.appendChild(i); }"
                "document.body.appendChild(f); f.submit();",
                f"/customers/review/rv-old-tab?lang={lang}", token)
            WebDriverWait(driver, 10).until(lambda d: "/customers/review/" in d.current_url)
            main = driver.find_element(By.TAG_NAME, "main").text
            assert refusal in main and "CX" in main, main[:400]
            assert driver.find_elements(By.CSS_SELECTOR, "nav.sections"), "the navigation kept"
            assert no_sideways_scrolling(driver), "refusal: no sideways scrolling"
            shot(driver, f"scope-customers-review-{lang}-{width}")
    finally:
        driver.quit()
