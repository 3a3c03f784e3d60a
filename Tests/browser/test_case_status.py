"""A complainant's status page in the browser (issue 19 item 6): a status link made through the API for an open and for
a resolved complaint case of the demo; the page shows the status and dates only (not the complaint's text), in Russian
and English, at 1366 px and 390 px without overflow or "nil"; the resolved case asks the one CSAT question with a
keyboard-reachable radio group and takes the answer once. A service request's status page likewise: an open and a
completed demo request, in both languages and widths, the completed one asking the short survey. Screenshots go to
$OTKLIK_SCREENSHOTS.

scripts/test starts `otklik serve --demo` and passes OTKLIK_URL and OTKLIK_KEY.
"""
import json
import os
import urllib.error
import urllib.request

import pytest
import chromium
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from test_pages_screens import check, each_view

URL = os.environ.get("OTKLIK_URL")
KEY = os.environ.get("OTKLIK_KEY")
pytestmark = pytest.mark.skipif(not URL or not KEY, reason="run through scripts/test, which starts the server and makes an API key")


def api(path, method="GET"):
    request = urllib.request.Request(URL + path, method=method, headers={"Authorization": f"Bearer {KEY}"}, data=b"" if method == "POST" else None)
    return json.load(urllib.request.urlopen(request))


def link(status):
    """A complaint case of these statuses and the path of a new status link for it."""
    case = api(f"/api/v1/cases?kind=complaint&status={status}")["items"][0]
    address = api(f"/api/v1/cases/{case['id']}/status-link", "POST")["status_url"]
    return case, address[address.index("/status/"):]


@pytest.fixture(scope="module")
def browser():
    driver = chromium.start("1366,900")
    yield driver
    driver.quit()


def test_the_status_page_in_both_languages_and_widths(browser):
    problems = []
    cases = {"open": link("new,in_progress"), "resolved": link("resolved,closed")}
    comments = {}
    for name, (case, _) in cases.items():
        detail = api(f"/api/v1/cases/{case['id']}")
        comments[name] = (detail.get("feedback") or {}).get("comment") or detail.get("comment")
    pages = [(f"case-status-{name}", address) for name, (_, address) in cases.items()]
    for page, language, width in each_view(browser, pages):
        name = page.removeprefix("case-status-")
        body = browser.find_element(By.TAG_NAME, "body").text
        if comments[name] and comments[name] in body:
            problems.append(f"{name}: the complaint's text is on the public page")
        asks = bool(chromium.now(browser, By.CSS_SELECTOR, "#case-rating input[name=score]"))
        if asks != (name == "resolved"):
            problems.append(f"{name} {language} {width}: rating form shown={asks}")
        check(browser, page, language, width, problems)
    assert not problems, problems


def test_the_rating_is_taken_once_by_keyboard(browser):
    _, address = link("resolved,closed")
    browser.get(URL + address + "?lang=en")
    first = browser.find_element(By.CSS_SELECTOR, "#case-rating input[name=score]")
    first.send_keys(Keys.SPACE)
    chromium.follow(browser, lambda: browser.find_element(By.CSS_SELECTOR, "#case-rating button[type=submit]").send_keys(Keys.ENTER))
    assert "Thank you. Your rating: 5" in browser.find_element(By.ID, "case-rated").text
    assert not chromium.now(browser, By.CSS_SELECTOR, "#case-rating")
    chromium.shot(browser, "case-status-rated-en-1366")


def request_links():
    """Status links for a demo service request still open and for a completed one (issue 19 item 6): each link is made
    through the API for a request of a customer, and its page says which it is. Nothing is posted, so no figure moves."""
    found = {}
    for number in range(1, 2000):
        request = f"demo-req-{number:06d}"
        try:
            address = api(f"/api/v1/requests/{request}/status-link", "POST")["status_url"]
        except urllib.error.HTTPError as error:
            assert error.code == 404, error
            continue  # a request without a customer
        path = address[address.index("/request-status/"):]
        page = urllib.request.urlopen(URL + path + "?lang=en").read().decode()
        for name, status in (("open", "being processed"), ("completed", "completed")):
            if name not in found and f'id="request-status">{status}<' in page:
                found[name] = path
        if len(found) == 2:
            return found
    raise AssertionError(f"the demo has no open or no completed request of a customer among the first 2,000: {found}")


def test_a_requests_status_page_in_both_languages_and_widths(browser):
    problems = []
    links = request_links()
    pages = [(f"request-status-{name}", path) for name, path in links.items()]
    for page, language, width in each_view(browser, pages):
        name = page.removeprefix("request-status-")
        body = browser.find_element(By.TAG_NAME, "body").text
        if "demo-req-" in body or "C0" in body:
            problems.append(f"{name} {language} {width}: the request's or customer's id is on the public page")
        asks = bool(chromium.now(browser, By.CSS_SELECTOR, "#request-rating input[name=score]"))
        if asks != (name == "completed"):
            problems.append(f"{name} {language} {width}: survey shown={asks}")
        closed = bool(chromium.now(browser, By.ID, "request-closed"))
        if closed != (name == "completed"):
            problems.append(f"{name} {language} {width}: closing date shown={closed}")
        if name == "completed":
            # The radio group is reachable by keyboard and named by its legend.
            legend = browser.find_element(By.CSS_SELECTOR, "#request-rating legend").text
            if not legend.strip():
                problems.append(f"{language} {width}: the survey's question has no legend")
        check(browser, page, language, width, problems)
    assert not problems, problems
