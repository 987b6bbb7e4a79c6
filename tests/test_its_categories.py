"""ITS ID Value, Storage Size, Allowed Characters, Terminology and Locale Filter, end to end:
extract a document, translate its template as a translator would, then check and build."""

from __future__ import annotations

from pathlib import Path

import polib
import pytest

from helpers import run_main

ITS = 'xmlns:its="http://www.w3.org/2005/11/its"'


def document(tmp_path: Path, rules: str, body: str) -> Path:
    path = tmp_path / "doc.xml"
    path.write_text(
        f'<doc {ITS}><its:rules version="2.0">{rules}</its:rules>\n{body}\n</doc>\n',
        encoding="utf-8",
    )
    return path


def extract(doc: Path) -> polib.POFile:
    assert run_main("extract", str(doc), "-o", str(doc.with_suffix(".pot"))) == 0
    return polib.pofile(str(doc.with_suffix(".pot")))


def translate(doc: Path, lang: str, texts: dict[str, str]) -> Path:
    catalog = extract(doc)
    catalog.metadata["Language"] = lang
    catalog.metadata["Plural-Forms"] = "nplurals=2; plural=(n != 1);"
    for entry in catalog:
        entry.msgstr = texts[entry.msgid]
    path = doc.with_name(f"{lang}.po")
    catalog.save(str(path))
    return path


def check(po: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    capsys.readouterr()
    code = run_main("check", str(po))
    return code, capsys.readouterr().out


def build(doc: Path, po: Path) -> str:
    out = doc.with_name(f"out-{po.stem}.xml")
    assert run_main("build", str(doc), "--po", str(po), "-o", str(out)) == 0
    return out.read_text(encoding="utf-8")


def test_id_value_is_the_msgctxt(tmp_path: Path) -> None:
    doc = document(
        tmp_path,
        '<its:idValueRule selector="//msg" idValue="@name"/>',
        '<msg name="save">Fichier</msg><msg name="menu">Fichier</msg><p>Fichier</p>',
    )
    found = [(e.msgctxt, e.msgid) for e in extract(doc)]
    assert found == [("save", "Fichier"), ("menu", "Fichier"), (None, "Fichier")]
    po = translate(doc, "en", {"Fichier": "File"})
    catalog = polib.pofile(str(po))
    catalog.find("Fichier", msgctxt="save").msgstr = "Save file"
    catalog.save()
    assert '<msg name="save">Save file</msg><msg name="menu">File</msg><p>File</p>' in build(
        doc, po
    )


def test_storage_size_is_checked_on_the_translation(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = document(
        tmp_path,
        '<its:storageSizeRule selector="//label" storageSize="8" storageEncoding="ISO-8859-1"/>',
        '<label>Valider</label><label its:storageSize="4">Non</label>',
    )
    comments = {e.msgid: e.comment for e in extract(doc)}
    assert comments["Valider"].splitlines()[1] == (
        "Storage size: at most 8 bytes in ISO-8859-1, line breaks as LF"
    )
    fits = translate(doc, "de", {"Valider": "Bestätig", "Non": "Nein"})
    assert check(fits, capsys)[0] == 0  # ä is one byte in ISO-8859-1: 8 bytes
    long = translate(doc, "en", {"Valider": "Confirm it", "Non": "No"})
    code, out = check(long, capsys)
    assert code == 1
    assert "error storage-size: the translation takes 10 bytes in ISO-8859-1, at most 8" in out
    assert out.count("storage-size") == 1


def test_allowed_characters_are_checked_on_the_translation(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = document(
        tmp_path,
        '<its:allowedCharactersRule selector="//key" allowedCharacters="[A-Z0-9_]"/>',
        "<key>ERREUR_DISQUE</key><p>Erreur <b>disque</b>.</p>",
    )
    good = translate(
        doc,
        "en",
        {"ERREUR_DISQUE": "DISK_ERROR", "Erreur <b1>disque</b1>.": "Disk <b1>error</b1>."},
    )
    assert check(good, capsys)[0] == 0
    bad = translate(
        doc,
        "de",
        {"ERREUR_DISQUE": "Plattenfehler", "Erreur <b1>disque</b1>.": "Disk <b1>error</b1>."},
    )
    code, out = check(bad, capsys)
    assert code == 1
    assert "error allowed-characters: characters not allowed here: 'a' 'e'" in out


def test_marked_terms_reach_the_translator(tmp_path: Path) -> None:
    doc = document(
        tmp_path,
        '<its:termRule selector="//t" term="yes" termInfoRef="glossaire.html#carte"/>',
        '<p>Changez la <t>carte mère</t> et le <span its:term="yes">disque</span>.</p>',
    )
    (entry,) = extract(doc)
    assert entry.comment.splitlines() == [
        "p",
        "Term: carte mère (glossaire.html#carte)",
        "Term: disque",
    ]


def test_locale_filter_keeps_content_to_its_locales(tmp_path: Path) -> None:
    doc = document(
        tmp_path,
        '<its:localeFilterRule selector="//legal" localeFilterList="fr-CA, en-*"/>',
        "<p>Bonjour.</p><legal>Avis canadien.</legal>"
        '<p its:localeFilterList="de" its:localeFilterType="exclude">Pas en allemand.</p>',
    )
    comments = {e.msgid: e.comment.splitlines() for e in extract(doc)}
    assert comments["Avis canadien."] == ["legal", "Only for locales: fr-CA, en-*"]
    assert comments["Pas en allemand."] == ["p", "Not for locales: de"]
    texts = {"Bonjour.": "Hello.", "Avis canadien.": "Canadian notice.", "Pas en allemand.": "N"}
    english = build(doc, translate(doc, "en_GB", texts))
    assert "<legal>Canadian notice.</legal>" in english and ">N</p>" in english
    german = build(doc, translate(doc, "de", texts))
    assert '<legal xml:lang="fr">Avis canadien.</legal>' in german
    assert '<p its:localeFilterList="de" its:localeFilterType="exclude" xml:lang="fr">Pas' in german
    assert "<p>Hello.</p>" in german
