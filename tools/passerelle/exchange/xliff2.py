"""XLIFF 2.1 (OASIS Standard, 2018): writing units, reading them back.

One ``<file>`` per catalog, one ``<unit>`` per entry (per plural form), one ``<segment>`` each.
Placeholders are ``<pc>`` (paired) and ``<ph>`` (empty) with ``canDelete="no"`` and
``canCopy="no"``, so a CAT tool neither drops nor duplicates them; the placeholder itself is
kept in ``originalData`` and shown through ``disp``. States: untranslated -> ``initial``, fuzzy
-> ``translated`` with ``subState="passerelle:needs-review"``, translated -> ``final``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from lxml import etree

from passerelle.exchange.codes import Node, Point, Span, code_tree, target_tree, walk_codes
from passerelle.exchange.inline import append_text, read_pieces, ref, write_nodes
from passerelle.exchange.model import (
    FUZZY,
    TRANSLATED,
    UNTRANSLATED,
    ExchangeUnit,
    ImportedUnit,
    Piece,
)

NS = "urn:oasis:names:tc:xliff:document:2.0"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
REVIEW = "passerelle:needs-review"
_PROTECT = {"canDelete": "no", "canCopy": "no"}


def _q(name: str) -> str:
    return f"{{{NS}}}{name}"


def bcp47(lang: str) -> str:
    """``zh_CN`` as XML and BCP 47 write it: ``zh-CN``."""
    return lang.replace("_", "-").split("@")[0]


def write_xliff2(
    units: Iterable[ExchangeUnit], *, original: str, source_lang: str, target_lang: str
) -> bytes:
    """An XLIFF 2.1 document holding ``units``."""
    root = etree.Element(
        _q("xliff"),
        {"version": "2.1", "srcLang": bcp47(source_lang), "trgLang": bcp47(target_lang)},
        nsmap={None: NS},
    )
    file = etree.SubElement(root, _q("file"), {"id": "f1", "original": original})
    file.set(XML_SPACE, "preserve")
    for unit in units:
        _write_unit(file, unit)
    data: bytes = etree.tostring(root, xml_declaration=True, encoding="UTF-8")
    return data + b"\n"


def _write_unit(file: etree._Element, unit: ExchangeUnit) -> None:
    element = etree.SubElement(file, _q("unit"), id=unit.id)
    if unit.msgctxt is not None:
        element.set("name", unit.msgctxt)
    notes = [("comment", c) for c in unit.comments] + [("reference", r) for r in unit.references]
    if unit.previous is not None:
        notes.append(("previous-source", unit.previous))
    if notes:
        holder = etree.SubElement(element, _q("notes"))
        for category, text in notes:
            append_text(etree.SubElement(holder, _q("note"), category=category), text, _q("cp"))
    source = code_tree(unit.source)
    data = _data_ids(source)
    if data:
        original = etree.SubElement(element, _q("originalData"))
        for token, ident in data.items():
            append_text(etree.SubElement(original, _q("data"), id=ident), token, _q("cp"))
    segment = etree.SubElement(element, _q("segment"))
    if unit.state == UNTRANSLATED:
        segment.set("state", "initial")
    elif unit.state == FUZZY:
        segment.attrib.update({"state": "translated", "subState": REVIEW})
    else:
        segment.set("state", "final")
    write_nodes(etree.SubElement(segment, _q("source")), source, _code_writer(data), _q("cp"))
    if unit.state != UNTRANSLATED:
        target = target_tree(source, unit.target)
        holder = etree.SubElement(segment, _q("target"))
        if target is None:  # placeholders that do not fit the source: text for a person
            append_text(holder, unit.target, _q("cp"))
        else:
            write_nodes(holder, target, _code_writer(data), _q("cp"))


def _data_ids(nodes: list[Node]) -> dict[str, str]:
    """Each distinct placeholder of the source -> the id of its ``<data>``."""
    tokens: dict[str, str] = {}
    for code in walk_codes(nodes):
        for token in (code.start, code.end) if isinstance(code, Span) else (code.token,):
            tokens.setdefault(token, f"d{len(tokens) + 1}")
    return tokens


def _code_writer(data: dict[str, str]) -> Callable[[etree._Element, Point | Span], etree._Element]:
    def write(parent: etree._Element, code: Point | Span) -> etree._Element:
        if isinstance(code, Span):
            attrs = {
                "id": code.id,
                **_PROTECT,
                "dataRefStart": data[code.start],
                "dataRefEnd": data[code.end],
                "dispStart": code.start,
                "dispEnd": code.end,
            }
            return etree.SubElement(parent, _q("pc"), attrs)
        attrs = {"id": code.id, **_PROTECT, "dataRef": data[code.token], "disp": code.token}
        if code.kind == "empty":
            etree.SubElement(parent, _q("ph"), attrs)
        else:
            name = "sc" if code.kind == "open" else "ec"
            etree.SubElement(parent, _q(name), {**attrs, "isolated": "yes"})
        return parent

    return write


def _read_code(element: etree._Element) -> list[Piece] | None:
    """XLIFF 2.1's inline elements as code references; markers are read through."""
    name = etree.QName(element).localname
    if name == "pc":
        inner = list(read_pieces(element, _read_code))
        return [*ref(element.get("id"), "open"), *inner, *ref(element.get("id"), "close")]
    if name == "ph":
        return ref(element.get("id"), "whole")
    if name == "sc":
        return ref(element.get("id"), "open")
    if name == "ec":
        return ref(element.get("startRef") or element.get("id"), "close")
    if name == "cp":
        char = _char(element.get("hex", ""))
        return [char] if char else ref(None, "whole")
    if name in ("mrk", "sm", "em"):
        return None if name == "mrk" else []
    return ref(f"<{name}>", "whole")


def read_units(file: etree._Element) -> list[ImportedUnit]:
    """The units of one XLIFF 2.1 ``<file>`` (in groups too), as they came back."""
    found: list[ImportedUnit] = []
    for unit in file.iter(_q("unit")):
        segments = [s for s in unit if etree.QName(s).localname in ("segment", "ignorable")]
        sources: list[str] = []
        targets: list[Piece] = []
        has_target = False
        states: list[str] = []
        for segment in segments:
            source = segment.find(_q("source"))
            target = segment.find(_q("target"))
            if source is not None:
                sources.append(_shown(source))
            if target is not None:
                has_target = True
                targets.extend(read_pieces(target, _read_code))
            if etree.QName(segment).localname == "segment":
                states.append(_state(segment))
        found.append(
            ImportedUnit(
                unit.get("id", ""),
                unit.get("name"),
                tuple(targets) if has_target else None,
                _overall(states),
                unit.sourceline or 0,
                "".join(sources),
            )
        )
    return found


def _shown(element: etree._Element) -> str:
    """A source as the placeholders its codes show (``disp``), for the unit's identity."""
    parts = [element.text or ""]
    for child in element:
        if isinstance(child.tag, str):
            name = etree.QName(child).localname
            if name == "pc":
                parts += [child.get("dispStart", ""), _shown(child), child.get("dispEnd", "")]
            elif name in ("ph", "sc", "ec"):
                parts.append(child.get("disp", ""))
            elif name == "cp":
                parts.append(_char(child.get("hex", "")))
            else:
                parts.append(_shown(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _char(hex_value: str) -> str:
    try:
        return chr(int(hex_value, 16))
    except ValueError:
        return ""


def _state(segment: etree._Element) -> str:
    state = segment.get("state", "initial")
    if state == "initial":
        return UNTRANSLATED
    if state == "translated" and segment.get("subState") == REVIEW:
        return FUZZY
    return TRANSLATED


def _overall(states: list[str]) -> str:
    """A unit of several segments is only as far along as its least advanced one."""
    for state in (UNTRANSLATED, FUZZY):
        if state in states:
            return state
    return TRANSLATED
