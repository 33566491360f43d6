"""encode_client_state / decode_client_state round trips and failures."""

from __future__ import annotations

import base64
import contextlib
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import BaseModel
from typing_extensions import TypedDict

from telnyx_gather import (
    InvalidCommandError,
    WebhookParseError,
    decode_client_state,
    encode_client_state,
)
from telnyx_gather.client_state import is_base64


class MenuState(BaseModel):
    step: str
    tries: int = 0


class MenuDict(TypedDict):
    step: str


def test_encode_is_compact_base64_json() -> None:
    encoded = encode_client_state({"step": "menu", "tries": 1})
    assert base64.b64decode(encoded) == b'{"step":"menu","tries":1}'


def test_model_round_trip() -> None:
    encoded = encode_client_state(MenuState(step="menu", tries=2))
    assert decode_client_state(encoded, MenuState) == MenuState(step="menu", tries=2)


def test_typed_dict_round_trip() -> None:
    assert decode_client_state(encode_client_state({"step": "x"}), MenuDict) == {"step": "x"}


def test_unicode_round_trip() -> None:
    value = {"greeting": "¡hola! 你好 \u2028"}
    assert decode_client_state(encode_client_state(value)) == value


json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**53), max_value=2**53)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=20,
)


@given(json_values)
def test_any_json_value_round_trips(value: Any) -> None:
    encoded = encode_client_state(value)
    assert is_base64(encoded)
    assert decode_client_state(encoded) == value


@pytest.mark.parametrize("value", [{1, 2}, b"bytes", float("nan"), object()])
def test_encode_rejects_non_json(value: object) -> None:
    with pytest.raises(InvalidCommandError, match="client_state"):
        encode_client_state(value)


@pytest.mark.parametrize(
    "value",
    [
        None,
        "",
        "not base64!",
        "aGVsbG8",  # padding missing
        "aGVsbG8=\n",
        "aGVs bG8=",
        "aGVsbG8_",  # URL-safe alphabet
        "aGVsbG9=",  # non-canonical trailing bits
        "aGVsbG8=",  # base64 of "hello", which is not JSON
        base64.b64encode(b"\xff\xfe").decode(),
        "٣٣٣٣",
    ],
)
def test_decode_rejects_bad_state(value: str | None) -> None:
    with pytest.raises(WebhookParseError, match="client_state"):
        decode_client_state(value)


def test_decode_rejects_wrong_type() -> None:
    with pytest.raises(WebhookParseError, match="step"):
        decode_client_state(encode_client_state({"tries": 1}), MenuState)


def test_is_base64() -> None:
    assert is_base64("aGF2ZSBhIG5pY2UgZGF5ID1d")
    assert is_base64("")
    assert not is_base64("aGF2ZSBhIG5pY2UgZGF5ID1")


class Reading(BaseModel):
    value: float


@pytest.mark.parametrize(
    "value",
    [float("inf"), [1.0, float("-inf")], {"a": {"b": float("nan")}}, Reading(value=float("nan"))],
)
def test_encode_refuses_nan_and_infinity_anywhere(value: object) -> None:
    with pytest.raises(InvalidCommandError, match="not JSON-serialisable"):
        encode_client_state(value)


def test_encode_refuses_a_structure_too_deep_for_json() -> None:
    deep: list[object] = []
    for _ in range(100_000):
        deep = [deep]
    with pytest.raises(InvalidCommandError, match="not JSON-serialisable"):
        encode_client_state(deep)


def _b64(text: bytes) -> str:
    return base64.b64encode(text).decode()


@pytest.mark.parametrize(
    "text", [b"NaN", b"[Infinity]", b'{"a": -Infinity}', b"1e400", b"[-1e999]"]
)
@pytest.mark.parametrize("type_", [None, float, list[float], dict[str, float], Any])
def test_decode_refuses_nan_and_infinity(text: bytes, type_: Any) -> None:
    with pytest.raises(WebhookParseError, match="client_state"):
        decode_client_state(_b64(text), type_)


@pytest.mark.parametrize(
    "value", [42, 1.5, b"e30=", bytearray(b"e30="), ["e30="], {"a": 1}, object(), True]
)
def test_decode_refuses_any_non_string_with_a_parse_error(value: Any) -> None:
    with pytest.raises(WebhookParseError, match="expected a string"):
        decode_client_state(value)


@pytest.mark.parametrize("text", [b"[" * 5000 + b"]" * 5000, b'{"a":' * 3000 + b"1" + b"}" * 3000])
def test_decode_refuses_deep_nesting_with_a_parse_error(text: bytes) -> None:
    with pytest.raises(WebhookParseError, match="client_state"):
        decode_client_state(_b64(text))


@given(st.one_of(st.text(), st.binary().map(lambda raw: base64.b64encode(raw).decode())))
def test_decode_raises_only_parse_errors(value: str) -> None:
    with contextlib.suppress(WebhookParseError):
        decode_client_state(value, MenuState)


@pytest.mark.parametrize("type_", [42, {"a": 1}, [int]])
def test_a_bad_type_is_a_type_error_whatever_the_value(type_: Any) -> None:
    for value in (encode_client_state({"step": "x"}), None, 42):
        with pytest.raises(TypeError, match="type_ is not a type Pydantic can validate"):
            decode_client_state(value, type_)


def test_an_unresolvable_forward_reference_is_a_type_error() -> None:
    with pytest.raises(TypeError, match="type_ is not a type Pydantic can validate"):
        decode_client_state(encode_client_state({"step": "x"}), "NoSuchModel")
