"""The public Python API for PO catalogs: read a file, write it back as GNU msgcat would.

Scripts and other tools use Passerelle's reader and writer through this module alone, so the
package's folders can move without breaking them. It re-exports; the work is in ``po/``.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from passerelle.po import catalog as _po
from passerelle.po import domains as _domains
from passerelle.po.model import Catalog, Entry

__all__ = [
    "Catalog",
    "Entry",
    "catalog_bytes",
    "domains_bytes",
    "format_catalog",
    "format_domains",
    "read_catalog",
    "read_domains",
    "write_catalog",
]


def read_catalog(path: str | Path) -> Catalog:
    """A PO or POT file in any charset GNU gettext reads; bad input is a ``CatalogError`` at
    the file and line, and so is a second domain (:func:`read_domains` reads those)."""
    return _po.read_catalog(path)


def read_domains(path: str | Path) -> list[Catalog]:
    """Every domain of a PO file (``domain "NAME"`` lines), one catalog each with its name in
    ``domain``: the default domain first (``domain`` None, empty when the file has none), then
    the others in the order they first come, as GNU gettext keeps them."""
    return _domains.read_domains(path)


def format_catalog(catalog: Catalog) -> str:
    """The catalog's text exactly as ``msgcat`` writes it (encode it in the catalog's charset,
    or use :func:`catalog_bytes`): nothing at all for a header without entries, as msgcat
    writes no file for it."""
    return _po.format_catalog(catalog) if len(catalog) else ""


def catalog_bytes(catalog: Catalog) -> bytes:
    """The file's bytes as ``msgcat`` writes them: :func:`format_catalog` in the charset the
    header declares."""
    if not len(catalog):
        return b""
    return _po.catalog_bytes(catalog, catalog.path or "<catalog>")


def format_domains(catalogs: Sequence[Catalog]) -> str:
    """The domains' text exactly as ``msgcat`` writes it: ``domain "NAME"`` and a blank line
    before each domain but a default one that comes first; nothing at all when no domain has
    an entry besides its header."""
    return _domains.format_domains(catalogs) if any(len(c) for c in catalogs) else ""


def domains_bytes(catalogs: Sequence[Catalog]) -> bytes:
    """:func:`format_domains` in the charset the first header declaring one names."""
    if not any(len(c) for c in catalogs):
        return b""
    return _domains.domains_bytes(catalogs, next((c.path for c in catalogs if c.path), "<catalog>"))


def write_catalog(path: str | Path, catalog: Catalog) -> bool:
    """Write atomically, in the header's charset; False when the file already held this."""
    return _po.write_catalog(path, catalog)
