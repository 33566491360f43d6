"""The API reference (docs/reference/) documents every public name exactly once.

Public are the names in the `__all__` of `telnyx_gather` and of every module
whose path has no `_`-prefixed part. A name two modules export (the same
object) is covered by one entry; `scripts/docs.sh` checks that each entry
resolves when it builds the site.
"""

from __future__ import annotations

import importlib
import re
from collections import Counter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "telnyx_gather"
ENTRY = re.compile(r"^::: (\S+)$", re.M)


def _public_modules() -> list[str]:
    names = []
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        if not any(part.startswith("_") for part in parts):
            names.append(".".join(parts))
    return names


def _entries() -> list[str]:
    pages = sorted((ROOT / "docs" / "reference").glob("*.md"))
    return [entry for page in pages for entry in ENTRY.findall(page.read_text())]


def _resolve(path: str) -> object:
    module, _, name = path.rpartition(".")
    try:
        return getattr(importlib.import_module(module), name)
    except ModuleNotFoundError:
        return importlib.import_module(path)


def test_the_public_modules_are_found() -> None:
    modules = _public_modules()
    assert "telnyx_gather" in modules
    assert "telnyx_gather.integrations.django" in modules
    assert not any("._" in module for module in modules)


def test_no_name_is_documented_twice() -> None:
    assert [entry for entry, n in Counter(_entries()).items() if n > 1] == []


def test_every_entry_is_a_public_name() -> None:
    public = {
        f"{module}.{name}"
        for module in _public_modules()
        for name in getattr(importlib.import_module(module), "__all__", ())
    }
    assert sorted(set(_entries()) - public) == []


@pytest.mark.parametrize("module", _public_modules())
def test_every_public_name_is_in_the_reference(module: str) -> None:
    documented = {id(_resolve(entry)) for entry in _entries()}
    entries = set(_entries())
    imported = importlib.import_module(module)
    missing = [
        name
        for name in getattr(imported, "__all__", ())
        if f"{module}.{name}" not in entries and id(getattr(imported, name)) not in documented
    ]
    assert missing == [], f"add these to a page under docs/reference/: {missing}"
