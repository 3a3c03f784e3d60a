"""The audit log's page (issue 21 item 4) in a real browser: the demo administrator views a customer's page, then
finds the view on /audit — reached from the navigation — newest first, named and linked to the customer's page,
filters it by the customer id and by who through the form with the keyboard alone, and follows the link back.
The table has a caption and scoped headers; the page does not scroll sideways. Russian and English, 1366 px and 390 px.
The entries counted on the page are checked against the database with sqlite3.
Each entry's detail is worded in the page's language (issue 21 item 4): a search made on /customers, and a role change
stored as a version before migration 0059 wrote it (English words only, put in with sqlite3); on the Russian page the
column heads, the action select's options and the empty state hold no Latin letter.
"""
import re
import time
import os
import sqlite3

import pytest
import chromium
from chromium import follow, nav_link, shot
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

URL = os.environ.get("OTKLIK_URL")
DB = os.environ.get("OTKLIK_DEMO_DB")
pytestmark = pytest.mark.skipif(not URL or not DB, reason="run through scripts/test, which starts the server")

WORDS = {
    "ru": {"title": "Журнал аудита персональных данных", "caption": "Записи журнала, новые сверху", "who": "Пользователь demo",
           "viewed": "Просмотр", "customer": "Клиент", "search": "по параметрам q (их значения не записываются)",
           "role": "Наблюдатель, вся организация → Управляющий точкой, точки: L02",
           "heads": ["Когда", "Кто", "Действие", "Чьи данные", "Подробности"], "none": "Под этот отбор не подходит ни одна запись."},
    "en": {"title": "Audit log of personal data", "caption": "Audit entries, newest first", "who": "User demo",
           "viewed": "Viewed", "customer": "Customer", "search": "by the parameters q (their values are not recorded)",
           "role": "Viewer, whole organisation → Location manager, locations: L02",
           "heads": ["When", "Who", "Action", "Whose data", "Detail"], "none": "No entry matches these filters."},
}
LEGACY_ROLE = "viewer over organisation → location_manager over locations L02"


def store_legacy_role_change(entry_id):
    """A role change as written before migration 0059: the English words, no facts."""
    db = sqlite3.connect(DB.removeprefix("sqlite:"), timeout=30)
    with db:
        db.execute("INSERT OR IGNORE INTO audit_log (id, at, actor, action, subject_kind, subject_id, detail) "
                   "VALUES (?, ?, 'cli', 'role', 'user', 'demo', ?)", (entry_id, int(time.time() * 1000), LEGACY_ROLE))
    db.close()


def customer_ids(count):
    db = sqlite3.connect(DB.removeprefix("sqlite:"))
    ids = [row[0] for row in db.execute("SELECT id FROM customers ORDER BY id LIMIT ?", (count,))]
    db.close()
    return ids


def audit_count(customer):
    db = sqlite3.connect(DB.removeprefix("sqlite:"))
    n = db.execute("SELECT COUNT(*) FROM audit_log WHERE subject_id = ? AND actor = 'user:demo' AND action = 'view'", (customer,)).fetchone()[0]
    db.close()
    return n


@pytest.mark.parametrize("window,width", [("1366,900", 1366), ("390,844", 390)])
def test_an_administrator_finds_a_view_of_a_customer_in_the_audit_log(window, width):
    customer = customer_ids(2 if width == 1366 else 3)[-1]
    driver = chromium.signed_in(window, URL)
    try:
        for lang in ("ru", "en"):
            words = WORDS[lang]
            driver.get(f"{URL}/customers/{customer}?lang={lang}")
            driver.get(f"{URL}/?lang={lang}")
            follow(driver, lambda: nav_link(driver, "/audit").click())
            assert driver.find_element(By.TAG_NAME, "h1").text == words["title"]
            table = driver.find_element(By.ID, "audit-table")
            assert table.find_element(By.TAG_NAME, "caption").text == words["caption"]
            headers = table.find_elements(By.CSS_SELECTOR, "thead th")
            assert len(headers) == 5 and all(h.get_attribute("scope") == "col" for h in headers)
            assert all(th.get_attribute("scope") == "row" for th in table.find_elements(By.CSS_SELECTOR, "tbody th"))
            first = table.find_elements(By.CSS_SELECTOR, "tbody tr")[0]
            # The newest entry is the view just made (opening the dashboard and this page writes none).
            assert words["who"] in first.text and words["viewed"] in first.text and customer in first.text, first.text
            link = first.find_element(By.CSS_SELECTOR, "a")
            assert link.get_attribute("href").endswith(f"/customers/{customer}") and link.text == f"{words['customer']} {customer}"
            assert driver.execute_script("return document.documentElement.scrollWidth") <= driver.execute_script("return window.innerWidth"), \
                "no sideways scrolling"
            shot(driver, f"audit-{lang}-{width}")

            # The filters with the keyboard alone: type the id, choose who, press Enter.
            box = driver.find_element(By.ID, "audit-customer")
            box.clear()
            box.send_keys(customer)
            box.send_keys(Keys.TAB)
            active = driver.switch_to.active_element
            assert active.get_attribute("id") == "audit-actor", "Tab goes from the customer id to who"
            active.send_keys(words["who"])
            follow(driver, lambda: driver.find_element(By.ID, "audit-customer").send_keys(Keys.ENTER))
            assert f"customer={customer}" in driver.current_url and "actor=user%3Ademo" in driver.current_url, driver.current_url
            rows = driver.find_elements(By.CSS_SELECTOR, "#audit-table tbody tr")
            expected = audit_count(customer)
            assert len(rows) == min(expected, 50) and expected >= 1, (len(rows), expected)
            assert driver.find_element(By.ID, "audit-total").text == str(expected), "the total counted with sqlite3"
            assert all(customer in row.text and words["who"] in row.text for row in rows)
            shot(driver, f"audit-filtered-{lang}-{width}")
            follow(driver, lambda: rows[0].find_element(By.CSS_SELECTOR, "a").click())
            assert driver.current_url.split("?")[0].endswith(f"/customers/{customer}")

            # Each detail in the page's language: a search just made, and a role change stored as words only.
            driver.get(f"{URL}/customers?q=%D0%98%D0%B2%D0%B0%D0%BD&lang={lang}")
            store_legacy_role_change(f"aud_browser_{lang}_{width}")
            driver.get(f"{URL}/audit?action=search&lang={lang}")
            first = driver.find_elements(By.CSS_SELECTOR, "#audit-table tbody tr")[0]
            assert first.find_elements(By.TAG_NAME, "td")[-1].text == words["search"], first.text
            heads = [th.text for th in driver.find_elements(By.CSS_SELECTOR, "#audit-table thead th")]
            assert heads == words["heads"], heads
            options = [o.get_attribute("textContent") for o in driver.find_elements(By.CSS_SELECTOR, "#audit-action option")]
            assert len(options) == 11, options
            if lang == "ru":
                assert not any(re.search("[A-Za-z]", o) for o in options + heads), options
            shot(driver, f"audit-search-{lang}-{width}")
            driver.get(f"{URL}/audit?action=role&lang={lang}")
            row = driver.find_element(By.ID, f"aud_browser_{lang}_{width}")
            assert row.find_elements(By.TAG_NAME, "td")[-1].text == words["role"], row.text
            assert driver.execute_script("return document.documentElement.scrollWidth") <= driver.execute_script("return window.innerWidth")
            shot(driver, f"audit-role-{lang}-{width}")
            # On a phone the table scrolls in its frame: the detail, scrolled to, reads in whole words.
            driver.execute_script("const w = document.querySelector('.table-wrap'); w.scrollIntoView(); w.scrollLeft = w.scrollWidth")
            shot(driver, f"audit-role-detail-{lang}-{width}")
            driver.get(f"{URL}/audit?customer=nobody&lang={lang}")
            assert driver.find_element(By.ID, "audit-none").text == words["none"]
    finally:
        driver.quit()
