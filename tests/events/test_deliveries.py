"""Realistic deliveries: meta variants, timestamps, forward compatibility."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from typing import Any

import pytest
from syrupy.assertion import SnapshotAssertion

from telnyx_gather import (
    CallConversationEnded,
    CallDtmfReceived,
    CallGatherEnded,
    CallPlaybackEnded,
    UnknownEvent,
    WebhookParseError,
    parse_event,
    parse_webhook,
)

IDS = {
    "call_control_id": "v3:MdI91X4lWFEs7IgbBEOT9M4AigoY08M0WWZFISt1Yw2axZ_IiE4pqg",
    "call_leg_id": "428c31b6-7af4-4bcb-b7f5-5013ef9657c1",
    "call_session_id": "428c31b6-abf3-3bc1-b7f4-5013ef9657c1",
    "connection_id": "1494404757140276705",
}


def body(
    event_type: str = "call.gather.ended",
    payload: dict[str, Any] | None = None,
    *,
    occurred_at: str = "2026-11-24T10:15:02.123456Z",
    meta: dict[str, Any] | None = None,
    **data: Any,
) -> bytes:
    envelope: dict[str, Any] = {
        "data": {
            "record_type": "event",
            "event_type": event_type,
            "id": "4a8a1e0b-52f2-4f6e-9b1e-3b2a5f9e7c10",
            "occurred_at": occurred_at,
            "payload": payload if payload is not None else {**IDS, "status": "valid"},
            **data,
        }
    }
    if meta is not None:
        envelope["meta"] = meta
    return json.dumps(envelope).encode()


@pytest.mark.parametrize("attempt", [1, "1", 3, "12"])
def test_meta_attempt_accepts_int_and_numeric_string(attempt: int | str) -> None:
    webhook = parse_webhook(body(meta={"attempt": attempt, "delivered_to": "https://x.test/h"}))
    assert webhook.meta is not None
    assert webhook.meta.attempt == int(attempt)
    assert webhook.meta.delivered_to == "https://x.test/h"


@pytest.mark.parametrize("attempt", ["", "one", " 1", "1.5", "-1", "١", True, [1]])
def test_meta_attempt_rejects_non_numbers(attempt: object) -> None:
    with pytest.raises(WebhookParseError, match=r"meta\.attempt"):
        parse_webhook(body(meta={"attempt": attempt}))


def test_delivery_without_meta() -> None:
    webhook = parse_webhook(body())
    assert webhook.meta is None
    assert isinstance(webhook.data, CallGatherEnded)


def test_meta_null_is_no_meta() -> None:
    envelope = json.loads(body())
    envelope["meta"] = None
    assert parse_webhook(json.dumps(envelope)).meta is None


@pytest.mark.parametrize(
    ("stamp", "expected"),
    [
        ("2026-11-24T10:15:02Z", datetime(2026, 11, 24, 10, 15, 2, tzinfo=timezone.utc)),
        ("2026-11-24T10:15:02.5Z", datetime(2026, 11, 24, 10, 15, 2, 500000, tzinfo=timezone.utc)),
        (
            "2026-11-24T10:15:02.123Z",
            datetime(2026, 11, 24, 10, 15, 2, 123000, tzinfo=timezone.utc),
        ),
        (
            "2026-11-24T10:15:02.521992Z",
            datetime(2026, 11, 24, 10, 15, 2, 521992, tzinfo=timezone.utc),
        ),
        (
            "2026-11-24T12:15:02.521992+02:00",
            datetime(2026, 11, 24, 10, 15, 2, 521992, tzinfo=timezone.utc),
        ),
    ],
)
def test_occurred_at_precisions(stamp: str, expected: datetime) -> None:
    event = parse_event(body(occurred_at=stamp))
    assert event.occurred_at == expected
    assert event.occurred_at.utcoffset() is not None


def test_occurred_at_without_timezone_is_rejected() -> None:
    with pytest.raises(WebhookParseError, match="occurred_at"):
        parse_event(body(occurred_at="2026-11-24T10:15:02.123"))


def test_occurred_at_keeps_offset() -> None:
    event = parse_event(body(occurred_at="2026-11-24T12:15:02+02:00"))
    assert event.occurred_at.utcoffset() == timedelta(hours=2)


def test_fields_not_in_the_spec_are_kept(snapshot: SnapshotAssertion) -> None:
    payload = {**IDS, "status": "valid", "digits": "42", "gather_id": "menu-1", "new": {"a": [1]}}
    event = parse_event(body(payload=payload, region="eu", meta={"attempt": 1, "hop": "x"}))
    assert isinstance(event, CallGatherEnded)
    assert event.model_extra == {"region": "eu"}
    assert event.payload.model_extra == {"gather_id": "menu-1", "new": {"a": [1]}}
    dumped = event.model_dump(mode="json", by_alias=True)
    assert dumped["payload"]["gather_id"] == "menu-1"
    assert dumped == snapshot


def test_unknown_enum_value_keeps_its_string() -> None:
    event = parse_event(body(payload={**IDS, "status": "cancelled_by_moon"}))
    assert isinstance(event, CallGatherEnded)
    assert event.payload.status == "cancelled_by_moon"

    ended = parse_event(
        body("call.playback.ended", {**IDS, "status": "transcoding_failed", "overlay": True})
    )
    assert isinstance(ended, CallPlaybackEnded)
    assert ended.payload.status == "transcoding_failed"
    assert ended.payload.overlay is True


def test_unknown_event_type_becomes_unknown_event(snapshot: SnapshotAssertion) -> None:
    payload = {"call_control_id": "v3:x", "anything": [1, "two", None]}
    event = parse_event(body("conference.created", payload, occurred_at="2026-11-24T10:15:02Z"))
    assert type(event) is UnknownEvent
    assert event.event_type == "conference.created"
    assert event.payload == payload
    assert event.model_dump(mode="json", by_alias=True) == snapshot


def test_unknown_event_type_with_odd_shape_still_parses() -> None:
    raw = b'{"data": {"event_type": "call.future", "payload": {}, "extra": 1}}'
    event = parse_event(raw)
    assert isinstance(event, UnknownEvent)
    assert event.id is None
    assert event.model_extra == {"extra": 1}


def test_known_event_type_with_missing_fields_is_not_unknown() -> None:
    payload = {k: v for k, v in IDS.items() if k != "call_control_id"}
    with pytest.raises(WebhookParseError, match=r"payload\.call_control_id"):
        parse_event(body(payload=payload))


def test_dtmf_and_from_alias() -> None:
    event = parse_event(
        body("call.dtmf.received", {**IDS, "digit": "#", "from": "+1555", "to": "+1666"})
    )
    assert isinstance(event, CallDtmfReceived)
    assert event.payload.digit == "#"
    assert event.payload.from_ == "+1555"
    assert event.model_dump(by_alias=True)["payload"]["from"] == "+1555"


def test_conversation_ended_newer_fields() -> None:
    payload = {
        **IDS,
        "assistant_id": "assistant-1",
        "calling_party_type": "pstn",
        "duration_sec": 61,
        "reason": "customer_disconnect",
        "messages": [
            {"role": "user", "content": "book me in", "timestamp": "2026-11-24T10:15:00Z"},
            {
                "role": "assistant",
                "tool_calls": [
                    {
                        "id": "call_1",
                        "type": "function",
                        "function": {"name": "book", "arguments": '{"day": "mon"}'},
                    }
                ],
            },
            {"role": "tool", "tool_call_id": "call_1", "content": "booked"},
            {"role": "narrator", "content": "a role added later"},
        ],
    }
    event = parse_event(body("call.conversation.ended", payload, created_at="2026-11-24T10:15:03Z"))
    assert isinstance(event, CallConversationEnded)
    messages = event.payload.messages
    assert messages is not None
    assert [m.role for m in messages] == ["user", "assistant", "tool", "narrator"]
    assert messages[0].timestamp == datetime(2026, 11, 24, 10, 15, tzinfo=timezone.utc)
    calls = messages[1].tool_calls
    assert calls is not None
    assert calls[0].function is not None
    assert calls[0].function.arguments == '{"day": "mon"}'
    assert messages[2].tool_call_id == "call_1"
    assert event.payload.reason == "customer_disconnect"
    assert event.created_at == datetime(2026, 11, 24, 10, 15, 3, tzinfo=timezone.utc)


@pytest.mark.parametrize("kind", [bytes, bytearray, str])
def test_body_types(kind: type) -> None:
    raw = body()
    event = parse_event(kind(raw) if kind is not str else raw.decode())
    assert isinstance(event, CallGatherEnded)


def test_events_are_frozen() -> None:
    event = parse_event(body())
    with pytest.raises(ValueError, match="frozen"):
        event.id = "other"  # type: ignore[misc]
