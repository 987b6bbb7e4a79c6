"""The public Python API for PO catalogs: read a file, write it back as GNU msgcat would.

Scripts and other tools use Passerelle's reader and writer through this module alone, so the
package's folders can move without breaking them. It re-exports; the work is in ``po/``.
"""

from __future__ import annotations

from pathlib import Path

from passerelle.po import catalog as _po
from passerelle.po.model import Catalog, Entry

__all__ = ["Catalog", "Entry", "catalog_bytes", "format_catalog", "read_catalog", "write_catalog"]


def read_catalog(path: str | Path) -> Catalog:
    """A PO or POT file in any charset GNU gettext reads; bad input is a ``CatalogError`` at
    the file and line."""
    return _po.read_catalog(path)


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


def write_catalog(path: str | Path, catalog: Catalog) -> bool:
    """Write atomically, in the header's charset; False when the file already held this."""
    return _po.write_catalog(path, catalog)
