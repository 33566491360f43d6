"""`answer` and `hangup` match the telnyx SDK's generated types: fields, required keys, enums."""

from __future__ import annotations

from typing import Any, get_type_hints

import pytest
from pydantic import BaseModel

from tests.commands.sdk_types import DOCUMENTED_ENUMS, SDK_TYPES, literals, required_keys


def _wire(model: type[BaseModel]) -> dict[str, Any]:
    return {(f.alias or name): f for name, f in model.model_fields.items()}


@pytest.mark.parametrize(("model", "sdk"), SDK_TYPES.items(), ids=lambda m: m.__name__)
def test_fields_and_required_keys_match_the_sdk(model: type[BaseModel], sdk: Any) -> None:
    wire = _wire(model)
    assert set(wire) == set(get_type_hints(sdk))
    assert {name for name, f in wire.items() if f.is_required()} == required_keys(sdk)


@pytest.mark.parametrize(("model", "sdk"), SDK_TYPES.items(), ids=lambda m: m.__name__)
def test_enums_match_the_sdk(model: type[BaseModel], sdk: Any) -> None:
    hints = get_type_hints(sdk)
    for name, field in _wire(model).items():
        expected = DOCUMENTED_ENUMS.get((model, name), literals(hints[name]))
        assert literals(field.annotation) == expected, name


def test_optional_fields_default_to_none() -> None:
    for model in SDK_TYPES:
        for name, field in model.model_fields.items():
            assert field.is_required() or field.default is None, name
