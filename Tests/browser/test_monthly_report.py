"""Issue 20 item 7, the monthly report (/reports/monthly) on the demo: every figure is the metrics API's for the query
it names, the trend table and the location rankings are the API's groups, the page reads in both languages at 1366
and 390 px, and its PDF (printed by headless Chromium) and XLSX downloads hold the same figures. Screenshots and the
PDF's pages drawn as PNG (pdftoppm) go to OTKLIK_SCREENSHOTS."""
import io
import os
import shutil
import subprocess
import tempfile
import urllib.parse
import urllib.request

import pytest
import chromium
import test_pages_screens as screens
from selenium.webdriver.common.by import By
from test_kpi_pages import api, number

URL = os.environ.get("OTKLIK_URL")
pytestmark = pytest.mark.skipif(not URL, reason="run through scripts/test, which starts the server")

# October 2026: a whole month inside the demo's data (it ends on 2026-11-22).
MONTH = "month=2026-10"


@pytest.fixture(scope="module")
def driver():
    signed = chromium.signed_in("1366,900", URL)
    yield signed
    signed.quit()


def download(driver, path):
    cookies = "; ".join(f"{c['name']}={c['value']}" for c in driver.get_cookies())
    request = urllib.request.Request(URL + path, headers={"Cookie": cookies})
    with urllib.request.urlopen(request, timeout=180) as response:
        return response.headers, response.read()


def test_every_figure_is_the_api_figure(driver):
    compared = 0
    surveys_compared = []
    for query in (MONTH, MONTH + "&location=L01"):
        driver.get(f"{URL}/reports/monthly?{query}&lang=en")
        cards = driver.find_elements(By.CSS_SELECTOR, ".report-figure")
        assert len(cards) >= 8, query
        for card in cards:
            report = api(card.get_attribute("data-api"))
            if card.get_attribute("id").startswith("kpi-rr1-"):
                # A survey's response rate: the survey results API over the month's invitations.
                assert int(card.find_element(By.CSS_SELECTOR, "[data-n]").text) == report["outcomes"]["total"], (query, card.get_attribute("id"))
                shown = number(card.find_element(By.CSS_SELECTOR, "[data-value]").text)
                assert shown == pytest.approx(round(100 * report["response_rates"]["rr1"], 1), abs=0.05 + 1e-9), (query, card.get_attribute("id"))
                surveys_compared.append(card.get_attribute("id"))
                continue
            overall = report["overall"]
            assert int(card.find_element(By.CSS_SELECTOR, "[data-n]").text) == overall["n"], (query, card.get_attribute("id"))
            values = chromium.now(card, By.CSS_SELECTOR, "[data-value]")
            if overall["insufficient"] or overall.get("value") is None:
                assert not values, (query, card.get_attribute("id"))
                continue
            digits = 0 if report["metric"] == "backlog" else 2 if report["metric"] == "ces" else 1
            assert number(values[0].text) == pytest.approx(round(overall["value"], digits), abs=10 ** -digits / 2 + 1e-9), (query, report["metric"])
            compared += 1
    assert compared >= 12
    assert surveys_compared, "the demo's measurement survey has invitations in the month: its response rate is on the report"


def test_trend_and_rankings_are_the_api_groups(driver):
    driver.get(f"{URL}/reports/monthly?{MONTH}&lang=en")
    table = driver.find_element(By.ID, "report-trend")
    nps = {g["key"]["month"]: g for g in api(table.get_attribute("data-api"))["groups"]}
    rows = table.find_elements(By.CSS_SELECTOR, "tbody tr")
    assert len(rows) == 12 and rows[-1].find_element(By.TAG_NAME, "th").text == "2026-10"
    checked = 0
    for row in rows:
        month = row.find_element(By.TAG_NAME, "th").text
        cells = row.find_elements(By.TAG_NAME, "td")
        group = nps.get(month)
        assert int(cells[3].text) == (group["n"] if group else 0), month
        if group and not group["insufficient"]:
            assert float(cells[0].get_attribute("data-value")) == pytest.approx(group["value"]), month
            checked += 1
    assert checked >= 10
    # The charts carry their title for a screen reader; the table above is their text equivalent.
    assert len(driver.find_elements(By.CSS_SELECTOR, ".report-chart svg[role=img][aria-label]")) == 2
    rankings = driver.find_elements(By.CSS_SELECTOR, "table[id^=report-ranking-]")
    assert len(rankings) == 2
    for ranking in rankings:
        groups = api(ranking.get_attribute("data-api"))["groups"]
        for row in ranking.find_elements(By.CSS_SELECTOR, "tbody tr"):
            cells = row.find_elements(By.TAG_NAME, "td")
            value, n = float(cells[2].get_attribute("data-value")), int(cells[5].text)
            assert any(g["n"] == n and g["value"] == pytest.approx(value) for g in groups), (ranking.get_attribute("id"), value, n)


def test_report_in_both_languages_and_both_widths(driver):
    problems = []
    for width in screens.WIDTHS:
        screens.resize(driver, width)
        for language in screens.LANGUAGES:
            for name, query in (("report", MONTH), ("report-location", MONTH + "&location=L01"), ("report-bad-month", "month=2026-13")):
                driver.get(f"{URL}/reports/monthly?{query}&lang={language}")
                screens.check(driver, name, language, width, problems)
    screens.resize(driver, 1366)
    assert not problems, "\n".join(problems)
    driver.get(f"{URL}/reports/monthly?month=2026-13&lang=en")
    assert driver.find_element(By.ID, "report-month").get_attribute("aria-invalid") == "true"
    assert not chromium.now(driver, By.CSS_SELECTOR, ".report-figure")


def test_the_report_is_in_the_measure_menu(driver):
    driver.get(f"{URL}/?lang=en")
    link = chromium.nav_link(driver, "/reports/monthly")
    assert link.get_attribute("textContent").strip() == "Monthly report"


def test_xlsx_holds_every_table_with_the_pages_figures(driver):
    driver.get(f"{URL}/reports/monthly?{MONTH}&lang=en")
    tables = driver.find_elements(By.CSS_SELECTOR, "table.report-table")
    headers, body = download(driver, f"/reports/monthly.xlsx?{MONTH}&lang=en")
    assert headers["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    import openpyxl  # scripts/test installs it beside selenium
    book = openpyxl.load_workbook(io.BytesIO(body))
    assert book.sheetnames[:2] == ["Headline", "Trend"] and len(book.sheetnames) >= len(tables) + 2, book.sheetnames
    trend = book["Trend"]
    assert [c.value for c in trend[1]][:2] == ["Month", "NPS"]
    page_rows = driver.find_element(By.ID, "report-trend").find_elements(By.CSS_SELECTOR, "tbody tr")
    for index, row in enumerate(page_rows):
        cells = row.find_elements(By.TAG_NAME, "td")
        sheet_row = [c.value for c in trend[index + 2]]
        assert sheet_row[0].strftime("%Y-%m") == row.find_element(By.TAG_NAME, "th").text
        shown = cells[0].get_attribute("data-value")
        assert (sheet_row[1] is None) == (shown is None)
        if shown is not None:
            assert isinstance(sheet_row[1], float) and sheet_row[1] == pytest.approx(float(shown))
        assert sheet_row[4] == int(cells[3].text)
    headline = {row[0].value: [c.value for c in row] for row in book["Headline"].iter_rows(min_row=2)}
    card = driver.find_element(By.ID, "kpi-nps")
    assert headline["NPS"][4] == int(card.find_element(By.CSS_SELECTOR, "[data-n]").text)
    assert round(headline["NPS"][1], 1) == number(card.find_element(By.CSS_SELECTOR, "[data-value]").text)
    ru_headers, ru_body = download(driver, f"/reports/monthly.xlsx?{MONTH}&lang=ru")
    assert openpyxl.load_workbook(io.BytesIO(ru_body)).sheetnames[:2] == ["Показатели", "Динамика"]


@pytest.mark.skipif(not shutil.which("pdftoppm"), reason="pdftoppm (poppler-utils) draws the PDF's pages")
def test_pdf_pages_are_drawn_and_not_blank(driver):
    folder = os.environ.get("OTKLIK_SCREENSHOTS") or tempfile.mkdtemp()
    for language in ("ru", "en"):
        headers, body = download(driver, f"/reports/monthly.pdf?{MONTH}&lang={language}")
        assert headers["Content-Type"] == "application/pdf" and body.startswith(b"%PDF")
        path = os.path.join(folder, f"report-{language}.pdf")
        with open(path, "wb") as file:
            file.write(body)
        prefix = os.path.join(folder, f"report-pdf-{language}")
        subprocess.run(["pdftoppm", "-png", "-r", "60", path, prefix], check=True)
        pages = sorted(p for p in os.listdir(folder) if p.startswith(f"report-pdf-{language}") and p.endswith(".png"))
        # Nine pages in Russian with the surveys' response rates (2026-12-04); more would mean a runaway break.
        assert 4 <= len(pages) <= 10, pages
        # Looked at: a heading alone at the foot of a page, its list on the next; numbers and months broken
        # across lines in a narrow column. Each page's text (pdftotext) keeps a heading with what follows it.
        text = subprocess.run(["pdftotext", "-layout", path, "-"], check=True, capture_output=True, text=True).stdout
        heading = "Что делать дальше" if language == "ru" else "What to do next"
        page = next(p for p in text.split("\f") if heading in p)
        assert page.rstrip().splitlines()[-1].strip() != heading and page.split(heading, 1)[1].strip(), "the heading is alone at the page's foot"
        assert "2025-11" in text and "2026-10" in text, "a month is written on one line"
        gray = os.path.join(folder, f"report-gray-{language}")
        subprocess.run(["pdftoppm", "-gray", "-r", "20", path, gray], check=True)
        drawn = sorted(p for p in os.listdir(folder) if p.startswith(f"report-gray-{language}") and p.endswith(".pgm"))
        assert len(drawn) == len(pages)
        for index, name in enumerate(drawn):
            with open(os.path.join(folder, name), "rb") as file:
                data = file.read()
            # A PGM: "P5", width, height, 255, each separated by one whitespace, then the pixels; a blank page is all white.
            fields = data.split(maxsplit=4)
            width, height = int(fields[1]), int(fields[2])
            pixels = data[len(data) - width * height:]
            assert height > width, f"page {index + 1} is portrait"
            assert sum(1 for p in pixels if p < 200) / len(pixels) > 0.001, f"{language} page {index + 1} is blank"


def test_subscribing_to_the_report_by_e_mail_from_the_page(driver):
    """The section at the report's foot: a wrong day is named and the form kept; a subscription appears in the list
    with its files and day; unsubscribing removes it; the section is neither printed nor in the PDF's page."""
    for width in screens.WIDTHS:
        screens.resize(driver, width)
        driver.get(f"{URL}/reports/monthly?{MONTH}&lang=en")
        form = driver.find_element(By.ID, "report-subscribe")
        for box in form.find_elements(By.CSS_SELECTOR, "input[type=checkbox]"):
            label = box.find_element(By.XPATH, "..")
            # A checkbox of its natural size, on one line with its name (not stretched to the column nor above it).
            assert box.size["width"] < 30 and label.size["height"] < 40, (box.size, label.size)
        email = form.find_element(By.ID, "sub-email")
        email.clear()
        email.send_keys(f"browser-{width}@bank.example")
        driver.execute_script("document.getElementById('sub-day').removeAttribute('max'); document.getElementById('sub-day').value = '40'")
        # Each submit loads a new page: wait for it before reading it (an element of the old one goes stale).
        chromium.follow(driver, lambda: form.find_element(By.ID, "sub-submit").click())
        error = driver.find_element(By.ID, "report-sub-error").text
        assert "Day of the month" in error, error
        assert driver.find_element(By.ID, "sub-email").get_attribute("value") == f"browser-{width}@bank.example"
        day = driver.find_element(By.ID, "sub-day")
        day.clear()
        day.send_keys("31")
        chromium.follow(driver, lambda: driver.find_element(By.ID, "sub-submit").click())
        notice = driver.find_element(By.ID, "report-sub-notice").text
        assert f"browser-{width}@bank.example" in notice and "day 31" in notice, notice
        row = driver.find_element(By.XPATH, f"//table[@id='report-subscription-list']//tr[td[1]='browser-{width}@bank.example']")
        cells = [cell.text for cell in row.find_elements(By.TAG_NAME, "td")]
        assert cells[2] == "English" and cells[3] == "PDF + XLSX" and cells[4] == "31" and cells[5] == "not yet", cells
        problems = []
        screens.check(driver, "report-subscriptions", "en", width, problems)
        assert not problems, "\n".join(problems)
        chromium.follow(driver, lambda: row.find_element(By.TAG_NAME, "button").click())
        assert "Unsubscribed." in driver.find_element(By.ID, "report-sub-notice").text
        assert not chromium.now(driver, By.XPATH, f"//tr[td[1]='browser-{width}@bank.example']")
    screens.resize(driver, 1366)
    driver.get(f"{URL}/reports/monthly?{MONTH}&lang=ru")
    assert driver.find_element(By.ID, "report-subscriptions-h").text == "Ежемесячный отчёт по почте"
    section = driver.find_element(By.ID, "report-subscriptions")
    assert "no-print" in section.get_attribute("class")
