"""The fast parse path returns exactly what the union's validator returns, for any body.

`parse_webhook` first reads `event_type` from the raw bytes and validates
with the envelope narrowed to that one member; anything it cannot settle
goes to the union's validator. These tests run every body both ways (the
fast path switched off is the union's validator alone) and compare types,
values, field sets and error texts.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import BaseModel

from telnyx_gather import WebhookParseError, parse_webhook, testing
from telnyx_gather.events import EVENT_TYPES, UnknownEvent
from telnyx_gather.events import _union as union
from telnyx_gather.events._fast import has_non_finite

from .test_hostile import GOOD, HOSTILE, IDS, json_values, payloads

FACTORIES = [getattr(testing, name) for name in testing.__all__ if name.startswith("call_")]


def shape(value: Any) -> Any:
    """Everything observable about a parsed value: types, order, field sets, extras."""
    if isinstance(value, BaseModel):
        return (
            type(value),
            sorted(value.model_fields_set),
            [(k, shape(v)) for k, v in value.__dict__.items()],
            shape(value.model_extra),
        )
    if isinstance(value, dict):
        return [(k, shape(v)) for k, v in value.items()]
    if isinstance(value, list):
        return [shape(v) for v in value]
    return (type(value), repr(value))


@contextmanager
def fast_path(enabled: bool) -> Iterator[None]:
    before = union._FAST.enabled
    union._FAST.enabled = enabled
    try:
        yield
    finally:
        union._FAST.enabled = before


def outcome(body: bytes | bytearray | str, *, fast: bool) -> Any:
    with fast_path(fast):
        try:
            return shape(parse_webhook(body))
        except WebhookParseError as exc:
            return ("error", str(exc))


def assert_same(body: bytes | bytearray | str) -> Any:
    result = outcome(body, fast=True)
    assert result == outcome(body, fast=False)
    return result


def body(data: dict[str, Any], **top: Any) -> bytes:
    return json.dumps({"data": data, **top}).encode()


HISTORY = [{"role": "user" if i % 2 else "assistant", "content": f"turn {i}"} for i in range(300)]
CRAFTED: dict[str, bytes | bytearray | str] = {
    "long-history": testing.call_ai_gather_message_history_updated(message_history=HISTORY),
    "nan-in-transcript": body(
        {**GOOD, "payload": {**IDS, "status": "valid", "t": "say NaN: NaN, ok"}}
    ),
    "nan-in-base64": testing.call_gather_ended(client_state="TmFOSW5maW5pdHlOYU4="),
    "nan-after-escaped-quote": body(
        {**GOOD, "payload": {**IDS, "status": "valid", "t": 'a "q": NaN'}}
    ),
    "nan-and-escaped-backslash": body(
        {**GOOD, "payload": {**IDS, "status": "valid", "t": "C:\\ NaN"}}
    ),
    "many-nan-words": body({**GOOD, "payload": {**IDS, "status": "valid", "t": "NaN " * 100}}),
    "nan-token-in-extra": body(GOOD, x=float("nan")).replace(b" NaN", b"NaN"),
    "minus-infinity-in-meta": body(GOOD, meta={"attempt": 1, "x": float("-inf")}),
    "infinity-in-unknown": body({**GOOD, "event_type": "x.y", "payload": {"v": [float("inf")]}}),
    "unknown": body({**GOOD, "event_type": "conference.created"}),
    "unknown-with-known-tag-in-payload": body(
        {**GOOD, "event_type": "x.y", "payload": {"event_type": "call.gather.ended"}}
    ),
    "tag-first-in-meta": json.dumps(
        {"meta": {"event_type": "call.gather.ended"}, "data": {**GOOD, "event_type": "x.y"}}
    ).encode(),
    "tag-only-in-meta": json.dumps({"meta": {"event_type": "x.y"}, "data": {"id": "1"}}).encode(),
    "duplicate-tag-known-last": b'{"data": {"event_type": "x.y", '
    + json.dumps(GOOD).encode()[1:]
    + b"}",
    "duplicate-tag-unknown-last": b'{"data": {'
    + json.dumps(GOOD).encode()[1:-1]
    + b', "event_type": "x.y"}}',
    "escaped-tag-key": body(GOOD).replace(b'"event_type"', b'"event\\u005ftype"'),
    "escaped-tag-value": body(GOOD).replace(b"call.gather", b"call\\u002egather"),
    "spaced-colon": body(GOOD).replace(b'"event_type": ', b'"event_type" \n:\t '),
    "known-tag-bad-payload": body({**GOOD, "payload": {**IDS, "status": 7}}),
    "bad-meta": body(GOOD, meta={"attempt": "one"}),
    "top-level-extra": body(GOOD, meta={"attempt": "2"}, extra={"k": [1, 2.5, None]}),
    "text-body": body(GOOD).decode(),
    "bytearray-body": bytearray(body(GOOD)),
    "invalid-utf8-tag": b'{"data": {"event_type": "call\xff"}}',
}


@pytest.mark.parametrize("name", sorted(CRAFTED))
def test_crafted_body_parses_the_same_both_ways(name: str) -> None:
    assert_same(CRAFTED[name])


@pytest.mark.parametrize(("name", "raw"), [(h[0], h[1]) for h in HOSTILE])
def test_hostile_body_fails_the_same_both_ways(name: str, raw: bytes | str) -> None:
    assert assert_same(raw)[0] == "error"


@pytest.mark.parametrize("factory", FACTORIES, ids=lambda f: f.__name__)
def test_every_event_factory_parses_the_same_both_ways(factory: testing.EventFactory) -> None:
    raw = factory()
    assert union._FAST.parse(raw) is not None  # every known event takes the fast path
    assert assert_same(raw)[0] is union.Webhook


@settings(max_examples=300)
@given(
    event_type=st.sampled_from([*sorted(EVENT_TYPES), "conference.created", "x"]),
    payload=payloads,
    extra=json_values,
    seed=st.integers(0, 2**32),
    indent=st.sampled_from([None, 0, 2]),
)
def test_arbitrary_delivery_parses_the_same_both_ways(
    event_type: str, payload: Any, extra: Any, seed: int, indent: int | None
) -> None:
    data = {**GOOD, "event_type": event_type, "payload": payload, "x": extra}
    keys = list(data)
    random.Random(seed).shuffle(keys)
    raw = json.dumps({"data": {k: data[k] for k in keys}, "meta": {"attempt": 1}}, indent=indent)
    assert_same(raw.encode())


def test_nan_words_in_strings_take_the_fast_path(monkeypatch: pytest.MonkeyPatch) -> None:
    class NoFallback:
        def validate_json(self, _: object) -> object:
            raise AssertionError("the union's validator ran")

    monkeypatch.setattr(union, "_WEBHOOK", NoFallback())
    for name in ("nan-in-transcript", "nan-in-base64", "nan-after-escaped-quote", "long-history"):
        assert type(parse_webhook(CRAFTED[name]).data).__name__ != "UnknownEvent"
    assert isinstance(parse_webhook(CRAFTED["unknown"]).data, UnknownEvent)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (b'{"a": 1}', False),
        (b'{"a": "NaN", "b": "-Infinity"}', False),
        (b'{"a": "x \\"NaN\\" y"}', False),
        (b'{"a": "\\"", "b": NaN}', True),
        (b'{"a": [1, -Infinity]}', True),
        (b'{"a":Infinity}', True),
        ('{"a": "NaN", "b": NaN}', True),
        ('{"a": "Infinity"}', False),
        (b'{"a": "\\\\", "b": "NaN"}', None),
        (b'{"a": "' + b"NaN" * 65 + b'"}', None),
    ],
)
def test_non_finite_scan(raw: bytes | str, expected: bool | None) -> None:
    assert has_non_finite(raw) is expected


@given(json_values, st.booleans())
def test_non_finite_scan_agrees_with_a_strict_parse_whenever_it_answers(
    value: Any, as_text: bool
) -> None:
    raw = json.dumps({"v": value, "s": json.dumps(value)})
    answer = has_non_finite(raw if as_text else raw.encode())
    assert answer is None or answer is _strict_fails(raw)


def _strict_fails(raw: str) -> bool:
    try:
        json.loads(raw, parse_constant=_refuse)
    except ValueError:
        return True
    return False


def _refuse(_: str) -> float:
    raise ValueError("non-finite")
