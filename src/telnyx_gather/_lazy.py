"""Loading a package's public names from their modules on first use."""

from __future__ import annotations

from collections.abc import Mapping
from importlib import import_module
from typing import Any, get_type_hints

__all__ = ["load", "publish"]


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


def publish(module: str, *classes: type) -> None:
    """Show `classes` under their public `module` in reprs, tracebacks and pickles.

    Call it once the classes are complete. String annotations (from `from
    __future__ import annotations`) are resolved first, in the defining module,
    since `typing.get_type_hints` and Pydantic would otherwise look their names
    up in `sys.modules[cls.__module__]`, which is the public module afterwards.
    """
    for cls in classes:
        own: dict[str, Any] = vars(cls).get("__annotations__", {})
        if any(isinstance(hint, str) for hint in own.values()):
            hints = get_type_hints(cls, include_extras=True)
            cls.__annotations__ = {name: hints[name] for name in own}
        cls.__module__ = module
