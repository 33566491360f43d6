"""Parse one sample delivery of each of the eight gather-family events and print it.

Run: python examples/parse_events.py
"""

from __future__ import annotations

import json

from telnyx_gather import (
    CallAIGatherEnded,
    CallDtmfReceived,
    CallGatherEnded,
    CallPlaybackEnded,
    UnknownEvent,
    WebhookEvent,
    parse_webhook,
)

IDS = {
    "call_control_id": "v3:MdI91X4lWFEs7IgbBEOT9M4AigoY08M0WWZFISt1Yw2axZ_IiE4pqg",
    "connection_id": "7267xxxxxxxxxxxxxx",
    "call_leg_id": "428c31b6-7af4-4bcb-b7f5-5013ef9657c1",
    "call_session_id": "428c31b6-abf3-3bc1-b7f4-5013ef9657c1",
    "client_state": "eyJzdGVwIjoibWVudSJ9",
}
PARTIES = {"from": "+35319605860", "to": "+13129457420"}
HISTORY = [
    {"role": "assistant", "content": "Hello, can you tell me your age and where you live?"},
    {"role": "user", "content": "Hello, I'm 29 and I live in Paris."},
]
SAMPLES: list[tuple[str, dict[str, object]]] = [
    ("call.playback.started", {**IDS, "media_url": "https://example.com/menu.wav"}),
    ("call.dtmf.received", {**IDS, **PARTIES, "digit": "1"}),
    (
        "call.playback.ended",
        {**IDS, "media_url": "https://example.com/menu.wav", "status": "completed"},
    ),
    ("call.gather.ended", {**IDS, **PARTIES, "digits": "1", "status": "valid"}),
    ("call.ai_gather.message_history_updated", {**IDS, **PARTIES, "message_history": HISTORY}),
    ("call.ai_gather.partial_results", {**IDS, **PARTIES, "partial_results": {"age": 29}}),
    (
        "call.ai_gather.ended",
        {
            **IDS,
            **PARTIES,
            "message_history": HISTORY,
            "result": {"age": 29, "city": "Paris"},
            "status": "valid",
        },
    ),
    (
        "call.conversation.ended",
        {
            **IDS,
            **PARTIES,
            "assistant_id": "assistant-1",
            "duration_sec": 42,
            "reason": "assistant_hangup",
        },
    ),
]


def delivery(n: int, event_type: str, payload: dict[str, object]) -> bytes:
    """Build a webhook body exactly as Telnyx delivers it."""
    data = {
        "record_type": "event",
        "event_type": event_type,
        "id": f"0ccc7b54-4df3-4bca-a65a-3da1ecc777f{n}",
        "occurred_at": f"2026-11-24T10:00:0{n}.123456Z",
        "payload": payload,
    }
    return json.dumps(
        {"data": data, "meta": {"attempt": 1, "delivered_to": "https://example.com/hooks"}}
    ).encode()


def describe(event: WebhookEvent) -> str:
    """One line per event; `match` narrows to each class."""
    match event:
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
    for n, (event_type, payload) in enumerate(SAMPLES):
        webhook = parse_webhook(delivery(n, event_type, payload))
        event = webhook.data
        attempt = webhook.meta.attempt if webhook.meta else None
        when = f"{event.occurred_at:%H:%M:%S.%f}"
        print(f"{when}  {event.event_type:<40} attempt={attempt}  {describe(event)}")


if __name__ == "__main__":
    main()
