"""Field types shared by the command builders: spec bounds, formats and DTMF sets."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Annotated, Literal, TypeVar, cast
from urllib.parse import urlsplit
from uuid import UUID

from pydantic import AfterValidator, BeforeValidator, Field, JsonValue

__all__ = [
    "Accepts",
    "DictOf",
    "DigitCount",
    "DisplayName",
    "DtmfDigit",
    "DtmfDigits",
    "DtmfSequence",
    "Float32",
    "GatherId",
    "HttpUrl",
    "Int32",
    "JsonObjectWith",
    "ListOf",
    "Loop",
    "Millis",
    "RecordingFileName",
    "SpeechText",
    "Tries",
    "UuidText",
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


_DTMF_SEQUENCE = re.compile(r"[0-9*#A-DwW]+")


def _check_dtmf_sequence(value: str) -> str:
    if not _DTMF_SEQUENCE.fullmatch(value):
        raise ValueError("must use only the DTMF characters 0-9, *, #, A-D and the pauses w, W")
    return value


DtmfSequence = Annotated[str, AfterValidator(_check_dtmf_sequence)]
"""DTMF digits to play, with pauses: `w` waits 0.5 s and `W` waits 1 s (`"1ww2#"`)."""

Loop = Annotated[int, Field(ge=1, le=100)] | Literal["infinity"]
"""How often to play audio: 1 to 100 times, or `"infinity"` until stopped."""

RecordingFileName = Annotated[str, Field(min_length=1, max_length=40)]
"""A recording's custom file name, 1 to 40 characters (Telnyx adds a timestamp)."""


def _check_display_name(value: str) -> str:
    if len(value) > 128:
        raise ValueError("must be at most 128 characters")
    if not all(c.isalnum() or c in " -_~!.+" for c in value):
        raise ValueError("must use only letters, digits, spaces and -_~!.+")
    return value


DisplayName = Annotated[str, AfterValidator(_check_display_name)]
"""A caller id name (SIP From display name): 128 letters, digits, spaces or -_~!.+ at most."""


def _check_uuid(value: str) -> str:
    try:
        UUID(value)
    except ValueError:
        raise ValueError("must be a UUID such as 6e00ab49-9487-4364-8ad6-23965965afb2") from None
    if len(value) != 36:
        raise ValueError("must be a UUID in its 36-character form")
    return value


UuidText = Annotated[str, AfterValidator(_check_uuid)]
"""A UUID in its canonical 36-character text form, sent exactly as given."""


def JsonObjectWith(key: str) -> AfterValidator:
    """A check that a JSON object field carries `key` as a string, such as an assistant's `id`."""

    def check(value: dict[str, JsonValue]) -> dict[str, JsonValue]:
        if not isinstance(value.get(key), str):
            raise ValueError(f"{key}: required, a string")
        return value

    return AfterValidator(check)
