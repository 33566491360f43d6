"""An `AsyncRedisStore` under one `asyncio.run` after another, as a serverless handler uses it.

Nothing calls `aclose`: each run's loop ends with the store open, as a
module-level store's does under an `asyncio.run` per event. The store must
write what it holds pending and close that loop's connections while the loop
still runs, then serve the next loop as well as the first, against a real
`redis-server`.
"""

from __future__ import annotations

import asyncio
import gc
import weakref

import redis
import redis.asyncio

from telnyx_gather.stores import AsyncRedisStore
from tests.router.redis_server import RedisServer
from tests.stores.faces import new_key
from tests.stores.test_contract import eventually


def clients(admin: redis.Redis) -> int:
    """How many connections the server of `admin` holds open now (`admin`'s own among them)."""
    return int(admin.info("clients")["connected_clients"])


def test_each_loop_that_ends_writes_its_pending_marks_and_closes_its_connections(
    redis_server: RedisServer, admin: redis.Redis
) -> None:
    # The persistence check goes through redis-py's pool: its connection closes too.
    store = AsyncRedisStore.from_url(redis_server.url, prefix="loop-end:", write_behind=True)
    before = clients(admin)
    loops: list[weakref.ref[asyncio.AbstractEventLoop]] = []

    async def event(key: str) -> None:
        loops.append(weakref.ref(asyncio.get_running_loop()))
        claim = await store.claim(key)
        assert claim.state == "claimed"
        store.finish_soon(key, claim.token)  # then the loop ends at once: the mark is pending

    for _ in range(5):
        key = new_key()
        asyncio.run(event(key))
        assert admin.get(f"loop-end:{key}") == b"done"
        eventually(lambda: clients(admin) == before, "the loop's connections closed")
    gc.collect()
    assert [loop() for loop in loops[1:]] == [None] * 4  # redis-py's parser keeps the first


def test_a_flush_timer_left_on_a_closed_loop_does_not_stop_the_next_loops(
    redis_server: RedisServer,
) -> None:
    # A store on a client of one's own has no last words at a loop's end: its
    # flush timer is left on the closed loop, and the next loop must set its own.
    client = redis.asyncio.Redis.from_url(redis_server.url)
    store = AsyncRedisStore(client, prefix="loop-end:", write_behind=True, check_persistence=False)

    async def event(key: str, wait: float) -> bytes | None:
        claim = await store.claim(key)
        store.finish_soon(key, claim.token)
        await asyncio.sleep(wait)
        written: bytes | None = await client.get(f"loop-end:{key}")
        await client.aclose()
        return written

    assert asyncio.run(event(new_key(), 0)) != b"done"  # the loop ends with the timer set
    assert asyncio.run(event(new_key(), 0.5)) == b"done"  # written by this loop's timer
