"""XLIFF files of either version: which one a file is, and what it holds.

Reading checks what import relies on and says where it fails: the root is ``<xliff>`` of
version 2.0/2.1 or 1.2 in its namespace, each ``<file>`` names its document (``original``) and
target language, and every unit has an id.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from passerelle.exchange import xliff2, xliff12
from passerelle.exchange.model import ExchangeUnit, ImportedUnit
from passerelle.exchange.xmlsafe import ExchangeError, local, parse_xml, read_bytes

VERSIONS = ("2.1", "1.2")


@dataclass(frozen=True)
class XliffFile:
    """One ``<file>`` of an XLIFF document: a catalog's units for one language."""

    path: Path
    line: int
    version: str
    original: str  # the document's name
    source_lang: str
    target_lang: str  # as a locale folder names it: zh_CN
    units: tuple[ImportedUnit, ...]


def write_xliff(
    version: str,
    units: Iterable[ExchangeUnit],
    *,
    original: str,
    source_lang: str,
    target_lang: str,
    copy_source: bool = False,
) -> bytes:
    """An XLIFF document of ``version`` (2.1 or 1.2) holding ``units`` (``copy_source``: see
    :func:`~passerelle.exchange.xliff12.write_xliff12`; XLIFF 2.1 tools need no copy)."""
    if version == "2.1":
        return xliff2.write_xliff2(
            units, original=original, source_lang=source_lang, target_lang=target_lang
        )
    return xliff12.write_xliff12(
        units,
        original=original,
        source_lang=source_lang,
        target_lang=target_lang,
        copy_source=copy_source,
    )


def locale_name(tag: str) -> str:
    """A BCP 47 tag as locale folders name it: ``zh-CN`` -> ``zh_CN``."""
    parts = tag.replace("_", "-").split("-")
    return "_".join([parts[0].lower(), *[p.upper() if len(p) == 2 else p for p in parts[1:]]])


def read_xliff(path: Path) -> list[XliffFile]:
    """The files of an XLIFF document, each with its units; an unusable file is an error."""
    root = parse_xml(read_bytes(path, what="XLIFF"), path, what="XLIFF")
    version = root.get("version", "")
    namespace = etree.QName(root).namespace
    if local(root) != "xliff" or namespace not in (xliff2.NS, xliff12.NS):
        raise ExchangeError(
            "not an XLIFF document (the root is not <xliff> in an OASIS XLIFF namespace)",
            path=path,
            line=root.sourceline,
        )
    if (namespace, version) not in ((xliff2.NS, "2.0"), (xliff2.NS, "2.1"), (xliff12.NS, "1.2")):
        raise ExchangeError(
            f"XLIFF version {version or '(none)'} is not read",
            path=path,
            line=root.sourceline,
            hint="export as XLIFF 2.1 or 1.2",
        )
    files = [child for child in root if local(child) == "file"]
    if not files:
        raise ExchangeError("no <file> element", path=path, line=root.sourceline)
    return [_file(path, root, file, version) for file in files]


def _file(path: Path, root: etree._Element, file: etree._Element, version: str) -> XliffFile:
    if version == "1.2":
        source, target = file.get("source-language", ""), file.get("target-language", "")
        units = xliff12.read_units(file)
    else:
        source, target = root.get("srcLang", ""), root.get("trgLang", "")
        units = xliff2.read_units(file)
    line = file.sourceline or 0
    original = file.get("original", "")
    if not original:
        raise ExchangeError("<file> names no document (original)", path=path, line=line)
    if not target:
        raise ExchangeError("no target language", path=path, line=line)
    for unit in units:
        if not unit.id:
            raise ExchangeError("a unit without an id", path=path, line=unit.line)
    return XliffFile(
        path, line, version, original, locale_name(source), locale_name(target), tuple(units)
    )
