"""PO files holding several domains, read and written as GNU gettext reads and writes them.

A ``domain "NAME"`` line puts the entries after it in domain NAME. GNU keeps one message list
per domain, the default one (``messages``) always first, each with its own header, and writes
``domain "NAME"`` and a blank line before each domain's entries, the default domain's aside
when it comes first. A project catalog is one domain (its reader refuses a second); the
msgmerge stand-in and the public API read whole files through here, one :class:`Catalog` per
domain (``domain`` None for the default one).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from pathlib import Path

from passerelle.po.catalog import Catalog, catalog_from_raw, header_entry, read_bytes
from passerelle.po.charset import decode_catalog, encode_catalog, output_codec
from passerelle.po.layout import DEFAULT, PageLayout
from passerelle.po.parse import RawEntry, parse_po
from passerelle.po.write import format_entries


def parse_domains(text: str, path: str | Path = "<string>") -> list[Catalog]:
    """Every domain of a PO text in the order GNU keeps them: the default one first (empty
    when the file has none), the others as they first come. A msgid may be defined once in
    each domain."""
    groups: dict[str | None, list[RawEntry]] = {None: []}
    for raw in parse_po(text, path, domains=True):
        groups.setdefault(raw.domain, []).append(raw)
    catalogs = []
    for domain, raws in groups.items():
        catalog = catalog_from_raw(raws)
        catalog.domain = domain
        catalogs.append(catalog)
    return catalogs


def read_domains(path: str | Path) -> list[Catalog]:
    """A PO or POT file's domains (see :func:`parse_domains`), each knowing its ``path``; the
    file is read in the charset of its first header, as for one domain."""
    path = Path(path)
    catalogs = parse_domains(decode_catalog(read_bytes(path), path), path)
    for catalog in catalogs:
        catalog.path = path
    return catalogs


def format_domains(catalogs: Sequence[Catalog], layout: PageLayout = DEFAULT) -> str:
    """The domains as msgcat and msgmerge write them (whether to write a file whose domains
    hold nothing but headers is the caller's choice: GNU writes none unless forced)."""
    blank = "#\n" if layout.uniforum else "\n"  # --strict: Uniforum dislikes blank lines
    pieces: list[str] = []
    gap = False  # GNU's blank_line: something came before, printed or not
    for at, catalog in enumerate(catalogs):
        name = catalog.domain or "messages" if at or catalog.domain is not None else None
        head = header_entry(catalog)
        entries = [head, *catalog] if head is not None else list(catalog)
        text = format_entries(entries, domain=name, layout=layout)
        if name is not None and not text:  # nothing GNU prints, but the domain line
            text = f'domain "{name}"\n'
        if text:
            pieces.append(blank + text if gap else text)
        gap = gap or name is not None or bool(entries)
    return "".join(pieces)


def domains_bytes(
    catalogs: Sequence[Catalog], path: str | Path, layout: PageLayout = DEFAULT
) -> bytes:
    """:func:`format_domains` in the charset of the first header that names one (GNU writes
    each domain's strings as they are; a file of several charsets is not one we write)."""
    content_type = next(
        (
            c.metadata["Content-Type"]
            for c in catalogs
            if "charset=" in c.metadata.get("Content-Type", "")
        ),
        "",
    )
    if layout.escape:
        layout = dataclasses.replace(layout, charset=output_codec(content_type))
    return encode_catalog(format_domains(catalogs, layout), content_type, path)
