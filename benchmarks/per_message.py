"""The per-message cost of a large AI-gather body: parse against `json.loads`, GC on and off.

Run as `python -m benchmarks.per_message` (a profile for the notes, not a
figure of the report). On the 1 MiB `call.ai_gather.ended` of figure 5 it
prints, per message of the history, the CPU time of `parse_webhook` and of
`json.loads` with the garbage collector on and off, and how many objects the
collector tracks per message once the parsed event is held.
"""

from __future__ import annotations

import gc
import json
import sys
import time
from collections.abc import Callable

from ._deliveries import sized

__all__ = ["main", "tracked_per_message"]


def _cpu(fn: Callable[[], object], repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.process_time()
        for _ in range(5):
            fn()
        best = min(best, (time.process_time() - start) / 5)
    return best


def tracked_per_message(parse: Callable[[], object], messages: int) -> float:
    """How many more objects the collector tracks while one parse result is held."""
    gc.collect()
    before = len(gc.get_objects())
    held = parse()
    after = len(gc.get_objects())
    del held
    return (after - before) / messages


def main(repeat: int = 7) -> None:
    """Print the per-message profile of the 1 MiB body."""
    from telnyx_gather import parse_webhook

    body = sized(1 << 20)
    messages = len(json.loads(body)["data"]["payload"]["message_history"])
    parse_webhook(body)
    print(f"1 MiB call.ai_gather.ended: {len(body):,} bytes, {messages:,} messages")
    for gc_on in (True, False):
        (gc.enable if gc_on else gc.disable)()
        ours = _cpu(lambda: parse_webhook(body), repeat)
        floor = _cpu(lambda: json.loads(body), repeat)
        print(
            f"GC {'on ' if gc_on else 'off'}: parse_webhook {ours * 1e9 / messages:6.0f} ns,"
            f" json.loads {floor * 1e9 / messages:6.0f} ns per message ({ours / floor:.2f}x)"
        )
    gc.enable()
    ours_tracked = tracked_per_message(lambda: parse_webhook(body), messages)
    floor_tracked = tracked_per_message(lambda: json.loads(body), messages)
    print(
        f"tracked objects per message: parse_webhook {ours_tracked:.2f},"
        f" json.loads {floor_tracked:.2f}"
    )
    sys.stdout.flush()


if __name__ == "__main__":
    main()
