"""Parse one sample delivery of each of the eleven known events, a call's life in order.

Run: python examples/parse_events.py
"""

from __future__ import annotations

from telnyx_gather import (
    CallAIGatherEnded,
    CallDtmfReceived,
    CallGatherEnded,
    CallHangup,
    CallInitiated,
    CallPlaybackEnded,
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
