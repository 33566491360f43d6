"""A delivery Telnyx sends or documents must parse: only what every delivery carries is required."""

from __future__ import annotations

import json
from typing import Any

import pytest
from syrupy.assertion import SnapshotAssertion

from telnyx_gather import CallConversationEnded, WebhookParseError, parse_event, parse_webhook
from telnyx_gather.events import EVENT_TYPES, CallEvent

# Telnyx's documented `data` of `call.conversation.ended` when a Conversation Relay session ends.
RELAY_ENDED: dict[str, Any] = {
    "event_type": "call.conversation.ended",
    "payload": {"reason": "customer_disconnect"},
    "record_type": "event",
}
CALL_EVENTS = sorted(t for t, cls in EVENT_TYPES.items() if issubclass(cls, CallEvent))
# The spec's examples of recordings and machine detection carry no call_control_id.
WITHOUT_CALL_ID = {
    t
    for t in CALL_EVENTS
    if t.startswith(("call.recording.saved", "call.recording.error", "call.machine."))
}
MINIMAL: dict[str, Any] = {
    "id": "9f1c2d3e-4b5a-4c6d-8e7f-0a1b2c3d4e5f",
    "occurred_at": "2026-11-24T10:15:02.123456Z",
    "payload": {"call_control_id": "v3:only-this"},
}


def _body(data: dict[str, Any], **meta: object) -> bytes:
    envelope: dict[str, Any] = {"data": data}
    if meta:
        envelope["meta"] = meta
    return json.dumps(envelope).encode()


def test_every_known_event_but_conversation_ended_is_a_call_event() -> None:
    assert set(EVENT_TYPES) - set(CALL_EVENTS) == {"call.conversation.ended"}


def test_conversation_relay_ended_parses(snapshot: SnapshotAssertion) -> None:
    webhook = parse_webhook(_body(RELAY_ENDED, attempt=1))
    event = webhook.data
    assert type(event) is CallConversationEnded
    assert (event.id, event.occurred_at, event.created_at) == (None, None, None)
    assert event.payload.call_control_id is None
    assert event.payload.reason == "customer_disconnect"
    assert event.model_dump(mode="json", by_alias=True, exclude_unset=True) == RELAY_ENDED
    assert event.model_dump(mode="json", by_alias=True) == snapshot


def test_conversation_relay_ended_still_checks_what_it_carries() -> None:
    naive = {**RELAY_ENDED, "occurred_at": "2026-11-24T10:15:02"}
    with pytest.raises(WebhookParseError, match="occurred_at"):
        parse_event(_body(naive))
    with pytest.raises(WebhookParseError, match=r"payload\.duration_sec"):
        parse_event(_body({**RELAY_ENDED, "payload": {"duration_sec": "long"}}))
    with pytest.raises(WebhookParseError, match="payload"):
        parse_event(_body({k: v for k, v in RELAY_ENDED.items() if k != "payload"}))


@pytest.mark.parametrize("event_type", CALL_EVENTS)
def test_call_event_needs_only_id_time_and_call_control_id(event_type: str) -> None:
    event = parse_event(_body({"event_type": event_type, **MINIMAL}))
    assert type(event) is EVENT_TYPES[event_type]
    assert isinstance(event, CallEvent)
    assert event.id == MINIMAL["id"]
    assert event.payload.call_control_id == "v3:only-this"
    dumped = event.payload.model_dump(exclude_unset=True)
    assert dumped == {"call_control_id": "v3:only-this"}
    assert event.payload.call_leg_id is None
    assert event.payload.client_state is None


REQUIRED = [
    (event_type, drop, where)
    for event_type in CALL_EVENTS
    for drop, where in [
        ("id", r"\.id"),
        ("occurred_at", "occurred_at"),
        ("call_control_id", "call_control_id"),
    ]
    if not (drop == "call_control_id" and event_type in WITHOUT_CALL_ID)
]


@pytest.mark.parametrize(("event_type", "drop", "where"), REQUIRED)
def test_call_event_without_a_required_field_is_refused(
    event_type: str, drop: str, where: str
) -> None:
    data = {"event_type": event_type, **MINIMAL, "payload": dict(MINIMAL["payload"])}
    data.pop(drop, None)
    data["payload"].pop(drop, None)
    with pytest.raises(WebhookParseError, match=where):
        parse_event(_body(data))


@pytest.mark.parametrize("event_type", sorted(EVENT_TYPES))
def test_client_state_null_and_other_ids_null(event_type: str) -> None:
    ids = {"call_leg_id": None, "call_session_id": None, "connection_id": None}
    payload = {"call_control_id": "v3:x", "client_state": None, **ids}
    event = parse_event(_body({"event_type": event_type, **MINIMAL, "payload": payload}))
    assert type(event) is EVENT_TYPES[event_type]
    assert event.payload.client_state is None
    assert event.payload.connection_id is None


def test_the_events_without_a_call_id_are_recordings_and_machine_detection() -> None:
    assert len(WITHOUT_CALL_ID) == 8
    for event_type in WITHOUT_CALL_ID:
        event = parse_event(_body({"event_type": event_type, **MINIMAL, "payload": {}}))
        assert type(event) is EVENT_TYPES[event_type]
        assert isinstance(event, CallEvent)
        assert event.payload.call_control_id is None
