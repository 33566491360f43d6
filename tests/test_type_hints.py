"""`typing.get_type_hints` works on every public class and on the models nested in their fields.

Tools that introspect types (dependency injection, CLI and serialization
libraries, `beartype`) call it; the published `__module__` and the
annotations must agree, which `publish()` guarantees for every package.
"""

from __future__ import annotations

import importlib
import typing
from typing import Any

import pytest
from pydantic import BaseModel

from tests.test_docs_reference import _public_modules

# The telnyx SDK's own annotations name `httpx` without importing it at runtime,
# so `get_type_hints` fails on its clients and on subclasses of them.
SDK_SUBCLASSES = {"GatherClient", "AsyncGatherClient"}


def _public_classes() -> dict[str, type]:
    found: dict[str, type] = {}
    for module in _public_modules():
        imported = importlib.import_module(module)
        for name in getattr(imported, "__all__", ()):
            obj = getattr(imported, name)
            if isinstance(obj, type) and name not in SDK_SUBCLASSES:
                found.setdefault(f"{obj.__module__}.{obj.__qualname__}", obj)
    return found


def _nested(hint: Any, seen: set[type]) -> None:
    if isinstance(hint, type) and issubclass(hint, BaseModel) and hint not in seen:
        seen.add(hint)
        for field in hint.model_fields.values():
            _nested(field.annotation, seen)
    for arg in typing.get_args(hint):
        _nested(arg, seen)


CLASSES = _public_classes()
NESTED: set[type] = set()
for cls in CLASSES.values():
    _nested(cls, NESTED)


@pytest.mark.parametrize("path", sorted(CLASSES))
def test_public_class_hints_resolve(path: str) -> None:
    hints = typing.get_type_hints(CLASSES[path], include_extras=True)
    assert not any(isinstance(hint, (str, typing.ForwardRef)) for hint in hints.values())


@pytest.mark.parametrize("model", sorted(NESTED, key=lambda m: m.__qualname__), ids=str)
def test_nested_model_hints_resolve(model: type[BaseModel]) -> None:
    typing.get_type_hints(model, include_extras=True)
