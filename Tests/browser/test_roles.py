"""A location manager in a real browser (issue 21 item 3): the dashboard and the case list show one service point's
figures and cases, say so under the navigation, offer only that service point to choose, and link to no page closed
to them; a page closed to them answers 403. Russian and English, 1366 px and 390 px.

scripts/test starts `otklik serve --demo` and passes OTKLIK_URL and OTKLIK_DEMO_DB; the test creates the user with
`otklik user create … --role location_manager --locations L01` on that database.
"""
import os
import subprocess
from pathlib import Path

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
USER = "lm-l01"
PASSWORD = "location manager of L01"
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


@pytest.mark.parametrize("window,width", [("1366,900", 1366), ("390,844", 390)])
def test_a_location_manager_sees_their_service_point_only(manager, window, width):
    driver = signed_in(window)
    try:
        for lang, note in (("ru", "Ваши точки обслуживания"), ("en", "Your service points")):
            driver.get(f"{URL}/?lang={lang}")
            scope = driver.find_element(By.ID, "scope-note").text
            assert note in scope and "Офис на Тверской" in scope, scope
            options = [o.get_attribute("value") for o in driver.find_elements(By.CSS_SELECTOR, "select#location option")]
            assert options == ["", "L01"], options
            links = [a.get_attribute("href") for a in driver.find_elements(By.CSS_SELECTOR, "nav.sections a")]
            # The organisation's journeys are not in a location manager's menu; their own cases and their locations'
            # dissatisfaction are.
            assert not any(link.endswith("/journeys") for link in links), links
            assert any(link.endswith("/cases") for link in links) and any(link.endswith("/dissatisfaction") for link in links), links
            assert driver.execute_script("return document.documentElement.scrollWidth") <= driver.execute_script("return window.innerWidth"), \
                "no sideways scrolling"
            shot(driver, f"roles-dashboard-{lang}-{width}")
            driver.get(f"{URL}/cases?status=all&lang={lang}")
            assert driver.find_element(By.ID, "scope-note").is_displayed()
            locations = [o.get_attribute("value") for o in driver.find_elements(By.CSS_SELECTOR, "select#f-location option")]
            assert locations == ["", "L01"], locations
            shot(driver, f"roles-cases-{lang}-{width}")
        driver.get(f"{URL}/admin/users?lang=en")
        assert "403" in driver.find_element(By.TAG_NAME, "main").text
        shot(driver, f"roles-closed-en-{width}")
    finally:
        driver.quit()


def test_another_service_points_dashboard_is_not_found(manager):
    driver = signed_in("1366,900")
    try:
        driver.get(f"{URL}/?location=L02&lang=en")
        assert "404" in driver.find_element(By.TAG_NAME, "main").text
    finally:
        driver.quit()


def demo_admin(window):
    driver = chromium.start(window)
    driver.get(URL + "/login")
    driver.find_element(By.ID, "username").send_keys(os.environ["OTKLIK_USER"])
    driver.find_element(By.ID, "password").send_keys(os.environ["OTKLIK_PASSWORD"], Keys.ENTER)
    WebDriverWait(driver, 10, ignored_exceptions=(StaleElementReferenceException,)).until(lambda d: "/login" not in d.current_url)
    return driver


@pytest.mark.parametrize("window,width", [("1366,900", 1366), ("390,844", 390)])
def test_an_administrator_changes_a_users_role_and_scope(window, width):
    """/admin/users: the administrator finds the user in the list, opens the form, makes them a location manager of
    L02 by ticking the box, and the list says so in both languages; `otklik user list` agrees."""
    database = "sqlite:" + DB.removeprefix("sqlite:")
    name = f"viewer-{width}"
    result = subprocess.run([BIN, "user", "create", name, "--role", "viewer", "--db", database, "--log-level", "warning"],
                            input="a viewer of everything\n", capture_output=True, text=True)
    assert result.returncode == 0 or "already exists" in result.stderr, result.stderr
    driver = demo_admin(window)
    try:
        driver.get(f"{URL}/?lang=en")
        links = [a.get_attribute("href") for a in driver.find_elements(By.CSS_SELECTOR, "nav.sections a")]
        assert any(link.endswith("/admin/users") for link in links), links
        driver.get(f"{URL}/admin/users?lang=ru")
        row = [r for r in driver.find_elements(By.CSS_SELECTOR, "#users-table tbody tr") if name in r.text][0]
        assert "Наблюдатель" in row.text and "Вся организация" in row.text, row.text
        row.find_element(By.TAG_NAME, "a").click()
        WebDriverWait(driver, 10).until(lambda d: d.find_elements(By.ID, "users-edit"))
        shot(driver, f"users-edit-ru-{width}")
        from selenium.webdriver.support.ui import Select
        Select(driver.find_element(By.ID, "user-role")).select_by_value("location_manager")
        box = driver.find_element(By.CSS_SELECTOR, "input[name='locations'][value='L02']")
        driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", box)
        box.click()
        driver.find_element(By.CSS_SELECTOR, "#users-edit button[type='submit']").click()
        WebDriverWait(driver, 10).until(lambda d: d.find_elements(By.ID, "users-saved"))
        row = [r for r in driver.find_elements(By.CSS_SELECTOR, "#users-table tbody tr") if name in r.text][0]
        assert "Управляющий точкой" in row.text and "Точки:" in row.text, row.text
        assert driver.execute_script("return document.documentElement.scrollWidth") <= driver.execute_script("return window.innerWidth"), \
            "no sideways scrolling"
        shot(driver, f"users-saved-ru-{width}")
        driver.get(f"{URL}/admin/users?lang=en")
        row = [r for r in driver.find_elements(By.CSS_SELECTOR, "#users-table tbody tr") if name in r.text][0]
        assert "Location manager" in row.text and "Service points:" in row.text, row.text
        shot(driver, f"users-list-en-{width}")
    finally:
        driver.quit()
    listed = subprocess.run([BIN, "user", "list", "--db", database, "--log-level", "warning"], capture_output=True, text=True).stdout
    assert f"{name}\tlocation_manager\tlocations L02\t" in listed, listed


def located_customers():
    """A demo customer with records at L01 and elsewhere, how many records they have at L01 (counted here in SQL,
    independently of the server), and a customer with no record at L01."""
    import sqlite3
    db = sqlite3.connect(DB.removeprefix("sqlite:"))
    tables = ["feedback", "interactions", "service_requests", "transactions"]
    union = " UNION ALL ".join(f"SELECT customer_id, location_code FROM {t} WHERE customer_id IS NOT NULL" for t in tables)
    both = db.execute(f"""SELECT customer_id FROM ({union}) GROUP BY customer_id
        HAVING SUM(location_code = 'L01') > 0 AND SUM(location_code <> 'L01') > 0 ORDER BY customer_id LIMIT 1""").fetchone()[0]
    at_l01 = sum(db.execute(f"SELECT COUNT(*) FROM {t} WHERE customer_id = ? AND location_code = 'L01'", (both,)).fetchone()[0] for t in tables)
    at_l01 += db.execute("""SELECT COUNT(*) FROM cases c JOIN feedback f ON f.id = c.feedback_id
        WHERE f.customer_id = ? AND f.location_code = 'L01'""", (both,)).fetchone()[0]
    elsewhere = db.execute(f"""SELECT customer_id FROM ({union}) GROUP BY customer_id HAVING SUM(location_code = 'L01') = 0
        ORDER BY customer_id LIMIT 1""").fetchone()[0]
    other_names = [row[0] for row in db.execute("SELECT name FROM locations WHERE code <> 'L01'")]
    db.close()
    return both, at_l01, elsewhere, other_names


@pytest.mark.parametrize("window,width", [("1366,900", 1366), ("390,844", 390)])
def test_a_location_manager_sees_only_their_records_of_a_customer(manager, window, width):
    both, at_l01, elsewhere, other_names = located_customers()
    driver = signed_in(window)
    try:
        for lang, note in (("ru", "только записи этого клиента в ваших точках"), ("en", "Only this customer's records at your service points")):
            driver.get(f"{URL}/customers/{both}?lang={lang}")
            assert note in driver.find_element(By.ID, "customer-scoped").text
            assert driver.find_element(By.ID, "timeline-total").text == str(at_l01), "the records at L01, counted in SQL"
            timeline = driver.find_element(By.ID, "timeline").text if at_l01 else ""
            assert not any(name in timeline for name in other_names), "no record of another service point"
            assert not chromium.now(driver, By.ID, "value"), "no value over the whole history"
            assert driver.execute_script("return document.documentElement.scrollWidth") <= driver.execute_script("return window.innerWidth"), \
                "no sideways scrolling"
            shot(driver, f"roles-customer-{lang}-{width}")
        driver.get(f"{URL}/customers/{elsewhere}?lang=en")
        assert "404" in driver.find_element(By.TAG_NAME, "main").text
        assert driver.find_elements(By.CSS_SELECTOR, "nav.sections"), "the error page keeps the navigation"
        shot(driver, f"roles-customer-404-en-{width}")
    finally:
        driver.quit()


@pytest.mark.parametrize("window,width", [("1366,900", 1366), ("390,844", 390)])
def test_a_location_manager_reads_the_case_reports_of_their_service_point(manager, window, width):
    """/case-reports as the manager of L01: only L01 to choose, every figure's API link names L01, the table by
    location has L01's row alone, and the navigation offers the KPI pages; another service point is 404."""
    driver = signed_in(window)
    try:
        for lang, heading in (("ru", "Отчёты по кейсам"), ("en", "Case reports")):
            driver.get(f"{URL}/case-reports?lang={lang}")
            assert heading.lower() in driver.find_element(By.TAG_NAME, "h1").text.lower(), driver.find_element(By.TAG_NAME, "h1").text
            assert driver.find_element(By.ID, "scope-note").is_displayed()
            options = [o.get_attribute("value") for o in driver.find_elements(By.CSS_SELECTOR, "select[name=location] option")]
            assert options == ["", "L01"], options
            links = [d.get_attribute("data-api") for d in driver.find_elements(By.CSS_SELECTOR, ".kpi-figure[data-api]")]
            assert links and all("location=L01" in link for link in links), links[:3]
            rows = driver.find_elements(By.CSS_SELECTOR, "#by-location tbody tr, [id='by-location'] tbody tr")
            names = [r.find_element(By.CSS_SELECTOR, "th, td").text for r in rows]
            assert names and all(name.startswith("Офис на Тверской") for name in names), names
            nav = [a.get_attribute("href") for a in driver.find_elements(By.CSS_SELECTOR, "nav.sections a")]
            assert any(link.endswith("/case-reports") for link in nav) and not any(link.endswith("/journeys") for link in nav), nav
            assert driver.execute_script("return document.documentElement.scrollWidth") <= driver.execute_script("return window.innerWidth"), \
                "no sideways scrolling"
            shot(driver, f"roles-case-reports-{lang}-{width}")
        driver.get(f"{URL}/case-reports?location=L02&lang=en")
        assert "404" in driver.find_element(By.TAG_NAME, "main").text
    finally:
        driver.quit()


@pytest.mark.parametrize("window,width", [("1366,900", 1366), ("390,844", 390)])
def test_a_location_managers_other_pages_are_theirs_or_say_why_not(manager, window, width):
    """The contact centre (the demo's calls are at the contact centre, not at L01: the page says why it shows no
    figures and whom to ask), public services, alerts and surveys of L01; churn risk and segments refused with the
    reason, the navigation kept. Russian and English, no sideways scrolling."""
    driver = signed_in(window)
    try:
        for lang, why in (("ru", "Очереди контакт-центра обслуживают все точки"), ("en", "queues serve every service point")):
            pages = [
                ("contact-centre", lambda: why in driver.find_element(By.TAG_NAME, "main").text),
                ("public-services", lambda: [o.get_attribute("value") for o in driver.find_elements(By.CSS_SELECTOR, "select[name=location] option")] == ["", "L01"]),
                ("alerts", lambda: "Two" not in driver.find_element(By.TAG_NAME, "main").text),
                ("surveys", lambda: driver.find_elements(By.CSS_SELECTOR, "main table, main p")),
                ("customers/at-risk", lambda: "CX" in driver.find_element(By.TAG_NAME, "main").text),
                ("segments", lambda: "CX" in driver.find_element(By.TAG_NAME, "main").text),
            ]
            for path, check in pages:
                driver.get(f"{URL}/{path}?lang={lang}")
                assert check(), f"{path}: {driver.find_element(By.TAG_NAME, 'main').text[:300]}"
                assert driver.find_elements(By.CSS_SELECTOR, "nav.sections"), f"{path}: the navigation kept"
                assert driver.execute_script("return document.documentElement.scrollWidth") <= driver.execute_script("return window.innerWidth"), \
                    f"{path}: no sideways scrolling"
                shot(driver, f"roles-{path.replace('/', '-')}-{lang}-{width}")
    finally:
        driver.quit()
