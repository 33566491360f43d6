"""Event factories: each builds a body that parses as its own class, with overridable fields."""

from __future__ import annotations

import json
from datetime import datetime, timezone

import pytest
from syrupy.assertion import SnapshotAssertion

from telnyx_gather import (
    CallAIGatherEnded,
    CallAIGatherMessageHistoryUpdated,
    CallAIGatherPartialResults,
    CallAnswered,
    CallConversationEnded,
    CallDtmfReceived,
    CallGatherEnded,
    CallHangup,
    CallInitiated,
    CallPlaybackEnded,
    CallPlaybackStarted,
    UnknownEvent,
    WebhookParseError,
    WebhookVerifier,
    parse_event,
    parse_webhook,
)
from telnyx_gather.testing import (
    EventFactory,
    WebhookSigner,
    call_ai_gather_ended,
    call_ai_gather_message_history_updated,
    call_ai_gather_partial_results,
    call_answered,
    call_conversation_ended,
    call_dtmf_received,
    call_gather_ended,
    call_hangup,
    call_initiated,
    call_playback_ended,
    call_playback_started,
    webhook_body,
)

FACTORIES: list[tuple[EventFactory, type[object], str]] = [
    (call_gather_ended, CallGatherEnded, "call.gather.ended"),
    (call_dtmf_received, CallDtmfReceived, "call.dtmf.received"),
    (call_playback_started, CallPlaybackStarted, "call.playback.started"),
    (call_playback_ended, CallPlaybackEnded, "call.playback.ended"),
    (call_ai_gather_ended, CallAIGatherEnded, "call.ai_gather.ended"),
    (
        call_ai_gather_message_history_updated,
        CallAIGatherMessageHistoryUpdated,
        "call.ai_gather.message_history_updated",
    ),
    (call_ai_gather_partial_results, CallAIGatherPartialResults, "call.ai_gather.partial_results"),
    (call_conversation_ended, CallConversationEnded, "call.conversation.ended"),
    (call_initiated, CallInitiated, "call.initiated"),
    (call_answered, CallAnswered, "call.answered"),
    (call_hangup, CallHangup, "call.hangup"),
]
IDS = [event_type for _, _, event_type in FACTORIES]


@pytest.mark.parametrize(("factory", "cls", "event_type"), FACTORIES, ids=IDS)
def test_factory_body_parses_as_its_class(
    factory: EventFactory, cls: type[object], event_type: str
) -> None:
    body = factory()
    assert isinstance(body, bytes)
    event = parse_event(body)
    assert type(event) is cls
    assert event.event_type == event_type
    assert event.occurred_at is not None
    assert event.occurred_at.tzinfo is not None
    assert factory.__name__ == event_type.replace(".", "_")


@pytest.mark.parametrize(("factory", "cls", "event_type"), FACTORIES, ids=IDS)
def test_factory_body_is_exact(
    factory: EventFactory, cls: type[object], event_type: str, snapshot: SnapshotAssertion
) -> None:
    body = factory(
        event_id="0ccc7b54-4df3-4bca-a65a-3da1ecc777f0", occurred_at="2026-01-02T03:04:05.678901Z"
    )
    assert body == snapshot(name="body")
    assert parse_event(body).model_dump(mode="json", by_alias=True) == snapshot(name="parsed")


@pytest.mark.parametrize(("factory", "cls", "event_type"), FACTORIES, ids=IDS)
def test_factory_bodies_verify_when_signed(
    factory: EventFactory, cls: type[object], event_type: str
) -> None:
    signer = WebhookSigner()
    body = factory(client_state="eyJzdGVwIjoibWVudSJ9")
    event = WebhookVerifier(signer.public_key).unwrap(body, signer.sign(body))
    assert type(event) is cls
    assert event.payload.client_state == "eyJzdGVwIjoibWVudSJ9"  # type: ignore[union-attr]


def test_fresh_ids_by_default() -> None:
    first, second = parse_event(call_dtmf_received()), parse_event(call_dtmf_received())
    assert first.id != second.id


def test_overrides_replace_and_add_payload_fields() -> None:
    event = parse_event(
        call_gather_ended(digits="42", status="timeout", from_="+15550100", extra_field=[1, 2])
    )
    assert isinstance(event, CallGatherEnded)
    assert (event.payload.digits, event.payload.status, event.payload.from_) == (
        "42",
        "timeout",
        "+15550100",
    )
    assert event.payload.model_extra == {"extra_field": [1, 2]}
    assert json.loads(call_gather_ended(from_="x"))["data"]["payload"]["from"] == "x"


def test_none_sends_json_null_so_handlers_can_be_tested_on_bad_input() -> None:
    body = call_dtmf_received(call_control_id=None)
    assert json.loads(body)["data"]["payload"]["call_control_id"] is None
    with pytest.raises(WebhookParseError, match="call_control_id"):
        parse_event(body)


def test_envelope_options() -> None:
    when = datetime(2026, 1, 2, 3, 4, 5, 678901, tzinfo=timezone.utc)
    webhook = parse_webhook(call_playback_ended(event_id="e-9", occurred_at=when, attempt=3))
    assert (webhook.data.id, webhook.data.occurred_at) == ("e-9", when)
    assert webhook.meta is not None
    assert webhook.meta.attempt == 3
    assert b'"occurred_at":"2026-01-02T03:04:05.678901Z"' in call_playback_ended(occurred_at=when)
    assert parse_webhook(call_playback_ended(attempt=None)).meta is None
    assert b'"meta"' not in call_playback_ended(attempt=None)


def test_webhook_body_builds_unknown_events_too() -> None:
    event = parse_event(webhook_body("conference.created", {"call_control_id": "v3:x"}))
    assert isinstance(event, UnknownEvent)
    assert event.payload == {"call_control_id": "v3:x"}


def test_non_ascii_is_sent_as_utf8() -> None:
    body = call_gather_ended(to="sip:zoë@example.com")
    assert "sip:zoë@example.com".encode() in body
