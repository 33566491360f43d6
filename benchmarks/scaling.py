"""Figure 5: unwrap on large AI-gather bodies, how its cost grows, and memory over many unwraps.

- Large bodies: `WebhookVerifier.unwrap` against the floor (libsodium verify
  plus `json.loads`) on AI-gather deliveries carrying a long, realistic
  message history: a 1 KiB `call.ai_gather.message_history_updated`, and
  64 KiB and 1 MiB (the default `max_body_bytes`) `call.ai_gather.ended`.
- Linearity: from 64 KiB to 1 MiB the body grows 16 times. Once the body and
  what is built from it outgrow the CPU caches, even the floor (SHA-512 in
  the signature check, and `json.loads`) costs more per KiB, so the cost per
  KiB is compared with the floor's own growth on the same bodies. Linear
  means ours grows at most 1.25 times as much as the floor's; anything
  worse than linear would grow far more (a quadratic step would be 16x).
- Memory: a fresh process unwraps distinct signed deliveries of assorted
  event types and reports its resident set size as it goes. Flat means it
  grows by at most 1 MiB from the first checkpoint (after a warm-up tenth)
  to the last.

The garbage collector stays on, as in a real process: a large history makes
thousands of objects per body, and collecting them is part of the cost.
"""

from __future__ import annotations

import base64
import json
import subprocess
import sys
from collections.abc import Callable
from functools import partial
from pathlib import Path

from nacl.signing import VerifyKey

from ._deliveries import Delivery, benchmark_signer, sized
from ._measure import (
    Figure,
    Target,
    child_env,
    fmt_bytes,
    fmt_seconds,
    interleave,
    paired_ratio,
)
from .hot_path import floor_unwrap

__all__ = ["SIZES", "memory_profile", "run"]

SIZES = {
    "1 KiB": (1 << 10, "call.ai_gather.message_history_updated", Target("<=", 1.25)),
    "64 KiB": (64 << 10, "call.ai_gather.ended", Target("<=", 1.6)),
    "1 MiB": (1 << 20, "call.ai_gather.ended", Target("<=", 1.6)),
}
ROOT = Path(__file__).resolve().parents[1]


def per_kib(*, rounds: int, batch_seconds: float) -> list[Figure]:
    """Unwrap against the floor at each size, interleaved; then the growth per KiB."""
    from telnyx_gather import WebhookVerifier

    signer = benchmark_signer()
    verifier = WebhookVerifier(signer.public_key)
    key = VerifyKey(base64.b64decode(signer.public_key))
    variants: dict[str, Callable[[], object]] = {}
    deliveries = {
        label: Delivery(signer, sized(size, event_type))
        for label, (size, event_type, _) in SIZES.items()
    }
    for label, d in deliveries.items():
        variants[f"ours {label}"] = partial(verifier.unwrap, d.body, d.headers)
        variants[f"floor {label}"] = floor_unwrap(key, d)
    times = interleave(variants, rounds=rounds, batch_seconds=batch_seconds)
    cost = {
        name: min(samples) / (len(deliveries[name.split(" ", 1)[1]].body) / 1024)
        for name, samples in times.items()
    }
    figures = [
        Figure(
            f"5{letter}",
            f"unwrap vs floor, {label} {SIZES[label][1]} ({len(d.body):,} bytes)",
            paired_ratio(times, f"ours {label}", f"floor {label}"),
            SIZES[label][2],
            f"ours {fmt_seconds(min(times[f'ours {label}']))}, "
            f"floor {fmt_seconds(min(times[f'floor {label}']))}; "
            f"ours {fmt_seconds(cost[f'ours {label}'])}/KiB",
        )
        for letter, (label, d) in zip("abc", deliveries.items(), strict=True)
    ]

    def growth(who: str) -> float:
        small, large = deliveries["64 KiB"].body, deliveries["1 MiB"].body
        ratio = paired_ratio(times, f"{who} 1 MiB", f"{who} 64 KiB")
        return ratio * len(small) / len(large)

    ours, floor = growth("ours"), growth("floor")
    figures.append(
        Figure(
            "5d",
            "linearity: per-KiB growth 64 KiB -> 1 MiB, ours vs floor's",
            ours / floor,
            Target("<=", 1.25),
            f"per KiB, 1 MiB costs {ours:.2f}x what 64 KiB does (floor {floor:.2f}x)",
        )
    )
    return figures


def memory_profile(count: int) -> list[tuple[int, int]]:
    """Run `count` unwraps in a fresh process; return `(unwraps done, RSS bytes)` checkpoints."""
    out = subprocess.run(
        [sys.executable, "-m", "benchmarks._memory", str(count)],
        cwd=ROOT,
        env=child_env(),
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return [(done, rss) for done, rss in json.loads(out)]


def run(*, rounds: int, batch_seconds: float, unwraps: int) -> list[Figure]:
    """Measure figure 5: unwrap vs floor at three sizes, linearity, and RSS over `unwraps`."""
    figures = per_kib(rounds=rounds, batch_seconds=batch_seconds)
    checkpoints = memory_profile(unwraps)
    (first_n, first), (last_n, last) = checkpoints[0], checkpoints[-1]
    figures.append(
        Figure(
            "5e",
            f"RSS growth over {unwraps:,} unwraps",
            (last - first) / (1 << 20),
            Target("<=", 1, " MiB"),
            f"{fmt_bytes(first)} after {first_n:,}, {fmt_bytes(last)} after {last_n:,}; "
            f"peak {fmt_bytes(max(rss for _, rss in checkpoints))}",
            unit="MiB",
            spec="+.2f",
        )
    )
    return figures
