"""A status project on disk and the figures its HTML page shows, shared by the status tests and
the page's test in a real browser."""

from __future__ import annotations

import json
from pathlib import Path

from lxml import html as lxml_html

from helpers import plant_source_typo, run_steps_inline
from passerelle.config import load_config
from passerelle.po.catalog import read_catalog, write_catalog

FIELDS = ("units", "translated", "fuzzy", "untranslated", "translated_words", "words")


def status_project(root: Path) -> Path:
    """A project (paragraph mode) where en is partly translated, one entry broken, de fuzzy,
    and the source has a typo."""
    plant_source_typo(root)
    toml = root / "passerelle.toml"
    toml.write_text(
        toml.read_text(encoding="utf-8").replace('"sentence"', '"paragraph"'), encoding="utf-8"
    )
    config = load_config(root)
    run_steps_inline(config, "extract", "update")
    en = root / "locales" / "en" / "article.po"
    catalog = read_catalog(en)
    entries = [e for e in catalog if e.msgid]
    entries[0].msgstr = "IBLAC members explore AI's potential on Shanghai's West Bund"
    entries[2].msgstr = "A delegation met."  # drops 11 and 35: an error
    entries[3].msgstr = "Draft"
    entries[3].flags.append("fuzzy")
    write_catalog(en, catalog)
    de = root / "locales" / "de" / "article.po"
    catalog = read_catalog(de)
    first = next(e for e in catalog if e.msgid)
    first.msgstr = "IBLAC-Mitglieder erkunden KI"
    first.flags.append("fuzzy")
    write_catalog(de, catalog)
    return root


def page_numbers(page: str) -> dict[str, dict[str, dict[str, str]]]:
    """``lang -> document ('' for the total) -> field -> text`` read back from a page: totals
    from each language's section, documents from the data the page's script draws from."""
    tree = lxml_html.fromstring(page)
    result: dict[str, dict[str, dict[str, str]]] = {}
    for section in tree.xpath("//section[@data-lang]"):
        rows = result.setdefault(section.get("data-lang"), {})
        for row in section.xpath(".//tr[@data-document]"):
            rows[row.get("data-document")] = {
                td.get("data-field"): td.text_content() for td in row.xpath("td[@data-field]")
            }
        percent = section.xpath(".//*[@data-field='percent']")[0].text_content()
        rows[""]["percent"] = percent.rstrip("%")
    block = json.loads(tree.xpath("//script[@id='status-data']")[0].text_content())
    for lang, numbers in block["languages"].items():
        for name, values in zip(block["documents"], numbers, strict=True):
            if values:
                fields = dict(zip(block["fields"], map(str, values), strict=True))
                result.setdefault(lang, {})[name] = fields
    return result


def drawn_rows(dom: str) -> dict[tuple[str, str], dict[str, str]]:
    """``(lang, document) -> field -> text`` of the document rows the page's script drew."""
    tree = lxml_html.fromstring(dom)
    return {
        (row.get("data-lang"), row.get("data-document")): {
            td.get("data-field"): td.text_content() for td in row.xpath("td[@data-field]")
        }
        for row in tree.xpath("//tbody[@id='document-rows']/tr")
    }


def assert_page_matches(page: str, data: dict[str, object]) -> None:
    numbers = page_numbers(page)
    languages = data["languages"]
    assert isinstance(languages, list)
    assert list(numbers) == [lang["lang"] for lang in languages]
    for lang in languages:
        rows = numbers[lang["lang"]]
        assert set(rows) == {"", *(d["document"] for d in lang["documents"])}
        for field in (*FIELDS, "errors", "warnings"):
            assert rows[""][field] == str(lang[field]), (lang["lang"], field)
            for doc in lang["documents"]:
                assert rows[doc["document"]][field] == str(doc[field])
        assert float(rows[""]["percent"]) == lang["percent"]
