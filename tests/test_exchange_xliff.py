"""XLIFF 2.1 and 1.2: export, validation against the OASIS schemas, import of a CAT tool's work."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from exchange_project import make_project
from helpers import run_main
from passerelle.exchange.validation import schema_for
from passerelle.po.catalog import read_catalog

X2 = "{urn:oasis:names:tc:xliff:document:2.0}"
X1 = "{urn:oasis:names:tc:xliff:document:1.2}"


@pytest.fixture
def en_po(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    return make_project(tmp_path, monkeypatch)


def _export(version: str) -> Path:
    assert run_main("export", "--xliff", version, "-o", "out") == 0
    return Path("out") / "en" / "page.xlf"


@pytest.mark.parametrize("version", ["2.1", "1.2"])
def test_both_versions_validate_and_import_unchanged_byte_for_byte(
    en_po: Path, version: str
) -> None:
    before = {p: p.read_bytes() for p in Path("locales").rglob("*.po")}
    xlf = _export(version)
    for path in Path("out").rglob("*.xlf"):
        document = etree.parse(str(path))
        assert schema_for(version).validate(document), schema_for(version).error_log
    assert run_main("import", *map(str, Path("out").rglob("*.xlf"))) == 0
    assert {p: p.read_bytes() for p in before} == before
    assert xlf.is_file()


def test_xliff21_codes_are_protected_and_states_mapped(en_po: Path) -> None:
    root = etree.parse(str(_export("2.1"))).getroot()
    assert root.get("srcLang") == "fr" and root.get("trgLang") == "en"
    units = root.findall(f".//{X2}unit")
    assert len(units) == 4
    pcs = units[1].findall(f".//{X2}source/{X2}pc")
    assert pcs and all(pc.get("canDelete") == "no" and pc.get("canCopy") == "no" for pc in pcs)
    bold = next(pc for pc in pcs if pc.get("id") == "b1")
    assert (bold.get("dispStart"), bold.get("dispEnd")) == ("<b1>", "</b1>")
    data = {d.get("id"): d.text for d in units[1].iter(f"{X2}data")}
    assert data[bold.get("dataRefStart")] == "<b1>"
    ph = units[1].find(f".//{X2}source/{X2}ph")
    assert ph is not None and ph.get("disp") == "<code2/>" and ph.get("canDelete") == "no"
    states = [(s.get("state"), s.get("subState")) for s in root.iter(f"{X2}segment")]
    assert states == [
        ("final", None),
        ("final", None),
        ("translated", "passerelle:needs-review"),
        ("initial", None),
    ]
    notes = [(n.get("category"), n.text) for n in units[2].iter(f"{X2}note")]
    assert ("previous-source", "Un texte en gras.") in notes
    assert ("reference", "source/page.html:5") in notes


def test_xliff12_codes_hold_the_placeholders_and_states_mapped(en_po: Path) -> None:
    root = etree.parse(str(_export("1.2"))).getroot()
    units = root.findall(f".//{X1}trans-unit")
    source = units[1].find(f"{X1}source")
    assert source is not None
    codes = [(child.tag.split("}")[1], child.get("id"), child.text) for child in source]
    assert codes == [
        ("bpt", "b1", "<b1>"),
        ("ept", "b1", "</b1>"),
        ("ph", "code2", "<code2/>"),
        ("bpt", "a3", "<a3>"),
        ("ept", "a3", "</a3>"),
        ("ph", "br4", "<br4/>"),
    ]
    states = [(u.get("approved"), u.find(f"{X1}target").get("state")) for u in units]
    assert states == [
        ("yes", "translated"),
        ("yes", "translated"),
        (None, "needs-review-translation"),
        (None, "needs-translation"),
    ]


def _edit(xlf: Path, old: str, new: str) -> None:
    xlf.write_text(xlf.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")


def test_a_cat_edit_comes_back_and_a_dropped_code_is_rejected(
    en_po: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    xlf = _export("2.1")
    root = etree.parse(str(xlf)).getroot()
    units = root.findall(f".//{X2}unit")
    # the fuzzy unit reviewed, its translation changed, codes kept
    segment = units[2].find(f"{X2}segment")
    assert segment is not None
    segment.set("state", "final")
    del segment.attrib["subState"]
    target = segment.find(f"{X2}target")
    assert target is not None and target.text == "A "
    target.text = "Some "
    # the second unit loses its <ph id="code2"/> in the target
    lost = units[1].find(f"{X2}segment/{X2}target/{X2}ph")
    assert lost is not None
    parent = lost.getparent()
    assert parent is not None
    parent.remove(lost)
    etree.ElementTree(root).write(str(xlf), xml_declaration=True, encoding="UTF-8")
    assert run_main("import", str(xlf)) == 1
    out = capsys.readouterr().out
    assert f"{xlf}:{units[1].sourceline}: unit {units[1].get('id')} rejected" in out
    assert "lost <code2/>" in out
    catalog = {e.msgid: e for e in read_catalog(en_po)}
    entry = catalog["Un texte <i1>en <b2>gras</b2> italique</i1> simple."]
    assert entry.msgstr == "Some <i1>bold <b2>italic</b2></i1> text."
    assert not entry.fuzzy and entry.previous_msgid is None
    kept = catalog[next(k for k in catalog if k.startswith("Le <b1>"))]
    assert "<code2/>" in kept.msgstr  # the rejected unit left its entry alone
    assert "Second line" in kept.msgstr


def test_a_duplicated_code_in_xliff12_is_rejected(
    en_po: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    xlf = _export("1.2")
    _edit(
        xlf,
        '<ph id="code2">&lt;code2/&gt;</ph> and',
        ('<ph id="code2">&lt;code2/&gt;</ph> <ph id="code2">&lt;code2/&gt;</ph> and'),
    )
    before = en_po.read_bytes()
    assert run_main("import", str(xlf)) == 1
    assert "duplicated <code2/>" in capsys.readouterr().out
    assert en_po.read_bytes() == before


def test_a_unit_whose_french_changed_is_not_applied(
    en_po: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    xlf = _export("2.1")
    page = Path("source/page.html")
    page.write_text(
        page.read_text(encoding="utf-8").replace("Une phrase sans", "Une autre phrase sans"),
        encoding="utf-8",
    )
    assert run_main("extract") == 0 and run_main("update") == 0
    _edit(
        xlf,
        "Une phrase sans traduction.</source>",
        ("Une phrase sans traduction.</source><target>A sentence.</target>"),
    )
    assert run_main("import", str(xlf)) == 1
    out = capsys.readouterr().out
    assert "not applied: its French changed since the export" in out
    assert "A sentence." not in en_po.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ('version="2.1"', 'version="3.0"', "XLIFF version 3.0 is not read"),
        ('trgLang="en"', 'trgLang="ko"', "'ko' is not a language of this project"),
        ('original="page"', 'original="other"', "document 'other' is not in this project"),
        ('<unit id="u', '<unit id="zz', "unknown unit id 'zz"),
        ("</xliff>", "</xlif>", "not a well-formed XLIFF file"),
    ],
)
def test_a_bad_file_is_one_line_exit_2_and_nothing_written(
    en_po: Path, capsys: pytest.CaptureFixture[str], old: str, new: str, message: str
) -> None:
    good = _export("2.1")
    zh = Path("out") / "zh_CN" / "page.xlf"
    _edit(zh, "</segment>", "</segment>")  # the other file is fine and comes first
    _edit(good, 'state="initial">', 'state="final">')  # a change that would be written
    _edit(
        good,
        "Une phrase sans traduction.</source>",
        ("Une phrase sans traduction.</source><target>Written?</target>"),
    )
    _edit(good, old, new)
    before = {p: p.read_bytes() for p in Path("locales").rglob("*.po")}
    assert run_main("import", str(zh), str(good)) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith(f"passerelle: error: {good}:")
    assert message in err[0]
    assert {p: p.read_bytes() for p in before} == before


def test_entities_and_dtds_are_never_loaded(
    en_po: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET", encoding="utf-8")
    xlf = _export("1.2")
    text = xlf.read_text(encoding="utf-8")
    head, _, rest = text.partition("?>")
    doctype = f'<!DOCTYPE xliff [<!ENTITY s SYSTEM "file://{secret}">]>'
    xlf.write_text(head + "?>" + doctype + rest.replace("Second line.", "&s;", 1), encoding="utf-8")
    before = en_po.read_bytes()
    assert run_main("import", str(xlf)) == 2
    assert "entities" in capsys.readouterr().err
    assert en_po.read_bytes() == before
