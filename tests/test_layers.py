"""The package reads as the data flow, and its layers hold: a lower one never imports a higher one.

Layers, top to bottom: cli > serve > reports > project > steps > exchange > (formats | segment |
po) > the core modules. Every import counts, the ones inside functions too; only those for type
checkers alone (under ``if TYPE_CHECKING:``) are left out, since they never run.
"""

from __future__ import annotations

import ast
import graphlib
from pathlib import Path

from helpers import REPO

PACKAGE = REPO / "tools" / "passerelle"
RANKS = {
    "po": 1,
    "segment": 1,
    "formats": 1,
    "exchange": 2,
    "steps": 3,
    "project": 4,
    "reports": 5,
    "serve": 6,
    "cli": 7,
    "catalog": 7,  # the public Python API: a front door like the command line
    "__main__": 8,
}


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports(path: Path) -> set[str]:
    """Every passerelle module ``path`` imports when it runs."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skipped = {
        id(inner)
        for node in ast.walk(tree)
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)
        for inner in ast.walk(node)
    }
    found = set()
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return {name for name in found if name.startswith("passerelle.")}


def unit(name: str) -> str:
    """The package a module belongs to: ``steps.<step>`` for the steps, else its top folder."""
    parts = name.split(".")[1:]
    if parts[0] == "steps" and len(parts) > 2:
        return f"steps.{parts[1]}"
    return parts[0] if parts[0] in RANKS else "core"


def rank(name: str) -> int:
    return RANKS.get(unit(name).split(".")[0], 0)


def graph() -> dict[str, set[str]]:
    return {
        module_name(path): imports(path)
        for path in sorted(PACKAGE.rglob("*.py"))
        if "__pycache__" not in path.parts
    }


def test_no_layer_imports_a_higher_one() -> None:
    upward = sorted(
        f"{source} imports {target}"
        for source, targets in graph().items()
        for target in targets
        if rank(target) > rank(source)
    )
    assert upward == []


def test_packages_import_one_another_without_cycles() -> None:
    edges: dict[str, set[str]] = {}
    for source, targets in graph().items():
        for target in targets:
            if unit(source) != unit(target):
                edges.setdefault(unit(source), set()).add(unit(target))
    try:
        order = list(graphlib.TopologicalSorter(edges).static_order())
    except graphlib.CycleError as error:
        raise AssertionError(f"packages in a cycle: {' -> '.join(error.args[1])}") from None
    assert "cli" in order and "core" in order


LOWER = ("po", "segment", "formats")


def test_core_modules_import_no_folder() -> None:
    """errors, config, fsutil, locale, clock... serve every layer and so import none of them."""
    for path in PACKAGE.glob("*.py"):
        if path.name not in ("__main__.py", "catalog.py"):  # the two front doors
            assert {unit(name) for name in imports(path)} <= {"core"}, path.name


def test_po_segment_and_formats_import_only_the_core() -> None:
    """The three lowest folders stand alone: none reaches into another (formats/ used to reach
    into po/ for a language's writing direction)."""
    for folder in LOWER:
        for path in (PACKAGE / folder).rglob("*.py"):
            assert {unit(name) for name in imports(path)} <= {folder, "core"}, path
