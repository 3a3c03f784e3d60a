"""Every page with a period form opens on the 90 days (or its own default length) ending at its data's last day when the
data end before today (DataEndPeriod): the demo's feedback ends on 22 November 2026, so /dissatisfaction and a
journey's page end there and say so, as the dashboard and the KPI pages do; /surveys and a survey's page end at the last
invitation (the demo makes a fresh one at every start) and say which 90 days they show. Russian and English, 1366 and
390 px; screenshots go to OTKLIK_SCREENSHOTS as default-period-<page>-<lang>-<width>.png.

The module's name makes it run first: later modules (test_customers, test_churn) post feedback dated today, after which
the feedback's last day is today and the pages rightly end today.
"""
import datetime
import os

import pytest
import chromium
import test_pages_screens as screens
from selenium.webdriver.common.by import By

URL = os.environ.get("OTKLIK_URL")
pytestmark = pytest.mark.skipif(not URL, reason="run through scripts/test, which starts the server")

ENDS = {"en": "The period ends at the last data, 22 Nov 2026.", "ru": "Период заканчивается последними данными, 22 нояб. 2026."}
SURVEYS = {"en": "Invitations made in the 90 days to the last invitation", "ru": "Приглашения за 90 дней до последнего приглашения"}


@pytest.fixture(scope="module")
def driver():
    signed = chromium.signed_in("1366,900", URL)
    yield signed
    signed.quit()


def test_pages_default_to_the_period_ending_at_their_last_data(driver):
    journey = screens.first_link(driver, "/journeys")
    assert journey, "the demo has a journey"
    journey = journey.split("?")[0]
    problems = []
    for width in screens.WIDTHS:
        screens.resize(driver, width)
        for language in screens.LANGUAGES:
            driver.get(f"{URL}/dissatisfaction?lang={language}")
            assert driver.find_element(By.ID, "data-end").text == ENDS[language]
            assert driver.find_element(By.ID, "to").get_attribute("value") == "2026-11-22"
            screens.check(driver, "default-period-dissatisfaction", language, width, problems)
            driver.get(f"{URL}{journey}?lang={language}")
            assert driver.find_element(By.ID, "data-end").text == ENDS[language]
            assert driver.find_element(By.ID, "j-to").get_attribute("value") == "2026-11-22"
            screens.check(driver, "default-period-journey", language, width, problems)
            driver.get(f"{URL}/surveys?lang={language}")
            assert SURVEYS[language] in driver.find_element(By.ID, "surveys-period").text
            start = datetime.date.fromisoformat(driver.find_element(By.ID, "s-from").get_attribute("value"))
            end = datetime.date.fromisoformat(driver.find_element(By.ID, "s-to").get_attribute("value"))
            assert (end - start).days == 89, ("90 days, the last included", start, end)
            screens.check(driver, "default-period-surveys", language, width, problems)
            # A period asked for is kept as asked, with no such sentence.
            driver.get(f"{URL}/dissatisfaction?from=2026-09-01&to=2026-09-30&lang={language}")
            assert not chromium.now(driver, By.ID, "data-end")
            assert driver.find_element(By.ID, "to").get_attribute("value") == "2026-09-30"
    screens.resize(driver, 1366)
    assert not problems, "\n".join(problems)
