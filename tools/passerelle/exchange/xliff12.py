"""XLIFF 1.2 (OASIS Standard, 2008): writing units, reading them back.

The version most CAT tools still read (OmegaT, translate-toolkit, older Trados). Placeholders are
``<bpt>``/``<ept>`` pairs, ``<ph>`` and ``<it>``, each holding the placeholder as its native
code, so a tool that flattens codes to their content gives back the very placeholder. States:
untranslated -> ``needs-translation``, fuzzy -> ``needs-review-translation``, translated ->
``translated`` with ``approved="yes"``.
"""

from __future__ import annotations

from collections.abc import Iterable

from lxml import etree

from passerelle.exchange.codes import code_tree, target_tree
from passerelle.exchange.inline import append_text, read_pieces, ref, write_flat
from passerelle.exchange.model import (
    FUZZY,
    TRANSLATED,
    UNTRANSLATED,
    ExchangeUnit,
    ImportedUnit,
    Piece,
)
from passerelle.exchange.xliff2 import XML_SPACE, bcp47

NS = "urn:oasis:names:tc:xliff:document:1.2"
_NAMES = (f"{{{NS}}}bpt", f"{{{NS}}}ept", f"{{{NS}}}ph", f"{{{NS}}}it")
_STATES = {UNTRANSLATED: "needs-translation", FUZZY: "needs-review-translation"}


def _q(name: str) -> str:
    return f"{{{NS}}}{name}"


def _ids(name: str, ident: str) -> dict[str, str]:
    return {"id": ident}


def write_xliff12(
    units: Iterable[ExchangeUnit],
    *,
    original: str,
    source_lang: str,
    target_lang: str,
    copy_source: bool = False,
) -> bytes:
    """An XLIFF 1.2 document holding ``units``; ValueError names a unit XML cannot hold.

    ``copy_source``: an untranslated unit's target holds the French (still
    ``needs-translation``), for CAT tools that translate the target in place (OmegaT's own
    XLIFF filter reads nothing else); import takes such a copy for no translation.
    """
    root = etree.Element(_q("xliff"), version="1.2", nsmap={None: NS})
    file = etree.SubElement(
        root,
        _q("file"),
        {
            "original": original,
            "source-language": bcp47(source_lang),
            "target-language": bcp47(target_lang),
            "datatype": "plaintext",
        },
    )
    body = etree.SubElement(file, _q("body"))
    for unit in units:
        try:
            _write_unit(body, unit, copy_source)
        except ValueError as exc:
            raise ValueError(f"unit {unit.id}: {exc}") from None
    data: bytes = etree.tostring(root, xml_declaration=True, encoding="UTF-8")
    return data + b"\n"


def _write_unit(body: etree._Element, unit: ExchangeUnit, copy_source: bool) -> None:
    element = etree.SubElement(body, _q("trans-unit"), id=unit.id)
    element.set(XML_SPACE, "preserve")
    if unit.msgctxt is not None:
        element.set("resname", unit.msgctxt)
    if unit.state == TRANSLATED:
        element.set("approved", "yes")
    source = code_tree(unit.source)
    write_flat(etree.SubElement(element, _q("source")), source, _NAMES, _ids)
    target = etree.SubElement(element, _q("target"), state=_STATES.get(unit.state, "translated"))
    if unit.state == UNTRANSLATED and copy_source:
        write_flat(target, source, _NAMES, _ids)
    elif unit.state != UNTRANSLATED:
        tree = target_tree(source, unit.target)
        if tree is None:
            append_text(target, unit.target, None)
        else:
            write_flat(target, tree, _NAMES, _ids)
    if unit.previous is not None:
        alt = etree.SubElement(element, _q("alt-trans"), {"match-quality": "previous"})
        append_text(etree.SubElement(alt, _q("source")), unit.previous, None)
        append_text(etree.SubElement(alt, _q("target")), unit.target, None)
    for comment in unit.comments:
        append_text(etree.SubElement(element, _q("note"), {"from": "developer"}), comment, None)
    if unit.references:
        group = etree.SubElement(element, _q("context-group"), purpose="location")
        for reference in unit.references:
            path, _, line = reference.rpartition(":")
            if not path:
                path, line = reference, ""
            append_text(
                etree.SubElement(group, _q("context"), {"context-type": "sourcefile"}), path, None
            )
            if line:
                etree.SubElement(group, _q("context"), {"context-type": "linenumber"}).text = line


def _read_code(element: etree._Element) -> list[Piece] | None:
    name = etree.QName(element).localname
    ident = element.get("id")
    if name in ("bpt", "bx"):
        return ref(ident, "open")
    if name in ("ept", "ex"):
        return ref(element.get("rid") or ident, "close")
    if name in ("ph", "x"):
        return ref(ident, "whole")
    if name == "it":
        return ref(ident, "open" if element.get("pos") == "open" else "close")
    if name == "g":
        inner = list(read_pieces(element, _read_code))
        return [*ref(ident, "open"), *inner, *ref(ident, "close")]
    if name == "mrk":
        return None
    if name == "sub":
        return []
    return ref(f"<{name}>", "whole")


def read_units(file: etree._Element) -> list[ImportedUnit]:
    """The trans-units of one XLIFF 1.2 ``<file>`` (in groups too), as they came back."""
    found: list[ImportedUnit] = []
    for unit in file.iter(_q("trans-unit")):
        source = unit.find(_q("source"))
        target = unit.find(_q("target"))
        pieces = tuple(read_pieces(target, _read_code)) if target is not None else None
        found.append(
            ImportedUnit(
                unit.get("id", ""),
                unit.get("resname"),
                pieces,
                _state(unit, target),
                unit.sourceline or 0,
                "".join(source.itertext()) if source is not None else "",
            )
        )
    return found


def _state(unit: etree._Element, target: etree._Element | None) -> str:
    state = target.get("state", "") if target is not None else ""
    if state.startswith("needs-") and state != "needs-translation":
        return FUZZY  # needs-review-*, needs-adaptation, needs-l10n: a person must look
    if unit.get("approved") == "yes" or state in ("translated", "final", "signed-off"):
        return TRANSLATED
    return UNTRANSLATED if state in ("", "new", "needs-translation") else FUZZY
