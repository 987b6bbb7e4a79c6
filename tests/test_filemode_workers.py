"""What a folder's worker processes inherit instead of doing each for itself."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from passerelle.po.catalog import read_catalog, write_catalog

PAGE = "<!DOCTYPE html>\n<html lang='fr'><body><p>Page {n}. Une phrase.</p></body></html>\n"


def _identity_catalogs(pot_root: Path, po_root: Path) -> None:
    for pot in sorted(pot_root.rglob("*.pot")):
        catalog = read_catalog(pot)
        for entry in catalog:
            entry.msgstr = entry.msgid
        catalog.metadata["Language"] = "fr"
        write_catalog((po_root / pot.relative_to(pot_root)).with_suffix(".po"), catalog)


def _imports(cwd: Path, *args: str) -> list[str]:
    """Modules imported by the command and its two workers, one line per import."""
    env = dict(os.environ, PASSERELLE_JOBS="2")
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "passerelle", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return [line.rsplit("|", 1)[-1].strip() for line in done.stderr.splitlines() if "|" in line]


def test_workers_inherit_the_catalog_modules(tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    for n in range(4):  # enough documents for a pool
        (src / f"p{n}.html").write_text(PAGE.format(n=n), encoding="utf-8")
    extracted = _imports(tmp_path, "extract", "src", "-o", "pot")
    assert extracted.count("passerelle.po.catalog") == 1
    _identity_catalogs(tmp_path / "pot", tmp_path / "po")
    built = _imports(tmp_path, "build", "src", "--po", "po", "-o", "out", "--lang", "fr")
    assert built.count("passerelle.po.catalog") == 1
    assert (tmp_path / "out" / "p3.html").read_text(encoding="utf-8") == PAGE.format(n=3)
