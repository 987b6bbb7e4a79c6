"""A plural entry edited in headless Chromium: the editor shows one labelled field per Arabic
plural form, the translator types each and approves, and the catalog on disk holds every form
(real ``msgfmt -c`` accepts it). Skipped, with the reason, without Chromium or Selenium."""

from __future__ import annotations

from pathlib import Path

from chromium import headless_chromium, needs_chromium
from helpers import msgfmt_c
from passerelle.po.catalog import Entry, read_catalog, write_catalog
from serve_site import ARTICLE, PLURAL_TOML, make_project, serving

pytestmark = needs_chromium
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.common.keys import Keys  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

ONE = "Un délégué était présent."
MANY = "{n} délégués étaient présents."
FORMS = ["لا أحد", "واحد", "اثنان", "{n} قليل", "{n} كثير", "{n} آخر"]


def test_every_plural_form_is_typed_and_saved(tmp_path: Path) -> None:
    root = make_project(tmp_path, toml=PLURAL_TOML)
    path = root / "locales" / "ar" / f"{ARTICLE}.po"
    catalog = read_catalog(path)
    catalog.append(Entry(msgid=ONE, msgid_plural=MANY, msgstr_plural=dict.fromkeys(range(6), "")))
    write_catalog(path, catalog)
    unit = [e.msgid for e in catalog if e.msgid and not e.obsolete].index(ONE)
    with serving(root) as running, headless_chromium(1200, 900) as browser:
        browser.get(f"{running.url}&lang=ar&doc={ARTICLE}")
        WebDriverWait(browser, 10, poll_frequency=0.05).until(
            lambda driver: driver.find_elements(By.CSS_SELECTOR, f'#units li[data-unit="{unit}"]')
        )
        browser.find_element(By.CSS_SELECTOR, f'#units li[data-unit="{unit}"]').click()
        fields = browser.find_elements(By.CSS_SELECTOR, "#plural-fields [role=textbox]")
        labels = browser.execute_script(
            "return arguments[0].map(f => [f.dir, document.getElementById("
            "f.getAttribute('aria-labelledby')).textContent])",
            fields,
        )
        assert [label for _, label in labels] == [
            "zero n = 0",
            "one n = 1",
            "two n = 2",
            "few n = 3, 4, 5, 6, …",
            "many n = 11, 12, 13, 14, …",
            "other n = 100, 101, 102, 200, …",
        ]
        assert {direction for direction, _ in labels} == {"rtl"}
        assert not browser.find_element(By.ID, "field").is_displayed()
        for field, text in zip(fields, FORMS, strict=True):
            field.send_keys(text)
        fields[-1].send_keys(Keys.CONTROL, Keys.ENTER)
        WebDriverWait(browser, 10, poll_frequency=0.05).until(
            lambda driver: driver.find_element(By.ID, "status").text == "Approved"
        )
    entry = read_catalog(path).find(ONE)
    assert entry is not None and entry.translated()
    assert entry.msgstr_plural == dict(enumerate(FORMS))
    done = msgfmt_c(path)
    assert done.returncode == 0 and done.stderr == "", done.stderr
