"""The built article in a real browser: headless Chromium (Debian's, through chromium-driver)
loads every language's page and the pseudo-locale, every figure decodes, the switcher is there,
and the Arabic page is laid out right to left. The English and Arabic screenshots are kept in
docs/screenshots/ for the README.

Skipped (with the reason) when Chromium, its driver or Selenium is not installed.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from article_site import LANGUAGES, build_site
from helpers import REPO

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver")
webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is not installed")
pytestmark = pytest.mark.skipif(
    CHROMIUM is None or DRIVER is None, reason="chromium or chromium-driver is not installed"
)
SCREENSHOTS = REPO / "docs" / "screenshots"
KEPT = ("en", "ar")

#: What the page says about itself once loaded (figures decoded, switcher, direction).
PROBE = """
const images = [...document.querySelectorAll('figure img')];
const nav = document.querySelector('nav[data-passerelle="languages"]');
return {
  complete: images.every(img => img.complete),
  widths: images.map(img => img.naturalWidth),
  switcher: nav ? nav.querySelectorAll('a[hreflang]').length : 0,
  current: nav ? nav.querySelectorAll('a[aria-current="page"]').length : 0,
  direction: getComputedStyle(document.body).direction,
  font: getComputedStyle(document.querySelector('article p')).fontFamily,
};
"""


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars"):
        options.add_argument(flag)
    options.add_argument("--force-device-scale-factor=1")
    options.add_argument("--window-size=900,1400")
    service = webdriver.ChromeService(executable_path=str(DRIVER))
    driver = webdriver.Chrome(options=options, service=service)
    driver.set_page_load_timeout(30)
    try:
        yield driver
    finally:
        driver.quit()


def test_every_page_loads_its_figures_and_switcher(browser: Any, tmp_path: Path) -> None:
    site = build_site(tmp_path)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for lang in LANGUAGES:
        # the load event waits for every image: after get() each figure has decoded or failed
        browser.get((site / lang / "iblac-west-bund.html").as_uri())
        state = browser.execute_script(PROBE)
        assert state["complete"] and len(state["widths"]) == 3, (lang, state)
        assert all(width > 0 for width in state["widths"]), (lang, state)
        assert state["switcher"] == len(LANGUAGES) and state["current"] == 1, (lang, state)
        assert state["direction"] == ("rtl" if lang == "ar" else "ltr"), (lang, state)
        if lang in KEPT:
            assert browser.save_screenshot(str(SCREENSHOTS / f"{lang}.png"))
