"""The package's layers: every import runs down (or stays inside its layer), so none forms a cycle.

Read from the source with `ast` (every import, including those made only for
type checkers), so a new upward import fails here before it can tangle the
packages. A part is a top-level module or subpackage of `telnyx_gather`.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "telnyx_gather"

# Lowest first; a part may import only parts of a lower layer (or itself).
LAYERS: list[set[str]] = [
    {"_version", "_lazy", "_base64", "_log", "_resp", "_sweep", "_loop_end"},
    {"_errors", "_claims", "_redis_wire"},
    {"_pipelining", "_redis_keys", "_redis_conn", "_redis_aio"},
    {"client_state", "_redis_store"},
    {"stores", "dynamodb"},
    {"commands", "events", "assistants"},
    {"client", "verify"},
    {"router"},
    {"integrations"},
    {"testing"},
    {"_cli"},
    {"__main__", "__init__"},
]
RANK = {part: rank for rank, parts in enumerate(LAYERS) for part in parts}


def _module(path: Path) -> list[str]:
    parts = list(path.relative_to(PACKAGE).with_suffix("").parts)
    return parts[:-1] if parts[-1] == "__init__" else parts


def _targets(path: Path) -> list[list[str]]:
    """The in-package modules `path` imports, as parts under `telnyx_gather`."""
    here = _module(path)
    package = here if path.name == "__init__.py" else here[:-1]
    found: list[list[str]] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            dotted = (node.module or "").split(".") if node.module else []
            if node.level:
                module = [*package[: len(package) - node.level + 1], *dotted]
            elif dotted[:1] == ["telnyx_gather"]:
                module = dotted[1:]
            else:
                continue
            # `from .. import commands`: each name is a module of the package.
            found.extend([module] if module else [[alias.name] for alias in node.names])
        elif isinstance(node, ast.Import):
            found.extend(
                alias.name.split(".")[1:]
                for alias in node.names
                if alias.name.split(".")[0] == "telnyx_gather"
            )
    return found


def _part(module: list[str]) -> str:
    return module[0] if module else "__init__"


EDGES = sorted(
    {
        (_part(_module(path)), _part(target), str(path.relative_to(PACKAGE)))
        for path in PACKAGE.rglob("*.py")
        for target in _targets(path)
        if _part(target) != _part(_module(path))
    }
)


def test_every_part_has_a_layer() -> None:
    parts = {_part(_module(path)) for path in PACKAGE.rglob("*.py")}
    assert parts <= set(RANK), f"give these a layer in LAYERS: {sorted(parts - set(RANK))}"


@pytest.mark.parametrize(
    ("source", "target", "where"), EDGES, ids=[f"{e[2]}->{e[1]}" for e in EDGES]
)
def test_imports_run_down(source: str, target: str, where: str) -> None:
    assert RANK[source] > RANK[target], (
        f"{where} imports {target}, which is not in a lower layer than {source}"
    )


def test_the_parts_have_no_import_cycle() -> None:
    graph: dict[str, set[str]] = {}
    for source, target, _ in EDGES:
        graph.setdefault(source, set()).add(target)
    done: set[str] = set()

    def visit(part: str, path: list[str]) -> None:
        assert part not in path, f"import cycle: {' -> '.join([*path, part])}"
        if part in done:
            return
        for target in sorted(graph.get(part, ())):
            visit(target, [*path, part])
        done.add(part)

    for part in sorted(graph):
        visit(part, [])
