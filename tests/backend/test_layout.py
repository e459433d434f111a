"""The package's shape: no import cycles, and no imports hidden inside functions to dodge one.

Both are read from the source (``ast``), not by importing it: a module-level import of module
B by module A is an edge A → B (``from X import Y`` counts as X.Y when that is a module, else X;
an import of X.Y also runs X's ``__init__``, so it counts as an edge to X too). Imports under
``if TYPE_CHECKING:`` never run and do not count.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pilotboard

ROOT = Path(pilotboard.__file__).parent
# The CLI imports the app lazily so that `pilotboard --help` and `migrate` start fast.
LAZY_ON_PURPOSE = {"pilotboard.cli"}


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_module_name(path): path for path in ROOT.rglob("*.py")}


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _top_level_imports(tree: ast.Module) -> Iterator[ast.Import | ast.ImportFrom]:
    pending: list[ast.stmt] = list(tree.body)
    while pending:
        node = pending.pop(0)
        if isinstance(node, ast.Import | ast.ImportFrom):
            yield node
        elif isinstance(node, ast.If) and not _is_type_checking(node):
            pending.extend(node.body + node.orelse)
        elif isinstance(node, ast.Try):
            pending.extend(node.body + node.orelse + node.finalbody)
            for handler in node.handlers:
                pending.extend(handler.body)


def _targets(node: ast.Import | ast.ImportFrom) -> set[str]:
    names: set[str] = set()
    if isinstance(node, ast.Import):
        names.update(alias.name for alias in node.names)
    elif node.module and node.level == 0:
        for alias in node.names:
            full = f"{node.module}.{alias.name}"
            names.add(full if full in MODULES else node.module)
    found: set[str] = set()
    for name in names:
        parts = name.split(".")
        # Importing a.b.c runs a/__init__, a/b/__init__, then a/b/c.
        found.update(".".join(parts[:i]) for i in range(1, len(parts) + 1))
    return {name for name in found if name in MODULES}


def import_graph() -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {}
    for name, path in MODULES.items():
        tree = ast.parse(path.read_text(), filename=str(path))
        edges: set[str] = set()
        for node in _top_level_imports(tree):
            edges |= _targets(node)
        edges.discard(name)
        # A package's own __init__ is run before its modules: not a cycle by itself.
        graph[name] = {target for target in edges if not name.startswith(target + ".")}
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Tarjan's strongly connected components of more than one module."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(graph.get(node, ())):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component: list[str] = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_the_package_has_no_import_cycle() -> None:
    assert cycles(import_graph()) == []


def test_the_cycle_finder_finds_one() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert cycles(graph) == [["a", "b", "c"]]


def test_no_import_is_hidden_inside_a_function() -> None:
    hidden = []
    for name, path in sorted(MODULES.items()):
        if name in LAZY_ON_PURPOSE:
            continue
        tree = ast.parse(path.read_text(), filename=str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                hidden += [
                    f"{name}:{inner.lineno}"
                    for inner in ast.walk(node)
                    if isinstance(inner, ast.Import | ast.ImportFrom)
                ]
    assert hidden == []


def test_no_listener_is_registered_on_every_session_of_the_process() -> None:
    """Derived columns follow through the app's own session factory (core/derived.py)."""
    offenders = [
        name
        for name, path in MODULES.items()
        if "listens_for(OrmSession" in path.read_text() or "listens_for(Session" in path.read_text()
    ]
    assert offenders == []
