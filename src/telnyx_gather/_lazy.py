"""Loading a package's public names from their modules on first use."""

from __future__ import annotations

from collections.abc import Mapping
from importlib import import_module
from typing import Any

__all__ = ["load"]


def load(package: str, table: Mapping[str, str], namespace: dict[str, Any], name: str) -> object:
    """Import `name` from its module in `table`, cache it in `namespace`, and return it.

    Call it from a package's module-level `__getattr__`.

    Raises:
        AttributeError: `name` is not in `table`.
    """
    module = table.get(name)
    if module is None:
        raise AttributeError(f"module {package!r} has no attribute {name!r}")
    value = getattr(import_module(module, package), name)
    namespace[name] = value
    return value
