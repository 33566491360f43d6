"""Parse one sample delivery of each known event: a call's life, then the rest of the vocabulary.

Run: python examples/parse_events.py
"""

from __future__ import annotations

from telnyx_gather import (
    CallAIGatherEnded,
    CallAnalyzed,
    CallDtmfReceived,
    CallGatherEnded,
    CallHangup,
    CallInitiated,
    CallMachineDetectionEnded,
    CallPlaybackEnded,
    CallRecordingSaved,
    CallSpeakEnded,
    UnknownEvent,
    WebhookEvent,
    parse_webhook,
    testing,
)

SAMPLES = [
    testing.call_initiated(),
    testing.call_answered(),
    testing.call_playback_started(),
    testing.call_dtmf_received(digit="1"),
    testing.call_playback_ended(),
    testing.call_gather_ended(digits="1", status="valid"),
    testing.call_ai_gather_message_history_updated(),
    testing.call_ai_gather_partial_results(partial_results={"age": 29}),
    testing.call_ai_gather_ended(result={"age": 29, "city": "Paris"}, status="valid"),
    testing.call_conversation_ended(duration_sec=42, reason="assistant_hangup"),
    testing.call_hangup(hangup_cause="normal_clearing", hangup_source="caller"),
    # Every other event, each with its class's documented example.
    testing.call_speak_started(),
    testing.call_speak_ended(),
    testing.call_bridged(),
    testing.call_hold(),
    testing.call_unhold(),
    testing.call_enqueued(),
    testing.call_dequeued(),
    testing.call_recording_saved(),
    testing.call_recording_error(),
    testing.call_recording_transcription_saved(),
    testing.call_machine_detection_ended(),
    testing.call_machine_greeting_ended(),
    testing.call_machine_premium_detection_started(),
    testing.call_machine_premium_detection_ended(),
    testing.call_machine_premium_greeting_ended(),
    testing.call_machine_premium_call_screening_detected(),
    testing.call_refer_started(),
    testing.call_refer_completed(),
    testing.call_refer_failed(),
    testing.streaming_started(),
    testing.streaming_stopped(),
    testing.streaming_failed(),
    testing.call_fork_started(),
    testing.call_fork_stopped(),
    testing.siprec_started(),
    testing.siprec_stopped(),
    testing.siprec_failed(),
    testing.call_conversation_created(),
    testing.call_conversation_start_failed(),
    testing.call_conversation_insights_generated(),
    testing.call_analyzed(),
    testing.call_cost(),
    testing.call_deepfake_detection_result(),
    testing.call_deepfake_detection_error(),
    testing.call_payment_progress(),
    testing.call_payment_completed(),
]


def describe(event: WebhookEvent) -> str:
    """One line per event; `match` narrows to each class."""
    match event:
        case CallInitiated(payload=p):
            return f"{p.direction} call from {p.from_}, answer it"
        case CallHangup(payload=p):
            return f"hung up by the {p.hangup_source} ({p.hangup_cause})"
        case CallDtmfReceived(payload=p):
            return f"caller pressed {p.digit!r}"
        case CallGatherEnded(payload=p):
            return f"gather ended: status={p.status} digits={p.digits!r}"
        case CallPlaybackEnded(payload=p):
            return f"playback ended: {p.status}"
        case CallAIGatherEnded(payload=p):
            return f"AI gather ended: status={p.status} result={p.result}"
        case CallSpeakEnded(payload=p):
            return f"speak ended: {p.status}"
        case CallMachineDetectionEnded(payload=p):
            return f"answered by: {p.result}"
        case CallRecordingSaved(payload=p):
            return f"recording saved: {p.recording_urls.mp3 if p.recording_urls else None}"
        case CallAnalyzed(payload=p):
            # `cost` is a breakdown, or text when Telnyx had no cost data.
            cost = p.cost if p.cost is None or isinstance(p.cost, str) else p.cost.total
            return f"analyzed, cost {cost}"
        case UnknownEvent():
            return f"unknown event {event.event_type!r}, acknowledged"
        case _:
            return type(event).__name__


def main() -> None:
    for body in SAMPLES:
        webhook = parse_webhook(body)
        event = webhook.data
        attempt = webhook.meta.attempt if webhook.meta else None
        when = f"{event.occurred_at:%H:%M:%S.%f}"
        print(f"{when}  {event.event_type:<40} attempt={attempt}  {describe(event)}")


if __name__ == "__main__":
    main()
