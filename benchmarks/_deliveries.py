"""Signed webhook deliveries for the benchmarks: realistic bodies and headers.

Bodies come from the library's own event factories (compact JSON, `data`
plus `meta`, as Telnyx sends them) and are signed by `WebhookSigner` with a
fixed benchmark key.
"""

from __future__ import annotations

import base64

from telnyx_gather import testing
from telnyx_gather.testing import WebhookSigner

__all__ = ["Delivery", "assorted", "benchmark_signer", "gather_ended", "request_headers", "sized"]

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


def _history(turns: int) -> list[dict[str, str]]:
    return [
        {
            "role": "assistant" if i % 2 == 0 else "user",
            "content": f"Turn {i}: could you tell me your account number and date of birth?",
        }
        for i in range(turns)
    ]


def sized(size: int) -> bytes:
    """A `call.ai_gather.message_history_updated` delivery of at most `size` bytes.

    The message history grows until one more turn would pass `size`, so the
    body is as large as it gets and stays realistic.
    """

    def build(turns: int) -> bytes:
        return testing.call_ai_gather_message_history_updated(
            event_id=_event_id(0), occurred_at=OCCURRED_AT, message_history=_history(turns)
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
