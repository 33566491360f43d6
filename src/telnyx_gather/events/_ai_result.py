"""Validating an AI gather's `result` / `partial_results` into the user's Pydantic model."""

import copy
import json
from collections.abc import Mapping
from functools import lru_cache
from typing import Any, TypeVar

from pydantic import BaseModel, JsonValue, ValidationError, create_model

from .._errors import WebhookParseError, describe_validation_error

__all__ = ["M", "validate_arguments", "validate_partial", "validate_result"]

M = TypeVar("M", bound=BaseModel)


def validate_result(model: type[M], data: Mapping[str, JsonValue] | None, field: str) -> M:
    """Validate the gathered values `data` (the payload's `field`) into `model`.

    The values arrived as JSON, so they are validated in JSON mode: a date
    sent as a string fits a `date` field even in a strict model.
    """
    if data is None:
        raise WebhookParseError(f"{field}: missing, so it cannot be read as {model.__name__}")
    try:
        return model.model_validate_json(json.dumps(data))
    except ValidationError as exc:
        raise _misfit(field, model, exc) from None


def validate_arguments(model: type[M], text: str | None, field: str) -> M:
    """Validate a tool call's `arguments` (a JSON-encoded string, as the model wrote it)."""
    if text is None:
        raise WebhookParseError(f"{field}: missing, so it cannot be read as {model.__name__}")
    try:
        return model.model_validate_json(text)
    except ValidationError as exc:
        raise _misfit(field, model, exc) from None


def validate_partial(
    model: type[BaseModel], data: Mapping[str, JsonValue] | None, field: str
) -> dict[str, object]:
    """Validate each field present in `data` against `model`; absent fields are left out."""
    if data is None:
        return {}
    try:
        found = _partial(model).model_validate_json(json.dumps(data))
    except ValidationError as exc:
        raise _misfit(field, model, exc) from None
    present = found.model_fields_set
    return {name: getattr(found, name) for name in model.model_fields if name in present}


def _misfit(field: str, model: type[BaseModel], exc: ValidationError) -> WebhookParseError:
    detail = describe_validation_error(exc, root="<model>")
    return WebhookParseError(f"{field} does not fit {model.__name__}: {detail}")


@lru_cache(maxsize=256)
def _partial(model: type[BaseModel]) -> type[BaseModel]:
    """`model`'s fields, types and constraints, with every field optional.

    A fresh model rather than a subclass: `model`'s validators may assume a
    complete result, so they run only in `validate_result`.
    """
    fields: dict[str, Any] = {}
    for name, info in model.model_fields.items():
        optional = copy.copy(info)
        optional.default = None
        optional.default_factory = None
        optional.validate_default = False
        fields[name] = (info.annotation, optional)
    return create_model(f"Partial{model.__name__}", __config__=model.model_config, **fields)
