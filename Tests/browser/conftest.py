"""Fixtures shared by the browser tests. A module that needs another browser (anonymous, another size, data posted
first) defines its own `browser` fixture, which takes precedence over this one."""
import os

import pytest
import chromium


@pytest.fixture(scope="module")
def browser():
    """A headless Chromium signed in as the demo user, 1366 × 900, for the module's tests."""
    driver = chromium.signed_in("1366,900", os.environ["OTKLIK_URL"])
    yield driver
    driver.quit()
