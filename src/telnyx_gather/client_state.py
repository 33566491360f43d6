"""Encode and decode `client_state`, the opaque base64 value Telnyx echoes back.

Telnyx requires `client_state` to be base64 and returns it unchanged in every
later webhook of the call. These helpers put any JSON-able value (or a
Pydantic model) in and take it out again, typed.
"""

from __future__ import annotations

import json
from base64 import b64encode
from functools import lru_cache
from typing import Any, TypeVar, overload

from pydantic import BaseModel, JsonValue, TypeAdapter, ValidationError

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
            example a set, bytes, NaN or a circular structure).
    """
    if isinstance(value, BaseModel):
        data = value.model_dump_json(by_alias=True).encode()
    else:
        try:
            data = json.dumps(
                value, separators=(",", ":"), ensure_ascii=False, allow_nan=False
            ).encode()
        except (TypeError, ValueError) as exc:
            raise InvalidCommandError(
                f"client_state: value of type {type(value).__name__} is not JSON-serialisable"
            ) from exc
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
        WebhookParseError: `value` is missing, not base64, not UTF-8 JSON, or
            does not validate as `type_`.
    """
    if value is None:
        raise WebhookParseError("client_state: missing")
    raw = decode_b64(value)
    if raw is None:
        raise WebhookParseError("client_state: not valid base64")
    adapter = _JSON_VALUE if type_ is None else _adapter(type_)
    try:
        return adapter.validate_json(raw)
    except ValidationError as exc:
        raise WebhookParseError(f"client_state: {describe_validation_error(exc)}") from None


_JSON_VALUE: TypeAdapter[Any] = TypeAdapter(JsonValue)


@lru_cache(maxsize=64)
def _adapter(type_: Any) -> TypeAdapter[Any]:
    return TypeAdapter(type_)
