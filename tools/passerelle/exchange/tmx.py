"""TMX 1.4b (LISA OSCAR, 2004): a translation memory out, and memories in as compendia.

A memory written here has one ``<tu>`` per French text (and context), with a ``<tuv>`` for the
French and one per language holding an approved translation. Placeholders are ``<bpt>``/``<ept>``
(paired, matched by ``i``, numbered from 0 in the French's order), ``<ph>`` and ``<it>``, each
holding the placeholder as its native code. Read back, a segment's text is its
text with each code's native content, so a memory written here gives back the very msgids and
msgstrs, and one from another tool gives its codes' content.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from passerelle import __version__
from passerelle.exchange.codes import Node, code_tree, flatten, target_tree, walk_codes
from passerelle.exchange.inline import write_flat
from passerelle.exchange.xliff2 import bcp47
from passerelle.exchange.xmlsafe import ExchangeError, local, parse_xml, read_bytes

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
DOCTYPE = '<!DOCTYPE tmx SYSTEM "tmx14.dtd">'
_NAMES = ("bpt", "ept", "ph", "it")
CONTEXT = "x-msgctxt"


@dataclass(frozen=True)
class MemoryUnit:
    """One French text (in a context) and its translations by language."""

    msgctxt: str | None
    source: str
    translations: dict[str, str]


def write_tmx(units: Iterable[MemoryUnit], *, source_lang: str, segtype: str = "sentence") -> bytes:
    """A TMX 1.4b document holding ``units``; ValueError names a text XML cannot hold."""
    root = etree.Element("tmx", version="1.4")
    etree.SubElement(
        root,
        "header",
        {
            "creationtool": "Passerelle",
            "creationtoolversion": __version__,
            "segtype": segtype,
            "o-tmf": "PO",
            "adminlang": "en",
            "srclang": bcp47(source_lang),
            "datatype": "plaintext",
        },
    )
    body = etree.SubElement(root, "body")
    for unit in units:
        tu = etree.SubElement(body, "tu")
        if unit.msgctxt is not None:
            etree.SubElement(tu, "prop", type=CONTEXT).text = unit.msgctxt
        source = code_tree(unit.source)
        numbers = {code.id: str(n) for n, code in enumerate(walk_codes(source))}
        _seg(tu, source_lang, source, numbers)
        for lang, text in unit.translations.items():
            tree = target_tree(source, text)
            _seg(tu, lang, tree if tree is not None else [text], numbers)  # misfit: as text
    text = etree.tostring(root, encoding="unicode")
    return f'<?xml version="1.0" encoding="UTF-8"?>\n{DOCTYPE}\n{text}\n'.encode()


def _seg(tu: etree._Element, lang: str, nodes: list[Node], numbers: dict[str, str]) -> None:
    tuv = etree.SubElement(tu, "tuv")
    tuv.set(XML_LANG, bcp47(lang))
    seg = etree.SubElement(tuv, "seg")

    def attrs(name: str, ident: str) -> dict[str, str]:
        # ``i`` pairs a bpt with its ept; ``x`` is left out: CAT tools (OmegaT) number codes
        # by their order when it is absent, as their own XLIFF filters do, so matches agree
        return {"i": numbers[ident]} if name in ("bpt", "ept") else {}

    try:
        write_flat(seg, nodes, _NAMES, attrs, pos=("begin", "end"))
    except ValueError as exc:
        raise ValueError(f"{exc} (in {flatten(nodes)[:40]!r})") from None


def same_language(tag: str, lang: str) -> bool:
    """Whether a TMX ``xml:lang`` (``en-US``, ``zh-CN``) is the locale ``lang`` (``en``,
    ``zh_CN``): the same tag, or a regional variant of a language given without region."""
    tag = tag.replace("_", "-").lower()
    want = lang.replace("_", "-").split("@")[0].lower()
    return tag == want or ("-" not in want and tag.split("-")[0] == want)


def read_tmx(path: Path, source_lang: str, lang: str) -> Iterator[tuple[str | None, str, str]]:
    """``(msgctxt, French, translation)`` for each unit holding both languages."""
    root = parse_xml(read_bytes(path, what="TMX"), path, what="TMX")
    if local(root) != "tmx" or not root.get("version", "").startswith("1."):
        raise ExchangeError(
            'not a TMX 1.x document (the root is not <tmx version="1.4">)',
            path=path,
            line=root.sourceline,
        )
    header = root.find("header")
    srclang = header.get("srclang", "") if header is not None else ""
    for tu in root.iter("tu"):
        source = tu.get("srclang", srclang)
        texts: dict[str, str] = {}
        for tuv in tu.findall("tuv"):
            tag = tuv.get(XML_LANG) or tuv.get("lang") or ""
            seg = tuv.find("seg")
            if seg is not None:
                texts.setdefault(tag, _seg_text(seg))
        french = next((t for tag, t in texts.items() if _is_source(tag, source, source_lang)), None)
        target = next((t for tag, t in texts.items() if same_language(tag, lang)), None)
        if french and target:
            prop = next((p for p in tu.findall("prop") if p.get("type") == CONTEXT), None)
            yield (prop.text or "" if prop is not None else None), french, target


def _is_source(tag: str, srclang: str, source_lang: str) -> bool:
    if srclang and srclang != "*all*":
        return tag.lower() == srclang.lower() or same_language(tag, source_lang)
    return same_language(tag, source_lang)


def _seg_text(seg: etree._Element) -> str:
    """A segment's text with each code's native content (``sub`` elements left out)."""
    parts = [seg.text or ""]
    for child in seg:
        if isinstance(child.tag, str) and child.tag != "sub":
            parts.append(_seg_text(child))
        parts.append(child.tail or "")
    return "".join(parts)
