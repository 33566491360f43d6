"""Encode and decode `client_state`, the opaque base64 value Telnyx echoes back.

Telnyx requires `client_state` to be base64 and returns it unchanged in every
later webhook of the call. These helpers put any JSON-able value (or a
Pydantic model) in and take it out again, typed.
"""

from __future__ import annotations

import json
import math
from base64 import b64encode
from collections.abc import Iterable
from functools import lru_cache
from typing import Any, NoReturn, TypeVar, cast, overload

from pydantic import BaseModel, JsonValue, PydanticUserError, TypeAdapter, ValidationError

from ._base64 import decode_b64
from ._errors import InvalidCommandError, WebhookParseError, describe_validation_error

__all__ = ["decode_client_state", "encode_client_state", "is_base64"]

T = TypeVar("T")


def is_base64(value: str) -> bool:
    """Return whether `value` is canonical standard base64 (padding included)."""
    return not value or decode_b64(value) is not None


def encode_client_state(value: object) -> str:
    """Encode a JSON-able value, or a Pydantic model, as a `client_state` string.

    Args:
        value: A dict, list, str, number, bool, None, or a Pydantic model.

    Returns:
        Base64 of the compact UTF-8 JSON of `value`.

    Raises:
        InvalidCommandError: `value` cannot be represented as JSON (for
            example a set, bytes, NaN or Infinity anywhere in it, or a circular
            or too deeply nested structure).
    """
    what = f"client_state: value of type {type(value).__name__}"
    try:
        if isinstance(value, BaseModel):
            if _non_finite(value.model_dump()):
                raise ValueError("NaN or Infinity")  # JSON has neither; pydantic writes null
            data = value.model_dump_json(by_alias=True).encode()
        else:
            data = json.dumps(
                value, separators=(",", ":"), ensure_ascii=False, allow_nan=False
            ).encode()
    except (TypeError, ValueError, RecursionError) as exc:
        raise InvalidCommandError(f"{what} is not JSON-serialisable") from exc
    return b64encode(data).decode("ascii")


@overload
def decode_client_state(value: str | None) -> JsonValue: ...
@overload
def decode_client_state(value: str | None, type_: type[T]) -> T: ...
def decode_client_state(value: str | None, type_: Any = None) -> Any:
    """Decode a `client_state` string made by `encode_client_state`.

    Args:
        value: The `client_state` from a webhook payload.
        type_: Optional type (a Pydantic model, TypedDict, dataclass, ...) to
            validate the decoded JSON into.

    Returns:
        The decoded JSON value, or an instance of `type_`.

    Raises:
        WebhookParseError: For any `value` that is not such a string: missing,
            not a string, not base64, not UTF-8 JSON, holding NaN or Infinity,
            or not valid as `type_`.
        TypeError: `type_` is not a type Pydantic can validate into; a
            programming error, raised whatever `value` is.
    """
    adapter = _JSON_VALUE if type_ is None else _adapter(type_)
    if value is None:
        raise WebhookParseError("client_state: missing")
    text = cast("object", value)  # typed as a string, but it comes from outside
    if not isinstance(text, str):
        raise WebhookParseError(f"client_state: expected a string, not {type(text).__name__}")
    raw = decode_b64(text)
    if raw is None:
        raise WebhookParseError("client_state: not valid base64")
    try:
        decoded = adapter.validate_json(raw)
    except ValidationError as exc:
        raise WebhookParseError(f"client_state: {describe_validation_error(exc)}") from None
    except PydanticUserError as exc:  # a forward reference that never resolves
        raise _bad_type() from exc
    if _holds_non_finite(raw):
        raise WebhookParseError("client_state: NaN and Infinity are not JSON numbers")
    return decoded


_JSON_VALUE: TypeAdapter[Any] = TypeAdapter(JsonValue)


def _adapter(type_: object) -> TypeAdapter[Any]:
    try:
        return _cached_adapter(type_)
    except (PydanticUserError, TypeError) as exc:
        raise _bad_type() from exc


def _bad_type() -> TypeError:
    return TypeError("decode_client_state: type_ is not a type Pydantic can validate")


@lru_cache(maxsize=64)
def _cached_adapter(type_: Any) -> TypeAdapter[Any]:
    return TypeAdapter(type_)


def _non_finite(value: object) -> bool:
    """Whether a dumped value holds a NaN or an infinity anywhere."""
    if isinstance(value, float):
        return not math.isfinite(value)
    if isinstance(value, dict):
        return any(_non_finite(item) for item in cast("dict[object, object]", value).values())
    if isinstance(value, (list, tuple, set, frozenset)):
        return any(_non_finite(item) for item in cast("Iterable[object]", value))
    return False


def _refuse_constant(name: str) -> NoReturn:
    raise ValueError(name)


def _holds_non_finite(raw: bytes) -> bool:
    """Whether valid JSON text holds NaN, Infinity, or a number too big for a float."""
    try:
        json.loads(raw, parse_constant=_refuse_constant, parse_float=_finite_float)
    except (ValueError, RecursionError):
        return True
    return False


def _finite_float(text: str) -> float:
    number = float(text)
    if not math.isfinite(number):
        raise ValueError(text)
    return number
