"""Debian's headless Chromium driven through chromium-driver, for the browser tests.

A module that imports this is skipped, with the reason, when Chromium, its driver or Selenium is
not installed (``.ci/run`` installs them).
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver")
webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is not installed")
needs_chromium = pytest.mark.skipif(
    CHROMIUM is None or DRIVER is None, reason="chromium or chromium-driver is not installed"
)


@contextmanager
def headless_chromium(width: int, height: int) -> Iterator[Any]:
    """A headless Chromium window of ``width`` x ``height`` CSS pixels (scale 1, no scrollbars,
    so screenshots are the same from run to run)."""
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars"):
        options.add_argument(flag)
    options.add_argument("--force-device-scale-factor=1")
    options.add_argument(f"--window-size={width},{height}")
    service = webdriver.ChromeService(executable_path=str(DRIVER))
    driver = webdriver.Chrome(options=options, service=service)
    driver.set_page_load_timeout(30)
    try:
        yield driver
    finally:
        driver.quit()
