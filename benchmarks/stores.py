"""Figures 9 and 9a: a store's cost per event when full, and Redis memory per event.

- 9: `MemoryStore` (its default 100,000 events) takes 1,000,000 distinct
  events (claim, then finish) untimed, so it is full and every new event
  evicts the oldest. Then, round by round, a batch of new events goes to it
  and a batch to an empty store (a fresh one each round, never evicting),
  alternating; the figure is the median over rounds of full against empty,
  per event, in CPU time, with the garbage collector on.
- 9a: a `RedisStore` on a loopback `redis-server` claims and finishes
  10,000 distinct events; `used_memory` before and after, per event, for
  reference (its keys expire with their TTL).
"""

from __future__ import annotations

import itertools
import statistics
import time
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from ._measure import Figure, Target, fmt_seconds
from .router import redis_server

if TYPE_CHECKING:
    from telnyx_gather.stores import Store

__all__ = ["run"]


def _batch(store: Store, keys: Iterator[str], count: int) -> float:
    """CPU seconds per event to claim and finish `count` new events."""
    claim, finish = store.claim, store.finish
    start = time.process_time()
    for _ in range(count):
        key = next(keys)
        finish(key, claim(key).token)
    return (time.process_time() - start) / count


def memory_figure(*, events: int, rounds: int, batch: int) -> Figure:
    """Figure 9: per-event cost of a full `MemoryStore` against an empty one."""
    from telnyx_gather.stores import MemoryStore

    keys = (f"event-{n}" for n in itertools.count())
    capacity = min(100_000, max(1, events // 10))  # the default, unless a smoke run
    full = MemoryStore(max_events=capacity)
    _batch(full, keys, events)
    assert len(full) == full.max_events
    ratios: list[float] = []
    full_times: list[float] = []
    empty_times: list[float] = []
    for round_ in range(rounds):
        pair = [("full", full), ("empty", MemoryStore(max_events=capacity))]
        order = pair[round_ % 2 :] + pair[: round_ % 2]
        spent = {name: _batch(store, keys, batch) for name, store in order}
        ratios.append(spent["full"] / spent["empty"])
        full_times.append(spent["full"])
        empty_times.append(spent["empty"])
    return Figure(
        "9",
        f"MemoryStore per event, full ({events:,} events through it) vs empty",
        statistics.median(ratios),
        Target("<=", 1.5),
        f"full {fmt_seconds(min(full_times))}, empty {fmt_seconds(min(empty_times))}"
        f" per claim + finish (CPU); {rounds} rounds of {batch:,}",
    )


def redis_figure(*, events: int) -> Figure:
    """Figure 9a: Redis `used_memory` per event claimed and finished."""
    from telnyx_gather.stores import RedisStore

    with redis_server() as url:
        store = RedisStore.from_url(url)
        client: Any = store.client
        before = int(client.info("memory")["used_memory"])
        keys = (f"event-{n}" for n in range(events))
        _batch(store, keys, events)
        after = int(client.info("memory")["used_memory"])
        store.close()
    per_event = (after - before) / events
    return Figure(
        "9a",
        "RedisStore memory per finished event (keys expire after done_ttl)",
        per_event,
        None,
        f"used_memory {before:,} -> {after:,} bytes over {events:,} events",
        unit="bytes",
        spec=".0f",
    )


def run(*, events: int, rounds: int, batch: int, redis_events: int) -> list[Figure]:
    """Measure figures 9 and 9a."""
    return [
        memory_figure(events=events, rounds=rounds, batch=batch),
        redis_figure(events=redis_events),
    ]
