"""Figure 4b's variants: `AsyncHttpSender.send` and the least code that sends the same command.

Both send a `Hangup` (a fresh `command_id` each time, serialized the same
way) to the loopback API over one kept-alive connection and read the answer:

- sender: `AsyncHttpSender.send`, which also bounds the pool, arms a
  timeout, parses every header and validates the answer into a `CommandResult`;
- floor: the request written by hand on an asyncio stream, the answer's
  head read up to the blank line and its `Content-Length` body read.

Each timed call runs `BATCH` sends on one event loop, so the loop's own
entry cost is spread thin; the clock is this process's CPU time.

Figure 4c (`by_concurrency`) is the same sender's CPU time per send with
128 sends in flight against one at a time, rounds alternating.
"""

from __future__ import annotations

import asyncio
import statistics
import time
from collections.abc import Callable, Coroutine
from typing import Any

from telnyx_gather import AsyncHttpSender
from telnyx_gather.client._wire import json_body
from telnyx_gather.commands import Hangup

from ._measure import interleave

__all__ = ["BATCH", "by_concurrency", "sender_vs_floor"]

BATCH = 20
CALL = "v3:MdI91X4lWFEs7IgbBEOT9M4AigoY08M0WWZFISt1Yw2axZ_IiE4pqg"


def sender_vs_floor(base_url: str, *, rounds: int, batch_seconds: float) -> dict[str, list[float]]:
    """CPU seconds per command of each variant, per round (see `interleave`)."""
    loop = asyncio.new_event_loop()
    try:
        sender = AsyncHttpSender("benchmark", base_url=base_url, max_retries=0)
        host, port = base_url.split("//", 1)[1].split("/", 1)[0].split(":")
        reader, writer = loop.run_until_complete(asyncio.open_connection(host, int(port)))
        first = f"POST /v2/calls/{CALL}/actions/hangup HTTP/1.1\r\nHost: {host}\r\n".encode()
        fixed = first + b"Authorization: Bearer benchmark\r\nContent-Type: application/json\r\n"

        async def by_hand() -> None:
            for _ in range(BATCH):
                body = json_body(Hangup())
                writer.write(b"%sContent-Length: %d\r\n\r\n%s" % (fixed, len(body), body))
                head = await reader.readuntil(b"\r\n\r\n")
                length = head.lower().split(b"content-length:", 1)[1].split(b"\r\n", 1)[0]
                await reader.readexactly(int(length))

        async def send() -> None:
            for _ in range(BATCH):
                await sender.send(CALL, Hangup())

        def batch(work: Callable[[], Coroutine[Any, Any, None]]) -> Callable[[], object]:
            return lambda: loop.run_until_complete(work())

        times = interleave(
            {"sender": batch(send), "floor": batch(by_hand)},
            rounds=rounds,
            batch_seconds=batch_seconds,
            clock=time.process_time,
        )
        writer.close()
        loop.run_until_complete(sender.aclose())
    finally:
        loop.close()
    return {name: [t / BATCH for t in samples] for name, samples in times.items()}


def by_concurrency(base_url: str, *, rounds: int, sends: int) -> tuple[float, float, float]:
    """CPU per send at 128 in flight and at 1 (the medians), and the median per-round ratio."""

    async def measure() -> list[tuple[float, float]]:
        sender = AsyncHttpSender("benchmark", base_url=base_url, max_retries=0, max_connections=16)
        pairs: list[tuple[float, float]] = []
        try:
            await run(sender, 128, sends)  # unmeasured: opens the pool's connections
            for _ in range(rounds):
                pairs.append((await run(sender, 128, sends), await run(sender, 1, sends)))
        finally:
            await sender.aclose()
        return pairs

    pairs = asyncio.run(measure())
    return (
        statistics.median(wide for wide, _ in pairs),
        statistics.median(one for _, one in pairs),
        statistics.median(wide / one for wide, one in pairs),
    )


async def run(sender: AsyncHttpSender, in_flight: int, sends: int) -> float:
    """CPU seconds per send for `sends` sends, `in_flight` at a time."""
    left = iter(range(sends))

    async def worker() -> None:
        for _ in left:
            await sender.send(CALL, Hangup())

    started = time.process_time()
    await asyncio.gather(*(worker() for _ in range(in_flight)))
    return (time.process_time() - started) / sends
