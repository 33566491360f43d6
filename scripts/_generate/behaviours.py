"""Every builder has a sandbox behaviour: read from the behaviour modules' source, not run."""

from __future__ import annotations

import ast
from pathlib import Path

from .discover import Builder, GenerateError

__all__ = ["check_behaviours"]


def _covered(folder: Path) -> set[str]:
    """The names used inside each behaviour module's `BEHAVIOURS = ...` assignment."""
    names: set[str] = set()
    for path in sorted(folder.glob("*.py")):
        if path.name.startswith("_"):
            continue
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            targets = node.targets if isinstance(node, ast.Assign) else []
            if any(isinstance(t, ast.Name) and t.id == "BEHAVIOURS" for t in targets):
                names.update(n.id for n in ast.walk(node.value) if isinstance(n, ast.Name))
    return names


def check_behaviours(package: Path, builders: tuple[Builder, ...]) -> None:
    """Raise `GenerateError` naming each builder with no behaviour, and the file to add.

    A builder is covered when its class is named in the `BEHAVIOURS` of a
    module under `testing/sandbox/behaviours/` (a test checks the same at
    run time, with the real table).
    """
    folder = package / "testing" / "sandbox" / "behaviours"
    covered = _covered(folder)
    missing = [b for b in builders if b.cls.__name__ not in covered]
    if missing:
        lines = [
            f"{b.cls.__name__} ({b.module.shown}) has no sandbox behaviour: add "
            f"{(folder / b.module.path.name).relative_to(package.parent.parent)} "
            "declaring BEHAVIOURS (see docs/development.md)"
            for b in missing
        ]
        raise GenerateError("\n".join(lines))
