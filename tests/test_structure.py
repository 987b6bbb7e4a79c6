"""The package's shape, held by tests: imports run one way, and a class name means one thing.

A cycle makes import order matter and hides which module is the lower layer. Imports made inside
functions count (they only defer the cycle); imports under ``if TYPE_CHECKING:`` do not run. Two
classes of one name make every reader (and every grep) guess which one is meant.
"""

from __future__ import annotations

import ast
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

import passerelle

ROOT = Path(passerelle.__file__).parent


def _module_names() -> dict[str, Path]:
    names: dict[str, Path] = {}
    for path in ROOT.rglob("*.py"):
        parts = ["passerelle", *path.relative_to(ROOT).with_suffix("").parts]
        if parts[-1] == "__init__":
            parts.pop()
        names[".".join(parts)] = path
    return names


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imports(tree: ast.AST) -> Iterator[tuple[str, str]]:
    """Each name imported in ``tree``, nested imports too, with the module it falls back to.

    ``from a import b`` imports module ``a.b`` if there is one, else the name ``b`` from ``a``.
    """
    for node in ast.iter_child_nodes(tree):
        if isinstance(node, ast.If) and _is_type_checking(node):
            yield from (name for child in node.orelse for name in _imports(child))
            continue
        if isinstance(node, ast.Import):
            yield from ((alias.name, alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            yield from ((f"{node.module}.{alias.name}", node.module) for alias in node.names)
        yield from _imports(node)


def _graph() -> dict[str, set[str]]:
    names = _module_names()
    graph: dict[str, set[str]] = {}
    for name, path in names.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        targets = {full if full in names else parent for full, parent in _imports(tree)}
        graph[name] = (targets & names.keys()) - {name}
    return graph


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    for start in sorted(graph):
        if start in index:
            continue
        work = [(start, iter(sorted(graph[start])))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, successors = work[-1]
            for succ in successors:
                if succ not in index:
                    index[succ] = low[succ] = len(index)
                    stack.append(succ)
                    on_stack.add(succ)
                    work.append((succ, iter(sorted(graph[succ]))))
                    break
                if succ in on_stack:
                    low[node] = min(low[node], index[succ])
            else:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    component = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        component.append(member)
                        if member == node:
                            break
                    if len(component) > 1:
                        found.append(sorted(component))
    return found


def test_cycle_finder_sees_a_function_level_cycle() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert _cycles(graph) == [["a", "b", "c"]]
    tree = ast.parse("def f():\n    from passerelle.x import y\n")
    assert set(_imports(tree)) == {("passerelle.x.y", "passerelle.x")}
    tree = ast.parse("if TYPE_CHECKING:\n    import passerelle.z\n")
    assert set(_imports(tree)) == set()


def test_no_module_import_cycle() -> None:
    assert _cycles(_graph()) == []


def test_drafting_interface_imports_no_engine() -> None:
    imported = _graph()["passerelle.steps.drafts.base"]
    assert not {name for name in imported if name.startswith("passerelle.steps")}


def test_each_class_name_names_one_class() -> None:
    where: dict[str, list[str]] = defaultdict(list)
    for name, path in _module_names().items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef):
                where[node.name].append(name)
    shared = {name: modules for name, modules in where.items() if len(modules) > 1}
    assert shared == {}


MODULE_LINES = 400
FUNCTION_LINES = 60


def test_modules_and_functions_stay_within_budget() -> None:
    """Around 400 lines a module and 60 a function: split before a module becomes a maze."""
    long_modules, long_functions = set(), set()
    for name, path in _module_names().items():
        text = path.read_text(encoding="utf-8")
        if text.count("\n") > MODULE_LINES:
            long_modules.add(name)
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                assert node.end_lineno is not None
                if node.end_lineno - node.lineno + 1 > FUNCTION_LINES:
                    long_functions.add(f"{name}.{node.name}")
    assert long_modules == set()
    assert long_functions == set()


def test_test_modules_import_no_other_test_module() -> None:
    """Tests share code through helper modules (helpers, status_pages, mtserver...), never by
    importing one another or conftest, so each test file can be read and run on its own."""
    tests = Path(__file__).parent
    offending = []
    for path in sorted(tests.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module]
            elif isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            offending += [
                f"{path.name} imports {name}"
                for name in names
                if name == "conftest" or name.startswith("test_")
            ]
    assert offending == []
