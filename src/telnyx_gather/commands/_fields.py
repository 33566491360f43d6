"""Field types shared by the command builders: spec bounds, formats and DTMF sets."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Annotated, TypeVar, cast
from urllib.parse import urlsplit

from pydantic import AfterValidator, BeforeValidator, Field

__all__ = [
    "Accepts",
    "DictOf",
    "DigitCount",
    "DtmfDigit",
    "DtmfDigits",
    "Float32",
    "GatherId",
    "HttpUrl",
    "Int32",
    "ListOf",
    "Millis",
    "SpeechText",
    "Tries",
    "WebSocketUrl",
]

T = TypeVar("T")

_INT32_MAX = 2**31 - 1
_FLOAT32_MAX = 3.4028234663852886e38

Int32 = Annotated[int, Field(ge=-_INT32_MAX - 1, le=_INT32_MAX)]
"""An integer of the spec's `int32` format."""

Float32 = Annotated[float, Field(ge=-_FLOAT32_MAX, le=_FLOAT32_MAX)]
"""A finite number of the spec's `float` format (an int is accepted too)."""

Millis = Annotated[int, Field(ge=0, le=_INT32_MAX)]
"""A timeout in milliseconds of the spec's `int32` format: 0 or more, never negative."""

Tries = Annotated[int, Field(ge=1, le=_INT32_MAX)]
"""How many times to try (`int32`): at least once, since zero tries would never prompt."""

DigitCount = Annotated[int, Field(ge=1, le=128)]
"""`minimum_digits` / `maximum_digits`: Telnyx gathers 1 to 128 digits."""

GatherId = Annotated[str, Field(min_length=1, max_length=40)]
"""A `gather_id`, echoed in `call.gather.ended`: 1 to 40 characters."""

SpeechText = Annotated[str, Field(max_length=3000)]
"""Text or SSML to speak; the spec limits it to 3,000 characters."""

_DTMF = re.compile(r"[0-9*#A-D]+")


def _check_dtmf_digits(value: str) -> str:
    if not _DTMF.fullmatch(value):
        raise ValueError("must use only the DTMF characters 0-9, *, #, A-D")
    return value


def _check_dtmf_digit(value: str) -> str:
    if len(value) != 1 or not _DTMF.fullmatch(value):
        raise ValueError("must be exactly one DTMF character: 0-9, *, #, A-D")
    return value


DtmfDigits = Annotated[str, AfterValidator(_check_dtmf_digits)]
"""A non-empty set of DTMF characters, such as `valid_digits="0123456789#"`."""

DtmfDigit = Annotated[str, AfterValidator(_check_dtmf_digit)]
"""One DTMF character, such as `terminating_digit="#"`."""


def _url_check(schemes: tuple[str, ...], rule: str) -> AfterValidator:
    def check(value: str) -> str:
        try:
            parts = urlsplit(value)
        except ValueError:
            parts = None
        if (
            parts is None
            or parts.scheme not in schemes
            or not parts.netloc
            or any(c.isspace() or not c.isprintable() for c in value)
        ):
            raise ValueError(f"must be an absolute {rule} URL without spaces")
        return value

    return AfterValidator(check)


HttpUrl = Annotated[str, _url_check(("http", "https"), "http:// or https://")]
"""An absolute http(s) URL, sent exactly as given (never normalised)."""

WebSocketUrl = Annotated[str, _url_check(("ws", "wss"), "ws:// or wss://")]
"""An absolute WebSocket URL, sent exactly as given (never normalised)."""


def _tuple_to_list(value: object) -> object:
    if isinstance(value, tuple):
        return list(cast("tuple[object, ...]", value))
    return value


ListOf = Annotated[list[T], BeforeValidator(_tuple_to_list)]
"""A list field that also takes a tuple, since builders accept any sequence."""


def _mapping_to_dict(value: object) -> object:
    if isinstance(value, dict):
        return cast("object", value)
    if isinstance(value, Mapping):
        return dict(cast("Mapping[object, object]", value))
    return value


DictOf = Annotated[dict[str, T], BeforeValidator(_mapping_to_dict)]
"""A JSON object field with string keys that also takes any mapping."""


@dataclass(frozen=True)
class Accepts:
    """`Annotated` metadata: the builder also takes `hint`, which a validator converts.

    Pydantic ignores it; `scripts/generate.py` adds `hint` to the field's type
    in the builder's typed `__init__`.
    """

    hint: object
