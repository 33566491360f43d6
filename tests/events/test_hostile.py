"""Hostile bodies raise WebhookParseError, and nothing else ever escapes the parsers."""

from __future__ import annotations

import contextlib
import json
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from telnyx_gather import WebhookParseError, parse_event, parse_webhook
from telnyx_gather.events import EVENT_TYPES

IDS = {"call_control_id": "v3:x", "call_leg_id": "l", "call_session_id": "s", "connection_id": "c"}
GOOD = {
    "event_type": "call.gather.ended",
    "id": "0ccc7b54-4df3-4bca-a65a-3da1ecc777f0",
    "occurred_at": "2026-11-24T10:00:00Z",
    "record_type": "event",
    "payload": {**IDS, "status": "valid"},
}


def data(**changes: Any) -> bytes:
    return json.dumps({"data": {**GOOD, **changes}}).encode()


def nested(depth: int) -> bytes:
    return b'{"data": ' + b"[" * depth + b"]" * depth + b"}"


HOSTILE: list[tuple[str, bytes | str, str]] = [
    ("empty", b"", "JSON"),
    ("whitespace", b"  \n ", "JSON"),
    ("not-json", b"hello", "JSON"),
    ("truncated", data()[:-3], "JSON"),
    ("top-level-array", b"[]", "<root>"),
    ("top-level-string", b'"data"', "<root>"),
    ("top-level-null", b"null", "<root>"),
    ("data-missing", b'{"meta": {"attempt": 1}}', "data"),
    ("data-null", b'{"data": null}', "data"),
    ("data-array", b'{"data": []}', "data"),
    ("event-type-missing", json.dumps({"data": {"id": "x", "payload": {}}}).encode(), "data"),
    ("event-type-number", data(event_type=7), "data"),
    ("event-type-null", data(event_type=None), "data"),
    ("invalid-utf8", b'{"data": {"event_type": "\xff\xfe"}}', "JSON"),
    ("overlong-utf8", b'{"data": {"event_type": "\xc0\xae"}}', "JSON"),
    ("lone-surrogate-escape", data(id="\ud800").replace(b"\\ud800", b"\\ud800"), "JSON"),
    ("lone-surrogate-str", '{"data": {"event_type": "\ud800"}}', "unicode"),
    ("nan", data(payload={**IDS, "status": "valid", "n": float("nan")}), "JSON"),
    ("infinity", data(payload={**IDS, "status": "valid", "n": float("inf")}), "JSON"),
    ("minus-infinity", data(payload={**IDS, "status": "valid", "n": float("-inf")}), "JSON"),
    ("nan-in-unknown", b'{"data": {"event_type": "x.y", "payload": {"v": NaN}}}', "JSON"),
    ("int-5000-digits", b'{"data": {"event_type": "x", "n": ' + b"9" * 5000 + b"}}", "JSON"),
    ("nesting-10000", nested(10_000), "JSON"),
    ("payload-string", data(payload="oops"), "payload"),
    ("payload-list", data(payload=[1, 2]), "payload"),
    ("payload-null", data(payload=None), "payload"),
    ("status-number", data(payload={**IDS, "status": 3}), "status"),
    ("id-missing", json.dumps({"data": {k: v for k, v in GOOD.items() if k != "id"}}), "id"),
    ("occurred-at-garbage", data(occurred_at="yesterday"), "occurred_at"),
    ("occurred-at-naive", data(occurred_at="2026-11-24T10:00:00"), "occurred_at"),
    (
        "call-control-id-number",
        data(payload={**IDS, "call_control_id": 5, "status": "valid"}),
        "call_control_id",
    ),
    ("meta-string", b'{"data": ' + json.dumps(GOOD).encode() + b', "meta": "x"}', "meta"),
    ("duplicate-json-trailer", data() + b"{}", "JSON"),
]


@pytest.mark.parametrize(("name", "raw", "names"), HOSTILE, ids=[h[0] for h in HOSTILE])
def test_hostile_body_raises_only_parse_error(name: str, raw: bytes | str, names: str) -> None:
    with pytest.raises(WebhookParseError) as info:
        parse_event(raw)
    message = str(info.value)
    assert names in message
    assert "\n" not in message
    assert message.isprintable()
    assert len(message) < 1000
    assert isinstance(info.value, ValueError)


def test_error_message_does_not_echo_the_body() -> None:
    secret = "attacker\u2028injected\nline"
    with pytest.raises(WebhookParseError) as info:
        parse_event(data(payload={**IDS, "status": 1, "x": secret}))
    assert "attacker" not in str(info.value)


def test_hostile_dict_key_is_escaped_in_the_error() -> None:
    raw = data(event_type="x.y", payload={"evil\nkey": float("nan")})
    with pytest.raises(WebhookParseError) as info:
        parse_event(raw)
    assert "\n" not in str(info.value)


def test_nan_inside_a_string_is_fine() -> None:
    event = parse_event(data(payload={**IDS, "status": "NaN", "digits": "Infinity"}))
    assert event.payload.status == "NaN"  # type: ignore[union-attr]


@given(st.binary(max_size=512))
def test_arbitrary_bytes_parse_or_raise_parse_error(raw: bytes) -> None:
    with contextlib.suppress(WebhookParseError):
        parse_webhook(raw)


@given(st.text(max_size=256))
def test_arbitrary_text_parse_or_raise_parse_error(raw: str) -> None:
    with contextlib.suppress(WebhookParseError):
        parse_webhook(raw)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4)
    ),
    max_leaves=20,
)
payloads = st.one_of(
    json_values,
    st.fixed_dictionaries(
        {k: st.one_of(st.just(v), json_values) for k, v in IDS.items()},
        optional={
            "status": json_values | st.sampled_from(["valid", "invalid", "completed"]),
            "digit": json_values | st.just("5"),
            "digits": json_values,
            "messages": json_values,
            "message_history": json_values,
            "result": json_values,
            "client_state": json_values,
            "from": json_values,
        },
    ),
)


@given(event_type=st.sampled_from(sorted(EVENT_TYPES)), payload=payloads, extra=json_values)
def test_arbitrary_payload_parses_or_raises_parse_error(
    event_type: str, payload: Any, extra: Any
) -> None:
    raw = json.dumps({"data": {**GOOD, "event_type": event_type, "payload": payload, "x": extra}})
    try:
        event = parse_event(raw)
    except WebhookParseError:
        return
    assert type(event) is EVENT_TYPES[event_type]
