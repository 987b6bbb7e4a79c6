"""Plural entries in ``passerelle serve``: one text per plural form of the target language,
labelled from the catalog's Plural-Forms and CLDR, saved as a singular entry is (lock, re-read,
conflict, msgcat layout, fuzzy cleared on approval), every form checked. The server runs on
127.0.0.1 and the catalog it writes goes through real ``msgfmt -c``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from helpers import msgfmt_c
from passerelle.po.catalog import Entry, read_catalog, write_catalog
from serve_site import ARTICLE, PLURAL_TOML, Client, make_project, serving

ONE = "Un délégué <b1>présent</b1>"
MANY = "{n} délégués <b1>présents</b1>"
ARABIC = (
    "لا مندوبين <b1>حاضرين</b1>",
    "مندوب واحد <b1>حاضر</b1>",
    "مندوبان <b1>حاضران</b1>",
    "{n} مندوبين <b1>حاضرين</b1>",
    "{n} مندوبًا <b1>حاضرًا</b1>",
    "{n} مندوب <b1>حاضر</b1>",
)


def plural_project(root: Path, *, fuzzy: bool = False) -> Path:
    """The article project in Arabic and Japanese, each catalog with one plural entry."""
    make_project(root, toml=PLURAL_TOML)
    for lang in ("ar", "ja"):
        path = root / "locales" / lang / f"{ARTICLE}.po"
        catalog = read_catalog(path)
        count = 6 if lang == "ar" else 1
        entry = Entry(msgid=ONE, msgid_plural=MANY, msgstr_plural=dict.fromkeys(range(count), ""))
        if fuzzy:
            entry.msgstr_plural = {k: f"{lang} {k} <b1>x</b1>" for k in range(count)}
            entry.flags.append("fuzzy")
            entry.previous_msgid = "Un délégué"
        catalog.append(entry)
        write_catalog(path, catalog)
    return root


def save_forms(
    client: Client, lang: str, unit: dict[str, Any], forms: list[str], **more: Any
) -> Any:
    payload = {
        "lang": lang,
        "doc": ARTICLE,
        "id": unit["id"],
        "msgid": unit["msgid"],
        "msgctxt": unit["msgctxt"],
        "forms": forms,
        "fuzzy": False,
        "base_forms": unit["forms"],
        "base_fuzzy": unit["fuzzy"],
    }
    payload.update(more)
    return client.post("/api/save", payload)


def test_arabic_plural_saves_all_six_forms(tmp_path: Path) -> None:
    root = plural_project(tmp_path, fuzzy=True)
    path = root / "locales" / "ar" / f"{ARTICLE}.po"
    with serving(root) as running:
        client = Client(running).login()
        unit = client.unit(ARTICLE, "ar", ONE)
        assert unit["plural"] and unit["msgid_plural"] == MANY and unit["state"] == "fuzzy"
        labels = [(f["label"], f["counts"]) for f in unit["plural_forms"]]
        assert labels == [
            ("zero", "n = 0"),
            ("one", "n = 1"),
            ("two", "n = 2"),
            ("few", "n = 3, 4, 5, 6, …"),
            ("many", "n = 11, 12, 13, 14, …"),
            ("other", "n = 100, 101, 102, 200, …"),
        ]
        answer = save_forms(client, "ar", unit, list(ARABIC))
        assert answer.status == 200, answer.text
        saved = answer.json()["unit"]
        assert saved["forms"] == list(ARABIC) and saved["state"] == "translated"
    entry = read_catalog(path).find(ONE)
    assert entry is not None and entry.msgstr_plural == dict(enumerate(ARABIC))
    assert not entry.fuzzy and entry.previous_msgid is None  # approving cleared both
    text = path.read_text(encoding="utf-8")
    assert f'msgstr[5] "{ARABIC[5]}"' in text and "#| msgid" not in text
    done = msgfmt_c(path)
    assert done.returncode == 0 and done.stderr == "", done.stderr


def test_japanese_plural_has_one_form(tmp_path: Path) -> None:
    root = plural_project(tmp_path)
    path = root / "locales" / "ja" / f"{ARTICLE}.po"
    with serving(root) as running:
        client = Client(running).login()
        unit = client.unit(ARTICLE, "ja", ONE)
        assert [f["label"] for f in unit["plural_forms"]] == ["other"]
        assert unit["forms"] == [""] and unit["state"] == "untranslated"
        answer = save_forms(client, "ja", unit, ["{n} 人の代表が<b1>出席</b1>"], fuzzy=True)
        assert answer.status == 200, answer.text
        assert answer.json()["unit"]["state"] == "fuzzy"
    entry = read_catalog(path).find(ONE)
    assert entry is not None and entry.fuzzy
    assert entry.msgstr_plural == {0: "{n} 人の代表が<b1>出席</b1>"}
    done = msgfmt_c(path)
    assert done.returncode == 0 and done.stderr == "", done.stderr


def test_a_wrong_number_of_forms_or_a_broken_form_is_refused(tmp_path: Path) -> None:
    root = plural_project(tmp_path)
    path = root / "locales" / "ar" / f"{ARTICLE}.po"
    before = path.read_bytes()
    with serving(root) as running:
        client = Client(running).login()
        unit = client.unit(ARTICLE, "ar", ONE)
        for forms in (list(ARABIC[:2]), [*ARABIC, "سابع"], []):
            answer = save_forms(client, "ar", unit, forms)
            assert answer.status == 400, forms
            assert answer.json() == {"error": "this entry has 6 plural forms in ar"}
        singular = client.save(ARTICLE, "ar", unit, ARABIC[1])
        assert singular.status == 400
        assert "\n" not in singular.json()["error"]
        assert save_forms(client, "ar", unit, "نص").status == 400  # not a list
        broken = [*ARABIC[:4], "{n} مندوبًا حاضرًا", ARABIC[5]]  # form 5 dropped <b1>
        answer = save_forms(client, "ar", unit, broken)
        assert answer.status == 422
        assert answer.json()["error"].startswith("placeholders of form 5 do not match")
        check = {"lang": "ar", "msgid": ONE, "msgid_plural": MANY, "forms": broken}
        findings = client.post("/api/check", check).json()["findings"]
        assert [f["code"] for f in findings] == ["placeholder-missing"]  # shown while typing
    assert path.read_bytes() == before


def test_a_stale_plural_edit_is_a_conflict(tmp_path: Path) -> None:
    root = plural_project(tmp_path)
    path = root / "locales" / "ar" / f"{ARTICLE}.po"
    with serving(root) as running:
        first, second = Client(running).login(), Client(running).login()
        unit = first.unit(ARTICLE, "ar", ONE)
        stale = second.unit(ARTICLE, "ar", ONE)
        assert save_forms(first, "ar", unit, list(ARABIC)).status == 200
        mine = [form.replace("<b1>", "<b1>!") for form in ARABIC]
        answer = save_forms(second, "ar", stale, mine)
        assert answer.status == 409
        assert answer.json()["theirs"]["forms"] == list(ARABIC)
        assert answer.json()["yours"]["forms"] == mine
        entry = read_catalog(path).find(ONE)
        assert entry is not None and entry.msgstr_plural == dict(enumerate(ARABIC))
        kept = save_forms(second, "ar", stale, mine, base_forms=list(ARABIC))
        assert kept.status == 200, kept.text
    entry = read_catalog(path).find(ONE)
    assert entry is not None and entry.msgstr_plural == dict(enumerate(mine))
    done = msgfmt_c(path)
    assert done.returncode == 0 and done.stderr == "", done.stderr
