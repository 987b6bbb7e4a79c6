"""``passerelle serve`` in a real browser: headless Chromium (Debian's, through chromium-driver)
clicks a sentence of the page, types its translation, approves it, and the catalog on disk holds
it; placeholders stay whole; Arabic is typed right to left; two tabs editing one unit end in a
conflict shown to the second. The screenshot goes to a temporary folder, or to the folder named
by ``PASSERELLE_SCREENSHOTS`` (``make screenshots`` refreshes docs/screenshots/serve.png).

Skipped (with the reason) when Chromium, its driver or Selenium is not installed.
"""

from __future__ import annotations

import difflib
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from chromium import headless_chromium, needs_chromium
from helpers import msgfmt_check
from passerelle.po.catalog import read_catalog, write_catalog
from passerelle.serve.server import Running
from serve_site import ARTICLE, GUIDE_UNIT, make_project, serving

pytestmark = needs_chromium
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.common.keys import Keys  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

PARTICIPANTS = (
    "Les participants ont discuté de l'avenir de la technologie et de la collaboration"
    " internationale."
)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with headless_chromium(1400, 1000) as driver:
        yield driver


def wait(browser: Any, script: str, *args: Any) -> Any:
    """Wait (up to 10 s) until ``script`` returns something truthy; return it."""
    return WebDriverWait(browser, 10, poll_frequency=0.05).until(
        lambda driver: driver.execute_script(script, *args)
    )


def open_app(browser: Any, running: Running, lang: str, doc: str) -> None:
    """Open the printed address on ``doc`` in ``lang`` and wait for its units and pages."""
    browser.get(f"{running.url}&lang={lang}&doc={doc}")
    wait(
        browser,
        "const f = document.getElementById('target-page');"
        "return document.querySelectorAll('#units li').length > 0 && f.contentDocument"
        " && f.contentDocument.readyState === 'complete'"
        " && f.contentDocument.querySelector('[data-unit]') && f.contentDocument.querySelector("
        "'style') && true;",
    )


def click_unit(browser: Any, unit: int) -> None:
    """Click the sentence of ``unit`` in the localised page, as a translator would."""
    browser.switch_to.frame(browser.find_element(By.ID, "target-page"))
    browser.find_element(By.CSS_SELECTOR, f'[data-unit="{unit}"]').click()
    browser.switch_to.default_content()
    wait(browser, "return !document.getElementById('editor').hidden")


def status(browser: Any, text: str) -> None:
    wait(browser, "return document.getElementById('status').textContent === arguments[0]", text)


def unit_id(root: Path, lang: str, doc: str, msgid: str) -> int:
    entries = [e for e in read_catalog(root / "locales" / lang / f"{doc}.po") if not e.obsolete]
    return [e.msgid for e in entries if e.msgid].index(msgid)


def test_click_type_approve_and_the_catalog_holds_it(browser: Any, tmp_path: Path) -> None:
    root = make_project(tmp_path, guide=True)
    path = root / "locales" / "de" / f"{ARTICLE}.po"
    catalog = read_catalog(path)
    entry = catalog.find(PARTICIPANTS)
    assert entry is not None
    entry.msgstr = ""  # a sentence still to translate
    write_catalog(path, catalog)
    before = path.read_text(encoding="utf-8")
    with serving(root) as running:
        open_app(browser, running, "de", ARTICLE)
        click_unit(browser, unit_id(root, "de", ARTICLE, PARTICIPANTS))
        field = browser.find_element(By.ID, "field")
        assert browser.execute_script("return state.current.msgid") == PARTICIPANTS
        field.send_keys("Die Teilnehmer sprachen über die Zukunft der Technik.")
        field.send_keys(Keys.CONTROL, Keys.ENTER)
        status(browser, "Approved")
        browser.refresh()
        open_app(browser, running, "de", ARTICLE)
        shipped = browser.execute_script(
            "return document.getElementById('target-page').contentDocument.body.textContent"
        )
        assert "Die Teilnehmer sprachen über die Zukunft der Technik." in shipped
    after = path.read_text(encoding="utf-8")
    old, new = before.splitlines(), after.splitlines()
    removed, added = [], []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, old, new).get_opcodes():
        if op != "equal":
            removed.extend(old[i1:i2])
            added.extend(new[j1:j2])
    assert [line.split(":")[0] for line in removed] == [
        '"PO-Revision-Date',
        '"Last-Translator',
        'msgstr ""',
    ]
    assert added[1:] == [
        '"Last-Translator: Ada Test <ada@example.org>\\n"',
        'msgstr "Die Teilnehmer sprachen über die Zukunft der Technik."',
    ]
    done = msgfmt_check(path)
    assert done.returncode == 0 and done.stderr == "", done.stderr


def test_placeholders_are_placed_and_cannot_be_deleted(browser: Any, tmp_path: Path) -> None:
    root = make_project(tmp_path, guide=True)
    with serving(root) as running:
        open_app(browser, running, "de", "guide")
        click_unit(browser, unit_id(root, "de", "guide", GUIDE_UNIT))
        chips = "return [...document.querySelectorAll('#field .chip')].map(c => c.dataset.ph)"
        assert browser.execute_script(chips) == ["<b1>", "</b1>", "<code2/>"]
        field = browser.find_element(By.ID, "field")
        field.send_keys("Klicken Sie auf ")
        field.send_keys(Keys.ARROW_RIGHT, "Speichern", Keys.ARROW_RIGHT, " und starten Sie ")
        field.send_keys(Keys.ARROW_RIGHT, ".")
        typed = "Klicken Sie auf <b1>Speichern</b1> und starten Sie <code2/>."
        assert browser.execute_script("return field.value()") == typed
        # Backspace right after a chip, then select all and delete: the chips stay
        browser.execute_script("field.setCaret(arguments[0])", len("Klicken Sie auf ") + 1)
        field.send_keys(Keys.BACKSPACE)
        assert browser.execute_script(chips) == ["<b1>", "</b1>", "<code2/>"]
        assert "not deleted" in browser.find_element(By.ID, "status").text
        field.send_keys(Keys.CONTROL, "a")
        field.send_keys(Keys.DELETE)
        assert browser.execute_script("return field.value()") == typed
        field.send_keys(Keys.END, " <i3>")  # the ">" that would invent a placeholder is refused
        assert browser.execute_script("return field.value()") == typed + " <i3"
        field.send_keys(*[Keys.BACKSPACE] * 4)
        assert browser.execute_script("return field.value()") == typed
        field.send_keys(Keys.CONTROL, Keys.ENTER)
        status(browser, "Approved")
    saved = read_catalog(root / "locales" / "de" / "guide.po").find(GUIDE_UNIT)
    assert saved is not None and saved.msgstr == typed and saved.translated()


def test_an_arabic_field_runs_right_to_left(browser: Any, tmp_path: Path) -> None:
    root = make_project(tmp_path)
    with serving(root) as running:
        open_app(browser, running, "ar", ARTICLE)
        click_unit(browser, unit_id(root, "ar", ARTICLE, PARTICIPANTS))
        field = browser.find_element(By.ID, "field")
        assert field.get_attribute("dir") == "rtl" and field.get_attribute("lang") == "ar"
        assert browser.execute_script("return getComputedStyle(arguments[0]).direction", field) == (
            "rtl"
        )
        source = browser.find_element(By.ID, "source")
        assert source.get_attribute("dir") == "ltr" and source.get_attribute("lang") == "fr"
        screenshots = Path(os.environ.get("PASSERELLE_SCREENSHOTS") or tmp_path / "screenshots")
        screenshots.mkdir(parents=True, exist_ok=True)
        assert browser.save_screenshot(str(screenshots / "serve.png"))


def test_two_tabs_on_one_unit_end_in_a_conflict(browser: Any, tmp_path: Path) -> None:
    root = make_project(tmp_path)
    path = root / "locales" / "de" / f"{ARTICLE}.po"
    unit = unit_id(root, "de", ARTICLE, PARTICIPANTS)
    with serving(root) as running:
        first = browser.current_window_handle
        open_app(browser, running, "de", ARTICLE)
        click_unit(browser, unit)
        browser.switch_to.new_window("tab")
        second = browser.current_window_handle
        open_app(browser, running, "de", ARTICLE)
        click_unit(browser, unit)
        browser.switch_to.window(first)
        field = browser.find_element(By.ID, "field")
        field.send_keys(Keys.END, " Erster Tab.")
        field.send_keys(Keys.CONTROL, Keys.ENTER)
        status(browser, "Approved")
        browser.switch_to.window(second)
        field = browser.find_element(By.ID, "field")
        field.send_keys(Keys.END, " Zweiter Tab.")
        field.send_keys(Keys.CONTROL, Keys.ENTER)
        status(browser, "Not saved: the unit changed on disk")
        assert browser.find_element(By.ID, "conflict").is_displayed()
        assert browser.find_element(By.ID, "theirs").text.endswith("Erster Tab.")
        assert browser.find_element(By.ID, "yours").text.endswith("Zweiter Tab.")
        browser.close()
        browser.switch_to.window(first)
    saved = read_catalog(path).find(PARTICIPANTS)
    assert saved is not None and saved.msgstr.endswith("Erster Tab.")
