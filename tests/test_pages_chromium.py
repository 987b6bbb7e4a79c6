"""The built article in a real browser: headless Chromium (Debian's, through chromium-driver)
loads every language's page and the pseudo-locale, every figure decodes, the switcher is there,
the Arabic page is laid out right to left, and no French is left in a translated page. The
English and Arabic screenshots go to a temporary folder, or to the folder named by
``PASSERELLE_SCREENSHOTS`` (``make screenshots`` refreshes docs/screenshots/ for the README).

Skipped (with the reason) when Chromium, its driver or Selenium is not installed.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from article_site import LANGUAGES, build_site
from chromium import headless_chromium, needs_chromium

pytestmark = needs_chromium
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
  french: document.querySelectorAll('article [lang="fr"]:not([translate="no"])').length,
  font: getComputedStyle(document.querySelector('article p')).fontFamily,
};
"""


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with headless_chromium(900, 1400) as driver:
        yield driver


def test_every_page_loads_its_figures_and_switcher(browser: Any, tmp_path: Path) -> None:
    site = build_site(tmp_path)
    screenshots = Path(os.environ.get("PASSERELLE_SCREENSHOTS") or tmp_path / "screenshots")
    screenshots.mkdir(parents=True, exist_ok=True)
    for lang in LANGUAGES:
        # the load event waits for every image: after get() each figure has decoded or failed
        browser.get((site / lang / "iblac-west-bund.html").as_uri())
        state = browser.execute_script(PROBE)
        assert state["complete"] and len(state["widths"]) == 3, (lang, state)
        assert all(width > 0 for width in state["widths"]), (lang, state)
        assert state["switcher"] == len(LANGUAGES) and state["current"] == 1, (lang, state)
        assert state["direction"] == ("rtl" if lang == "ar" else "ltr"), (lang, state)
        assert state["french"] == 0, (lang, state)  # every sentence translated
        if lang in KEPT:
            assert browser.save_screenshot(str(screenshots / f"{lang}.png"))
