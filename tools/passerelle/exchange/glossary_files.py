"""Reading glossaries: TBX (ISO 30042:2019, TBX-Basic and TBX-Core, and the older ``martif``
files of TBX 2008) and CSV glossaries in the layout Weblate and DeepL use.

CSV: each row is ``source,target`` (DeepL's ``source,target,source_lang,target_lang`` too); a
first row naming its columns (``source``, ``target``, Weblate's header) is read as a header.
A file without language columns is for the language its setting's ``{lang}`` names.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from lxml import etree

from passerelle.exchange.glossary import Concept, locale_key
from passerelle.exchange.xmlsafe import ExchangeError, local, parse_xml, read_bytes

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def read_tbx(path: Path, source_lang: str) -> list[Concept]:
    """The concepts of a TBX file that have a term in ``source_lang``."""
    root = parse_xml(read_bytes(path, what="TBX"), path, what="TBX")
    if local(root) not in ("tbx", "martif"):
        raise ExchangeError(
            "not a TBX file (the root is neither <tbx> nor <martif>)",
            path=path,
            line=root.sourceline,
        )
    concepts = []
    for entry in root.iter():
        if local(entry) not in ("conceptEntry", "termEntry"):
            continue
        terms: dict[str, list[str]] = {}
        note = ""
        for section in entry:
            name = local(section)
            if name in ("langSec", "langSet"):
                lang = locale_key(section.get(XML_LANG, ""))
                terms.setdefault(lang, []).extend(_terms(section))
            elif name == "descrip" and section.get("type") == "definition":
                note = " ".join("".join(section.itertext()).split())
        source = terms.pop(locale_key(source_lang), []) or terms.pop(
            locale_key(source_lang).split("_")[0], []
        )
        if source:
            concepts.append(Concept(tuple(source), {k: tuple(v) for k, v in terms.items()}, note))
    return concepts


def _terms(section: etree._Element) -> list[str]:
    """A language section's terms, the ones marked preferred first, else in document order: an
    engine that takes one rendering per term takes the first (:meth:`Glossary.pairs`)."""
    found = []
    for term in section.iter():
        text = " ".join("".join(term.itertext()).split()) if local(term) == "term" else ""
        if text:
            found.append((not _preferred(term, section), text))
    return [text for _, text in sorted(found, key=lambda item: item[0])]


def _preferred(term: etree._Element, section: etree._Element) -> bool:
    """Whether the term's group (``termSec``, ``tig``, ``ntig``) marks it preferred."""
    group = term.getparent()
    while group is not None and group is not section:
        for note in group:
            if local(note) == "termNote" and note.get("type") == "administrativeStatus":
                if "".join(note.itertext()).strip() == "preferredTerm-admn-sts":
                    return True
        group = group.getparent()
    return False


def read_csv_glossary(path: Path, source_lang: str, lang: str = "") -> list[Concept]:
    """The concepts of a CSV glossary (see the module's docstring); ``lang``: the language of
    rows that name none."""
    data = read_bytes(path, what="glossary")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ExchangeError(f"not UTF-8: {exc.reason}", path=path) from None
    rows = list(csv.reader(io.StringIO(text)))
    columns = {"source": 0, "target": 1, "source_lang": 2, "target_lang": 3}
    first = 1
    if rows and {"source", "target"} <= {cell.strip().lower() for cell in rows[0]}:
        header = [cell.strip().lower() for cell in rows.pop(0)]
        columns = {name: header.index(name) for name in columns if name in header}
        first = 2
    concepts = []
    for number, row in enumerate(rows, first):
        cells = [cell.strip() for cell in row]
        if not any(cells):
            continue

        def cell(name: str, cells: list[str] = cells) -> str:
            at = columns.get(name)
            return cells[at] if at is not None and at < len(cells) else ""

        source, target = cell("source"), cell("target")
        if not source or not target:
            raise ExchangeError(
                "a glossary row needs a source term and a target term",
                path=path,
                line=number,
                hint="write rows as source,target (or source,target,source_lang,target_lang)",
            )
        row_source = cell("source_lang") or source_lang
        row_target = cell("target_lang") or lang
        if locale_key(row_source) != locale_key(source_lang) or not row_target:
            continue
        concepts.append(Concept((source,), {locale_key(row_target): (target,)}))
    return concepts
