"""Parsing XML that came from elsewhere, safely.

An XLIFF, TMX or TBX file comes from a CAT tool, a vendor or a colleague: it may declare a DTD
or external entities that would read local files or reach the network. The parser loads no DTD,
resolves no entity and opens no connection; a file that is not well-formed XML is one error line
naming the file and line.
"""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from passerelle.errors import ExchangeError
from passerelle.xmlsafe import safe_parser

__all__ = ["ExchangeError", "local", "parse_xml", "read_bytes", "safe_parser"]


def parse_xml(data: bytes, path: str | Path, *, what: str) -> etree._Element:
    """The root element of ``data``; not XML, or an entity declared in it, is an error."""
    try:
        root = etree.fromstring(data, safe_parser())
    except etree.XMLSyntaxError as exc:
        raise ExchangeError(
            f"not a well-formed {what} file: {exc.msg}",
            path=path,
            line=exc.lineno or 1,
            hint=f"give the {what} file the CAT tool wrote",
        ) from None
    if root is None:
        raise ExchangeError(f"not an {what} file: empty", path=path, line=1)
    tree = root.getroottree()
    if tree.docinfo.internalDTD is not None and any(
        isinstance(node, etree._Entity) for node in root.iter()
    ):
        raise ExchangeError("the file declares entities, which are not read", path=path, line=1)
    return root


def read_bytes(path: Path, *, what: str) -> bytes:
    """A file's bytes; a missing or unreadable file is an error naming it."""
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise ExchangeError(f"{what} file not found", path=path) from None
    except OSError as exc:
        raise ExchangeError(f"cannot read: {exc.strerror}", path=path) from None


def local(element: etree._Element) -> str:
    """An element's name without its namespace ("" for comments and processing instructions)."""
    tag = element.tag
    return etree.QName(tag).localname if isinstance(tag, str) else ""
