"""Figure 5: unwrap on large AI-gather bodies, how its cost grows, and memory over many unwraps.

- Large bodies: `WebhookVerifier.unwrap` against the floor (libsodium verify
  plus `json.loads`) on AI-gather deliveries carrying a long, realistic
  message history: a 1 KiB `call.ai_gather.message_history_updated`, and
  64 KiB and 1 MiB (the default `max_body_bytes`) `call.ai_gather.ended`.
- Linearity: from 64 KiB to 1 MiB the body grows 16 times. Once the body and
  what is built from it outgrow the CPU caches, even the floor (SHA-512 in
  the signature check, and `json.loads`) costs more per KiB, so the cost per
  KiB is compared with the floor's own growth on the same bodies. Linear
  means ours grows at most 1.1 times as much as the floor's; anything
  worse than linear would grow far more (a quadratic step would be 16x).
- Memory: a fresh process unwraps distinct signed deliveries of assorted
  event types and reports its resident set size as it goes. Flat means it
  grows by at most 1 MiB from the first checkpoint (after a warm-up tenth)
  to the last.

The garbage collector stays on, as in a real process: a large history makes
thousands of objects per body, and collecting them is part of the cost. So
the heap matters too: the sizes are timed in a fresh process holding what a
webhook receiver holds (`benchmarks._sizes`), and the 1 MiB pair once more
in a process that has also imported the `telnyx` SDK (figure 5f, for
reference). Both sides are timed in CPU time, which a busy machine's
preemption does not inflate.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

from ._measure import (
    Figure,
    Target,
    child_env,
    fmt_bytes,
    fmt_seconds,
    paired_ratio,
)
from ._sizes import SIZES

__all__ = ["SIZES", "TARGETS", "memory_profile", "run"]

TARGETS = {"1 KiB": Target("<=", 1.25), "64 KiB": Target("<=", 1.3), "1 MiB": Target("<=", 1.3)}
ROOT = Path(__file__).resolve().parents[1]


def _child(rounds: int, batch_seconds: float, labels: list[str], *flags: str) -> Any:
    argv = [sys.executable, "-m", "benchmarks._sizes", str(rounds), str(batch_seconds), *labels]
    out = subprocess.run(
        [*argv, *flags], cwd=ROOT, env=child_env(), capture_output=True, text=True, check=True
    ).stdout
    return json.loads(out)


def per_kib(*, rounds: int, batch_seconds: float) -> list[Figure]:
    """Unwrap against the floor at each size, interleaved; then the growth per KiB.

    Timed in CPU time in a fresh receiver process (`benchmarks._sizes`); the
    1 MiB pair again in a process that has also imported the `telnyx` SDK.
    """
    run = _child(rounds, batch_seconds, list(SIZES))
    times: dict[str, list[float]] = run["times"]
    lengths: dict[str, int] = run["lengths"]
    figures = [
        Figure(
            f"5{letter}",
            f"unwrap vs floor, {label} {SIZES[label][1]} ({lengths[label]:,} bytes)",
            paired_ratio(times, f"ours {label}", f"floor {label}"),
            TARGETS[label],
            f"ours {fmt_seconds(min(times[f'ours {label}']))}, "
            f"floor {fmt_seconds(min(times[f'floor {label}']))} (CPU); "
            f"{run['objects']:,} objects on the heap",
        )
        for letter, label in zip("abc", SIZES, strict=True)
    ]

    def growth(who: str) -> float:
        ratio = paired_ratio(times, f"{who} 1 MiB", f"{who} 64 KiB")
        return ratio * lengths["64 KiB"] / lengths["1 MiB"]

    ours, floor = growth("ours"), growth("floor")
    figures.append(
        Figure(
            "5d",
            "linearity: per-KiB growth 64 KiB -> 1 MiB, ours vs floor's",
            ours / floor,
            Target("<=", 1.1),
            f"per KiB, 1 MiB costs {ours:.2f}x what 64 KiB does (floor {floor:.2f}x)",
        )
    )
    sdk = _child(rounds, batch_seconds, ["1 MiB"], "--with-sdk")
    figures.append(
        Figure(
            "5f",
            "unwrap vs floor, 1 MiB, in a process that also imported the telnyx SDK",
            paired_ratio(sdk["times"], "ours 1 MiB", "floor 1 MiB"),
            None,
            f"ours {fmt_seconds(min(sdk['times']['ours 1 MiB']))}, "
            f"floor {fmt_seconds(min(sdk['times']['floor 1 MiB']))} (CPU); "
            f"{sdk['objects']:,} objects on the heap",
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
