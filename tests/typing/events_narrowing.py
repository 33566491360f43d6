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
    CallAnalyzed,
    CallAnswered,
    CallBridged,
    CallConversationCreated,
    CallConversationEnded,
    CallConversationInsightsGenerated,
    CallConversationStartFailed,
    CallCost,
    CallDeepfakeDetectionError,
    CallDeepfakeDetectionResult,
    CallDequeued,
    CallDtmfReceived,
    CallEnqueued,
    CallForkStarted,
    CallForkStopped,
    CallGatherEnded,
    CallHangup,
    CallHold,
    CallInitiated,
    CallMachineDetectionEnded,
    CallMachineGreetingEnded,
    CallMachinePremiumCallScreeningDetected,
    CallMachinePremiumDetectionEnded,
    CallMachinePremiumDetectionStarted,
    CallMachinePremiumGreetingEnded,
    CallPaymentCompleted,
    CallPaymentProgress,
    CallPlaybackEnded,
    CallPlaybackStarted,
    CallRecordingError,
    CallRecordingSaved,
    CallRecordingTranscriptionSaved,
    CallReferCompleted,
    CallReferFailed,
    CallReferStarted,
    CallSiprecFailed,
    CallSiprecStarted,
    CallSiprecStopped,
    CallSpeakEnded,
    CallSpeakStarted,
    CallStreamingFailed,
    CallStreamingStarted,
    CallStreamingStopped,
    CallUnhold,
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
    AnalyzedCost,
    CallDirection,
    CallEvent,
    CallQualityStats,
    ConversationMessage,
    DequeueReason,
    GatherStatus,
    HangupCause,
    HangupSource,
    MachineDetectionResult,
    PlaybackStatus,
    RecordingChannels,
    RecordingUrls,
    SipHeader,
    SpeakStatus,
    StreamParams,
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
        # Every other known event is a `CallEvent`.
        assert_type(event.id, str)
        assert_type(event.occurred_at, datetime)


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
        case CallEvent():
            return event.event_type
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
    # Recordings and machine detection may name no call (the spec's examples do not).
    assert_type(event.payload.call_control_id, str | None)
    assert_type(event.payload.call_leg_id, str | None)
    assert_type(event.payload.client_state, str | None)


def call_event_base_narrows(event: WebhookEvent) -> None:
    if isinstance(event, CallEvent):
        assert_type(event.id, str)
        assert_type(event.payload.call_control_id, str | None)
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


def match_names_every_call_event(event: WebhookEvent) -> str:
    # One class pattern per event of the whole call; the gather family and the
    # lifecycle are above, so the rest is exhaustive.
    match event:
        case CallSpeakStarted():
            assert_type(event, CallSpeakStarted)
            return event.event_type
        case CallSpeakEnded():
            assert_type(event, CallSpeakEnded)
            assert_type(event.payload.status, SpeakStatus | str | None)
            assert_type(event.payload.call_control_id, str)
            return event.event_type
        case CallBridged():
            assert_type(event, CallBridged)
            return event.event_type
        case CallHold():
            assert_type(event, CallHold)
            return event.event_type
        case CallUnhold():
            assert_type(event, CallUnhold)
            return event.event_type
        case CallEnqueued():
            assert_type(event, CallEnqueued)
            return event.event_type
        case CallDequeued():
            assert_type(event, CallDequeued)
            assert_type(event.payload.reason, DequeueReason | str | None)
            return event.event_type
        case CallRecordingSaved():
            assert_type(event, CallRecordingSaved)
            assert_type(event.payload.call_control_id, str | None)
            assert_type(event.payload.recording_urls, RecordingUrls | None)
            assert_type(event.payload.recording_started_at, datetime | None)
            return event.event_type
        case CallRecordingError():
            assert_type(event, CallRecordingError)
            return event.event_type
        case CallRecordingTranscriptionSaved():
            assert_type(event, CallRecordingTranscriptionSaved)
            return event.event_type
        case CallMachineDetectionEnded():
            assert_type(event, CallMachineDetectionEnded)
            assert_type(event.payload.result, MachineDetectionResult | str | None)
            assert_type(event.payload.call_control_id, str | None)
            return event.event_type
        case CallMachineGreetingEnded():
            assert_type(event, CallMachineGreetingEnded)
            return event.event_type
        case CallMachinePremiumDetectionStarted():
            assert_type(event, CallMachinePremiumDetectionStarted)
            return event.event_type
        case CallMachinePremiumDetectionEnded():
            assert_type(event, CallMachinePremiumDetectionEnded)
            return event.event_type
        case CallMachinePremiumGreetingEnded():
            assert_type(event, CallMachinePremiumGreetingEnded)
            return event.event_type
        case CallMachinePremiumCallScreeningDetected():
            assert_type(event, CallMachinePremiumCallScreeningDetected)
            return event.event_type
        case CallReferStarted():
            assert_type(event, CallReferStarted)
            return event.event_type
        case CallReferCompleted():
            assert_type(event, CallReferCompleted)
            return event.event_type
        case CallReferFailed():
            assert_type(event, CallReferFailed)
            assert_type(event.payload.sip_notify_response, int | None)
            return event.event_type
        case CallStreamingStarted():
            assert_type(event, CallStreamingStarted)
            return event.event_type
        case CallStreamingStopped():
            assert_type(event, CallStreamingStopped)
            return event.event_type
        case CallStreamingFailed():
            assert_type(event, CallStreamingFailed)
            assert_type(event.payload.stream_params, StreamParams | None)
            return event.event_type
        case CallForkStarted():
            assert_type(event, CallForkStarted)
            return event.event_type
        case CallForkStopped():
            assert_type(event, CallForkStopped)
            return event.event_type
        case CallSiprecStarted():
            assert_type(event, CallSiprecStarted)
            return event.event_type
        case CallSiprecStopped():
            assert_type(event, CallSiprecStopped)
            return event.event_type
        case CallSiprecFailed():
            assert_type(event, CallSiprecFailed)
            return event.event_type
        case CallConversationCreated():
            assert_type(event, CallConversationCreated)
            assert_type(event.created_at, datetime | None)
            assert_type(event.id, str)
            return event.event_type
        case CallConversationStartFailed():
            assert_type(event, CallConversationStartFailed)
            return event.event_type
        case CallConversationInsightsGenerated():
            assert_type(event, CallConversationInsightsGenerated)
            return event.event_type
        case CallAnalyzed():
            assert_type(event, CallAnalyzed)
            assert_type(event.payload.cost, AnalyzedCost | str | None)
            if isinstance(event.payload.cost, AnalyzedCost):
                assert_type(event.payload.cost.total, str | None)
            return event.event_type
        case CallCost():
            assert_type(event, CallCost)
            return event.event_type
        case CallDeepfakeDetectionResult():
            assert_type(event, CallDeepfakeDetectionResult)
            assert_type(event.payload.score, float | None)
            return event.event_type
        case CallDeepfakeDetectionError():
            assert_type(event, CallDeepfakeDetectionError)
            return event.event_type
        case CallPaymentProgress():
            assert_type(event, CallPaymentProgress)
            return event.event_type
        case CallPaymentCompleted():
            assert_type(event, CallPaymentCompleted)
            return event.event_type
        case (
            CallGatherEnded()
            | CallAIGatherEnded()
            | CallAIGatherMessageHistoryUpdated()
            | CallAIGatherPartialResults()
            | CallConversationEnded()
            | CallPlaybackStarted()
            | CallPlaybackEnded()
            | CallDtmfReceived()
            | CallInitiated()
            | CallAnswered()
            | CallHangup()
            | UnknownEvent()
        ):
            return event.event_type
        case _:
            assert_never(event)


def event_type_comparison_narrows_the_new_events(event: WebhookEvent) -> None:
    if isinstance(event, UnknownEvent):
        return
    if event.event_type == "call.speak.ended":
        assert_type(event, CallSpeakEnded)
    elif event.event_type == "streaming.failed":
        assert_type(event, CallStreamingFailed)
    elif event.event_type == "call.recording.saved":
        assert_type(event.payload.channels, RecordingChannels | str | None)


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
