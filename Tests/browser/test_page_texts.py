"""Every page the demo links to, in Russian and English, holds no text of a page model gone wrong (issue 17 item 4):
no "nil" and no "Optional(" (an optional rendered as text), no "{{" (a tag the template engine did not fill) and no
"[String" (a Swift dictionary or array rendered as text).

The test starts at the dashboard signed in, follows the links of the navigation and of the pages' content (GET only:
forms are not sent) and visits a few pages of each kind: a kind is the path with its ids replaced and the names of
its query parameters.
"""
import os
import re
from urllib.parse import urlsplit, parse_qsl, urlencode

import pytest
import chromium
from selenium.webdriver.common.by import By

URL = os.environ.get("OTKLIK_URL")
pytestmark = pytest.mark.skipif(not URL, reason="run through scripts/test, which starts the server")

# Links that are not pages: files, exports, signing out.
SKIP = re.compile(r"^/(logout|api/|public/v1/|static/|metrics|health|openapi)|\.(csv|xlsx|svg|png|json|js|css)$")
PER_KIND = 2
MOST = 80
BAD = [(re.compile(r"\bnil\b"), "nil"), (re.compile(re.escape("Optional(")), "Optional("),
       (re.compile(re.escape("{{")), "{{"), (re.compile(re.escape("[String")), "[String")]


def kind(path, query):
    shape = re.sub(r"/[^/]*\d[^/]*", "/#", path)
    return shape + "?" + ",".join(sorted(key for key, _ in query if key != "lang"))


def links(driver):
    found = []
    # Every link's resolved address in one call, not a WebDriver round trip per link.
    for href in driver.execute_script("return Array.from(document.querySelectorAll('a[href]'), a => a.href)"):
        if not href.startswith(URL):
            continue
        parts = urlsplit(href)
        if not parts.path or SKIP.search(parts.path):
            continue
        query = [(key, value) for key, value in parse_qsl(parts.query, keep_blank_values=True) if key != "lang"]
        found.append((parts.path, query))
    return found


def problems_on(driver, where):
    html = driver.page_source
    visible = driver.find_element(By.TAG_NAME, "body").text
    found = []
    for pattern, name in BAD:
        # "nil" is looked for in the text a reader sees; the rest anywhere in the HTML.
        if pattern.search(visible if name == "nil" else html):
            found.append(f"{where}: {name}")
    return found


def crawl(driver, language):
    queue = [("/", [])]
    seen_kinds = {}
    visited = set()
    problems = []
    while queue and len(visited) < MOST:
        path, query = queue.pop(0)
        address = path + "?" + urlencode(query + [("lang", language)])
        if address in visited:
            continue
        shape = kind(path, query)
        if seen_kinds.get(shape, 0) >= PER_KIND:
            continue
        seen_kinds[shape] = seen_kinds.get(shape, 0) + 1
        visited.add(address)
        driver.get(URL + address)
        problems += problems_on(driver, f"{address}")
        queue += links(driver)
    return visited, problems


def test_no_page_shows_a_broken_model_in_either_language():
    driver = chromium.signed_in("1366,900", URL)
    try:
        problems = []
        for language in ("ru", "en"):
            visited, found = crawl(driver, language)
            assert len(visited) >= 25, f"{language}: only {len(visited)} pages reached"
            problems += found
    finally:
        driver.quit()
    assert not problems, "\n".join(problems)
