"""The lower layers stand alone: po/, segment/ and formats/ import only the core modules.

Upper layers may import lower ones, never the reverse; the three middle folders do not import
one another (formats/ used to reach into po/ for a language's writing direction).
"""

from __future__ import annotations

import ast
from pathlib import Path

import passerelle

PACKAGE = Path(passerelle.__file__).parent
FOLDERS = {"cli", "reports", "project", "steps", "formats", "segment", "po"}
LOWER = ("po", "segment", "formats")


def _imported_folders(path: Path) -> set[str]:
    """The package folders (``po``, ``steps``...) a module imports, at any depth of its code."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module == "passerelle":
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("passerelle."):
            found.add((node.module or "").split(".")[1])
        elif isinstance(node, ast.Import):
            found.update(
                a.name.split(".")[1] for a in node.names if a.name.startswith("passerelle.")
            )
    return found & FOLDERS


def test_core_modules_import_no_folder() -> None:
    for path in PACKAGE.glob("*.py"):
        if path.name != "__main__.py":
            assert _imported_folders(path) == set(), path.name


def test_po_segment_and_formats_import_only_the_core() -> None:
    for folder in LOWER:
        for path in (PACKAGE / folder).rglob("*.py"):
            assert _imported_folders(path) <= {folder}, path.relative_to(PACKAGE)
