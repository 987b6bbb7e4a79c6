"""PO round-trip properties: read and write lose nothing, and the writer is GNU msgcat's layout."""

from __future__ import annotations

import subprocess
import tempfile
from pathlib import Path

from hypothesis import given

from conftest import gettext_tool
from passerelle.catalog import Catalog, format_catalog, parse_catalog
from po_strategies import catalogs, reproducible


def same_catalog(a: Catalog, b: Catalog) -> bool:
    """Equal entries (line numbers aside), header fields, header comment and fuzziness."""
    return (
        list(a) == list(b)
        and a.metadata == b.metadata
        and a.header == b.header
        and a.metadata_is_fuzzy == b.metadata_is_fuzzy
    )


@reproducible(150)
@given(catalogs())
def test_reading_what_we_wrote_gives_the_catalog_back(catalog: Catalog) -> None:
    text = format_catalog(catalog)
    again = parse_catalog(text)
    assert same_catalog(again, catalog)
    assert format_catalog(again) == text


@reproducible(25)
@given(catalogs())
def test_gnu_msgcat_rewrites_our_output_byte_for_byte(catalog: Catalog) -> None:
    """``--force-po``: a catalog with no message keeps its header (msgcat would write nothing),
    so an empty document still has its catalog; every other byte is msgcat's."""
    ours = format_catalog(catalog).encode("utf-8")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "drawn.po"
        path.write_bytes(ours)
        done = subprocess.run(
            [gettext_tool("msgcat"), "--force-po", str(path)], capture_output=True
        )
    assert done.returncode == 0, done.stderr.decode()
    assert done.stdout == ours
