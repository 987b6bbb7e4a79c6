"""A small HTML project with inline markup, translated, for the exchange tests."""

from __future__ import annotations

from pathlib import Path

from helpers import run_main
from passerelle.po.catalog import read_catalog, write_catalog

PAGE = (
    '<!DOCTYPE html>\n<html lang="fr"><head><meta charset="utf-8"><title>Essai</title></head>\n'
    "<body>\n<p>Le <b>Bund Ouest</b> accueille <code>IBLAC</code> et "
    '<a href="https://example.org/">le site</a>.<br>Deuxième ligne.</p>\n'
    "<p>Un texte <i>en <b>gras</b> italique</i> simple.</p>\n"
    "<p>Une phrase sans traduction.</p>\n</body></html>\n"
)

#: French -> (English, fuzzy)
ENGLISH = {
    "Essai": ("Trial", False),
    "Le <b1>Bund Ouest</b1> accueille <code2/> et <a3>le site</a3>.<br4/>Deuxième ligne.": (
        "The <b1>West Bund</b1> hosts <code2/> and <a3>the site</a3>.<br4/>Second line.",
        False,
    ),
    "Un texte <i1>en <b2>gras</b2> italique</i1> simple.": (
        "A <i1>bold <b2>italic</b2></i1> text.",
        True,
    ),
}


def make_project(root: Path, monkeypatch: object) -> Path:
    """The project, extracted, updated and partly translated into English; returns its en
    catalog."""
    (root / "passerelle.toml").write_text(
        'source-lang = "fr"\nlanguages = ["en", "zh_CN"]\nsegment = "paragraph"\n',
        encoding="utf-8",
    )
    (root / "source").mkdir()
    (root / "source" / "page.html").write_text(PAGE, encoding="utf-8")
    monkeypatch.chdir(root)  # type: ignore[attr-defined]
    assert run_main("extract") == 0
    assert run_main("update") == 0
    path = root / "locales" / "en" / "page.po"
    catalog = read_catalog(path)
    for entry in catalog:
        if entry.msgid in ENGLISH:
            entry.msgstr, fuzzy = ENGLISH[entry.msgid]
            if fuzzy:
                entry.flags.insert(0, "fuzzy")
                entry.previous_msgid = "Un texte en gras."
    write_catalog(path, catalog)
    return path
