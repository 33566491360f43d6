"""Static checks, run by mypy --strict and pyright strict: event narrowing and payload types.

Nothing here needs to run; the type checkers fail the gate if a revealed type
drifts. `assert_type` is checked statically and is a no-op at runtime.
"""

from __future__ import annotations

from datetime import datetime

from pydantic import JsonValue
from typing_extensions import assert_never, assert_type

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
    Webhook,
    WebhookEvent,
    WebhookMeta,
    decode_client_state,
    parse_event,
    parse_webhook,
)
from telnyx_gather.events import (
    AIGatherMessage,
    CallDirection,
    CallEvent,
    CallQualityStats,
    ConversationMessage,
    GatherStatus,
    HangupCause,
    HangupSource,
    PlaybackStatus,
    SipHeader,
)


def parsers(body: bytes) -> None:
    assert_type(parse_event(body), WebhookEvent)
    webhook = parse_webhook(body)
    assert_type(webhook, Webhook)
    assert_type(webhook.meta, WebhookMeta | None)
    if webhook.meta is not None:
        assert_type(webhook.meta.attempt, int | None)


def isinstance_narrows(event: WebhookEvent) -> None:
    if isinstance(event, CallGatherEnded):
        assert_type(event, CallGatherEnded)
        assert_type(event.payload.digits, str | None)
        assert_type(event.payload.status, GatherStatus | str | None)
        assert_type(event.payload.from_, str | None)
        assert_type(event.payload.call_control_id, str)
        assert_type(event.occurred_at, datetime)
    elif isinstance(event, CallDtmfReceived):
        assert_type(event.payload.digit, str | None)
    elif isinstance(event, CallAIGatherEnded):
        assert_type(event.payload.result, dict[str, JsonValue] | None)
        assert_type(event.payload.message_history, list[AIGatherMessage] | None)
    elif isinstance(event, CallConversationEnded):
        # The Conversation Relay variant carries no id, time or call ids.
        assert_type(event.id, str | None)
        assert_type(event.occurred_at, datetime | None)
        assert_type(event.payload.call_control_id, str | None)
        assert_type(event.payload.messages, list[ConversationMessage] | None)
        assert_type(event.payload.duration_sec, int | None)
        assert_type(event.created_at, datetime | None)
    elif isinstance(event, CallInitiated):
        assert_type(event.payload.direction, CallDirection | str | None)
        assert_type(event.payload.start_time, datetime | None)
        assert_type(event.payload.sip_headers, list[SipHeader] | None)
    elif isinstance(event, CallHangup):
        assert_type(event.payload.hangup_cause, HangupCause | str | None)
        assert_type(event.payload.hangup_source, HangupSource | str | None)
        assert_type(event.payload.call_quality_stats, CallQualityStats | None)
        if event.payload.call_quality_stats and event.payload.call_quality_stats.inbound:
            assert_type(event.payload.call_quality_stats.inbound.mos, str | None)
    elif isinstance(event, UnknownEvent):
        assert_type(event.event_type, str)
        assert_type(event.payload, dict[str, JsonValue] | None)
    else:
        assert_type(
            event,
            CallAIGatherMessageHistoryUpdated
            | CallAIGatherPartialResults
            | CallPlaybackStarted
            | CallPlaybackEnded
            | CallAnswered,
        )


def match_is_exhaustive(event: WebhookEvent) -> str:
    match event:
        case CallGatherEnded():
            assert_type(event, CallGatherEnded)
            return event.payload.digits or ""
        case CallAIGatherEnded():
            assert_type(event, CallAIGatherEnded)
            return str(event.payload.status)
        case CallAIGatherMessageHistoryUpdated():
            assert_type(event, CallAIGatherMessageHistoryUpdated)
            return "history"
        case CallAIGatherPartialResults():
            assert_type(event.payload.partial_results, dict[str, JsonValue] | None)
            return "partial"
        case CallConversationEnded():
            assert_type(event.payload.reason, str | None)
            return "conversation"
        case CallPlaybackStarted():
            assert_type(event.payload.media_url, str | None)
            return "started"
        case CallPlaybackEnded():
            assert_type(event.payload.status_detail, str | None)
            return "ended"
        case CallDtmfReceived():
            assert_type(event, CallDtmfReceived)
            return event.payload.digit or ""
        case CallInitiated():
            assert_type(event.payload.from_, str | None)
            return "initiated"
        case CallAnswered():
            assert_type(event, CallAnswered)
            return "answered"
        case CallHangup():
            assert_type(event.payload.sip_hangup_cause, str | None)
            return "hangup"
        case UnknownEvent():
            assert_type(event, UnknownEvent)
            return event.event_type
        case _:
            assert_never(event)


def call_events_carry_id_time_and_call(event: WebhookEvent) -> None:
    # Every known event but `CallConversationEnded` is a `CallEvent`: once those
    # two are ruled out, the id, the time and the call are there.
    if isinstance(event, (UnknownEvent, CallConversationEnded)):
        assert_type(event.id, str | None)
        return
    assert_type(event.id, str)
    assert_type(event.occurred_at, datetime)
    assert_type(event.payload.call_control_id, str)
    assert_type(event.payload.call_leg_id, str | None)
    assert_type(event.payload.client_state, str | None)


def call_event_base_narrows(event: WebhookEvent) -> None:
    if isinstance(event, CallEvent):
        assert_type(event.id, str)
        assert_type(event.payload.call_control_id, str)
    else:
        assert_type(event, CallConversationEnded | UnknownEvent)


def event_type_comparison_narrows(event: WebhookEvent) -> None:
    # UnknownEvent.event_type is a plain str, so handle it first; after that a
    # comparison with a literal narrows to exactly one class.
    if isinstance(event, UnknownEvent):
        return
    if event.event_type == "call.gather.ended":
        assert_type(event, CallGatherEnded)
    elif event.event_type == "call.dtmf.received":
        assert_type(event, CallDtmfReceived)
    elif event.event_type == "call.playback.ended":
        assert_type(event.payload.status, PlaybackStatus | str | None)
    elif event.event_type == "call.hangup":
        assert_type(event, CallHangup)


class MenuState:
    step: str


def client_state_types(state: str) -> None:
    assert_type(decode_client_state(state), JsonValue)
    assert_type(decode_client_state(state, MenuState), MenuState)


def match_on_event_type_narrows(event: WebhookEvent) -> str:
    # As with `==`: once `UnknownEvent` is ruled out, a literal pattern on
    # `event.event_type` narrows the event itself.
    if isinstance(event, UnknownEvent):
        return event.event_type
    match event.event_type:
        case "call.initiated":
            assert_type(event, CallInitiated)
            return event.payload.call_control_id
        case "call.conversation.ended":
            assert_type(event, CallConversationEnded)
            return event.payload.reason or ""
        case _:
            return event.event_type


def type_identity_narrows(event: WebhookEvent) -> None:
    if type(event) is CallHangup:
        assert_type(event, CallHangup)
