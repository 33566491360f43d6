"""Figures 1 and 2: the per-event cost of `WebhookVerifier.unwrap`.

Three variants take the same signed delivery, interleaved round by round:

- floor: PyNaCl (libsodium) verifies `timestamp|body` against the
  pre-decoded signature, then `json.loads` parses the same bytes. Nothing
  less can check a Telnyx webhook in Python.
- ours: `WebhookVerifier.unwrap(body, headers)`: header lookup, strict
  header checks, timestamp tolerance, signature, and a validated typed event.
- sdk: the official SDK's `client.webhooks.unwrap(body, headers=headers)`.
"""

from __future__ import annotations

import base64
import json
import time
from collections.abc import Callable

from nacl.signing import VerifyKey

from ._deliveries import Delivery, benchmark_signer, gather_ended
from ._measure import Figure, Target, fmt_seconds, interleave, paired_ratio

__all__ = ["floor_unwrap", "run"]


def floor_unwrap(key: VerifyKey, delivery: Delivery) -> Callable[[], object]:
    """The floor: libsodium verify plus `json.loads`, on the same bytes as ours."""
    body, signed, signature = delivery.body, delivery.timestamp + b"|", delivery.signature

    def floor() -> object:
        key.verify(signed + body, signature)
        return json.loads(body)

    return floor


def run(*, rounds: int, batch_seconds: float) -> list[Figure]:
    """Measure figures 1 and 2, plus the parse step on its own for reference."""
    import telnyx

    from telnyx_gather import WebhookVerifier, parse_event

    signer = benchmark_signer()
    delivery = Delivery(signer, gather_ended())
    body, headers = delivery.body, delivery.headers
    key = VerifyKey(base64.b64decode(signer.public_key))
    verifier = WebhookVerifier(signer.public_key)
    client = telnyx.Telnyx(api_key="benchmark", public_key=signer.public_key)
    assert verifier.unwrap(body, headers).event_type == "call.gather.ended"

    times = interleave(
        {
            "floor": floor_unwrap(key, delivery),
            "ours": lambda: verifier.unwrap(body, headers),
            "sdk": lambda: client.webhooks.unwrap(body.decode(), headers=headers),
            "json.loads": lambda: json.loads(body),
            "parse_event": lambda: parse_event(body),
        },
        rounds=rounds,
        batch_seconds=batch_seconds,
        clock=time.process_time,
    )
    best = {name: min(samples) for name, samples in times.items()}
    size = f"{len(body)}-byte call.gather.ended"
    return [
        Figure(
            "1",
            "unwrap per event vs floor (verify + json.loads)",
            paired_ratio(times, "ours", "floor"),
            Target("<=", 1.25),
            f"ours {fmt_seconds(best['ours'])}, floor {fmt_seconds(best['floor'])}; {size}",
        ),
        Figure(
            "2",
            "SDK client.webhooks.unwrap vs ours",
            paired_ratio(times, "sdk", "ours"),
            Target(">=", 4),
            f"sdk {fmt_seconds(best['sdk'])}, ours {fmt_seconds(best['ours'])}",
        ),
        Figure(
            "1a",
            "parse_event vs json.loads (parse step alone)",
            paired_ratio(times, "parse_event", "json.loads"),
            None,
            f"parse_event {fmt_seconds(best['parse_event'])}, "
            f"json.loads {fmt_seconds(best['json.loads'])}",
        ),
    ]
