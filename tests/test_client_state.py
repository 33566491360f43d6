"""encode_client_state / decode_client_state round trips and failures."""

from __future__ import annotations

import base64
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
