"""Signed webhook deliveries for the benchmarks: realistic bodies and headers.

Bodies come from the library's own event factories (compact JSON, `data`
plus `meta`, as Telnyx sends them) and are signed by `WebhookSigner` with a
fixed benchmark key.
"""

from __future__ import annotations

import base64
from itertools import cycle, islice

from telnyx_gather import testing
from telnyx_gather.testing import WebhookSigner

__all__ = [
    "HISTORY_EVENTS",
    "Delivery",
    "assorted",
    "benchmark_signer",
    "gather_ended",
    "history",
    "request_headers",
    "sized",
]

SEED = b"telnyx-gather benchmark key 0001"
OCCURRED_AT = "2026-11-24T10:15:02.123456Z"
CLIENT_STATE = "eyJzdGVwIjoibWVudSJ9"


def benchmark_signer() -> WebhookSigner:
    """The benchmark's signer: a fixed key, so runs are comparable."""
    return WebhookSigner(SEED)


class Delivery:
    """One signed delivery: the body, every request header, and the parts the floor needs."""

    def __init__(self, signer: WebhookSigner, body: bytes, *, timestamp: int | None = None) -> None:
        signed = signer.sign(body, timestamp=timestamp)
        self.body = body
        self.headers = request_headers(body, signed)
        self.timestamp = signed["telnyx-timestamp"].encode("ascii")
        self.signature = base64.b64decode(signed["telnyx-signature-ed25519"])


def request_headers(body: bytes, signed: dict[str, str]) -> dict[str, str]:
    """The headers of a webhook request as a framework hands them over (lower-case names)."""
    return {
        "host": "hooks.example.com",
        "user-agent": "telnyx-webhooks",
        "content-type": "application/json",
        "content-length": str(len(body)),
        "accept": "*/*",
        "accept-encoding": "gzip",
        "x-forwarded-for": "192.0.2.10",
        "x-forwarded-proto": "https",
        **signed,
    }


def _event_id(index: int) -> str:
    return f"0ccc7b54-4df3-4bca-a65a-{index:012d}"


def gather_ended(index: int = 0) -> bytes:
    """A `call.gather.ended` delivery, as most gather webhooks look (about 600 bytes)."""
    return testing.call_gather_ended(
        event_id=_event_id(index), occurred_at=OCCURRED_AT, client_state=CLIENT_STATE
    )


_TURNS = [
    (
        "assistant",
        "Hello! Thanks for calling Northwind Bank. I can check a balance, block a lost card or"
        " set up a payment. What would you like to do today?",
    ),
    ("user", "Hi, um, I think I lost my debit card yesterday. I'd like to block it, please."),
    (
        "assistant",
        "I'm sorry to hear that. Before I block the card I need to confirm who you are."
        " Could you tell me your full name and your date of birth?",
    ),
    ("user", "Sure, it's María José O'Connor, born March 3rd, 1984."),
    ("assistant", "Thank you, María. And the last four digits of the card, if you have them?"),
    (
        "user",
        "It ends in 4 4 1 7. Actually wait, it might be 4471. Let me check the app... yes, 4471.",
    ),
    (
        "assistant",
        'Noted: {"full_name": "María José O\'Connor", "date_of_birth": "1984-03-03",'
        ' "card_last_four": "4471"}. I have placed a temporary block on the card ending 4471.',
    ),
    ("user", "Great. Can you send a new one to my home address? It's 12 Harbour Road, Cork."),
    (
        "assistant",
        "Of course. A replacement usually arrives within 5 to 7 business days, and the old"
        " card stays blocked. Is there anything else I can help you with?",
    ),
    ("user", "No, that's all. Thanks a lot — bye!"),
]
RESULT = {
    "full_name": "María José O'Connor",
    "date_of_birth": "1984-03-03",
    "card_last_four": "4471",
}
HISTORY_EVENTS = ("call.ai_gather.ended", "call.ai_gather.message_history_updated")


def history(turns: int) -> list[dict[str, str]]:
    """A realistic AI-gather conversation of `turns` messages (a support call, repeated)."""
    return [{"role": role, "content": text} for role, text in islice(cycle(_TURNS), turns)]


def sized(size: int, event_type: str = "call.ai_gather.ended") -> bytes:
    """An AI-gather delivery with a long message history, of at most `size` bytes.

    `event_type` is `call.ai_gather.ended` (the history plus the `result`) or
    `call.ai_gather.message_history_updated`. The history grows until one
    more message would pass `size`, so the body is as large as it gets and
    stays realistic.
    """
    if event_type not in HISTORY_EVENTS:
        raise ValueError(f"not an AI-gather event with a history: {event_type}")

    def build(turns: int) -> bytes:
        if event_type == "call.ai_gather.ended":
            return testing.call_ai_gather_ended(
                event_id=_event_id(0),
                occurred_at=OCCURRED_AT,
                client_state=CLIENT_STATE,
                message_history=history(turns),
                result=RESULT,
            )
        return testing.call_ai_gather_message_history_updated(
            event_id=_event_id(0),
            occurred_at=OCCURRED_AT,
            client_state=CLIENT_STATE,
            message_history=history(turns),
        )

    low, high = 0, 1
    while len(build(high)) <= size:
        low, high = high, high * 2
    while high - low > 1:
        mid = (low + high) // 2
        low, high = (mid, high) if len(build(mid)) <= size else (low, mid)
    return build(low)


def assorted(count: int) -> list[bytes]:
    """`count` distinct deliveries cycling through the eight event types and an unknown one."""
    factories: list[testing.EventFactory] = [
        testing.call_gather_ended,
        testing.call_dtmf_received,
        testing.call_playback_started,
        testing.call_playback_ended,
        testing.call_ai_gather_ended,
        testing.call_ai_gather_message_history_updated,
        testing.call_ai_gather_partial_results,
        testing.call_conversation_ended,
    ]
    bodies: list[bytes] = []
    for i in range(count):
        if i % (len(factories) + 1) == len(factories):
            payload = {"call_control_id": "v3:x", "from": "+15550100"}
            bodies.append(testing.webhook_body("call.bridged", payload, event_id=_event_id(i)))
        else:
            factory = factories[i % (len(factories) + 1)]
            bodies.append(factory(event_id=_event_id(i), occurred_at=OCCURRED_AT))
    return bodies
