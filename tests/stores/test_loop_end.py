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
import logging
import weakref

import pytest
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


def test_a_loop_that_ends_in_an_outage_ends_quietly_and_its_marks_wait_for_the_next(
    caplog: pytest.LogCaptureFixture,
) -> None:
    server = RedisServer()
    try:
        store = AsyncRedisStore.from_url(
            server.url, prefix="loop-end:", write_behind=True, check_persistence=False
        )
        first, second = new_key(), new_key()

        async def event(key: str, then_down: bool) -> str:
            claim = await store.claim(key)
            store.finish_soon(key, claim.token)
            if then_down:
                server.kill()  # the loop's end finds Redis gone: its connection, and a new one
            return claim.state

        with caplog.at_level(logging.WARNING):
            assert asyncio.run(event(first, then_down=True)) == "claimed"
        logged = [(r.name, r.getMessage()) for r in caplog.records]
        server.start()
        assert asyncio.run(event(second, then_down=False)) == "claimed"  # the mark rides on it
        admin = server.client()
        written = [admin.get(f"loop-end:{key}") for key in (first, second)]
        admin.close()
    finally:
        server.stop()
    assert logged == [  # the store's own warning, and nothing from the loop
        (
            "telnyx_gather.stores",
            "could not write 1 finish mark(s) to the store (Redis is unavailable "
            "(ConnectionError)); they go with the next round trip",
        )
    ]
    assert written == [b"done", b"done"]
