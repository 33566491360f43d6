"""One round trip where one suffices: finish marks riding on claims, claims and finishes in batches.

Every test runs against a real `redis-server`, and counts what reached it
through `INFO commandstats` where the number of round trips is the point.
"""

from __future__ import annotations

import asyncio
import gc
import itertools
import time

import pytest
import redis

from telnyx_gather.stores import AsyncRedisStore, Claim, RedisStore, StoreError
from tests.router.redis_server import RedisServer

_prefixes = itertools.count()

NEVER = 3600.0
"""A `write_behind` no test outlasts: only a claim (or `flush`) writes the marks."""


def _prefix() -> str:
    return f"rt{next(_prefixes)}:"


def _scripts_run(client: redis.Redis) -> int:
    """How many script calls (`EVAL` and `EVALSHA`) the server has answered so far."""
    stats = client.info("commandstats")
    return sum(
        int(stats.get(f"cmdstat_{name}", {}).get("calls", 0)) for name in ("eval", "evalsha")
    )


def test_a_finish_mark_rides_on_the_next_claim(redis_server: RedisServer) -> None:
    client, prefix = redis_server.client(), _prefix()
    store = RedisStore(client, prefix=prefix, write_behind=NEVER, check_persistence=False)
    other = RedisStore(client, prefix=prefix, check_persistence=False)

    first = store.claim("ev-a")
    store.finish_soon("ev-a", first.token)
    in_redis_before = client.get(prefix + "ev-a")
    here, elsewhere = store.claim("ev-a"), other.claim("ev-a")
    store.claim("ev-b")  # one round trip: a's mark, then b's claim

    assert in_redis_before == first.token.encode()  # still the lease: nothing written yet
    assert here == Claim("done")  # this store answers from its pending marks
    assert elsewhere.state == "busy"  # another worker waits for the mark
    assert client.get(prefix + "ev-a") == b"done"
    assert other.claim("ev-a") == Claim("done")
    assert 86_000_000 < client.pttl(prefix + "ev-a") <= 86_400_000  # done_ttl, not the lease
    store.close()
    other.close()


def test_a_mark_no_claim_carries_is_written_on_its_own(redis_server: RedisServer) -> None:
    client, prefix = redis_server.client(), _prefix()
    store = RedisStore(client, prefix=prefix, write_behind=0.05, check_persistence=False)
    claim = store.claim("ev-idle")
    store.finish_soon("ev-idle", claim.token)
    for _ in range(1000):  # the flusher's pace is not asserted, only that it comes
        if client.get(prefix + "ev-idle") == b"done":
            break
        time.sleep(0.01)
    assert client.get(prefix + "ev-idle") == b"done"
    store.close()


def test_close_and_flush_write_what_is_pending(redis_server: RedisServer) -> None:
    client, prefix = redis_server.client(), _prefix()
    store = RedisStore(client, prefix=prefix, write_behind=NEVER, check_persistence=False)
    for key in ("ev-f", "ev-c"):
        store.finish_soon(key, store.claim(key).token)
        if key == "ev-f":
            store.flush()
            assert client.get(prefix + key) == b"done"
    assert client.get(prefix + "ev-c") != b"done"
    store.close()
    assert client.get(prefix + "ev-c") == b"done"


def test_write_behind_takes_true_false_or_seconds(redis_server: RedisServer) -> None:
    client = redis_server.client()
    assert RedisStore(client, write_behind=True, check_persistence=False).write_behind is True
    assert RedisStore(client, check_persistence=False).write_behind is False
    with pytest.raises(ValueError, match="write_behind"):
        RedisStore(client, write_behind=-1.0)


def test_claims_and_finishes_asked_for_at_once_share_one_round_trip(
    redis_server: RedisServer,
) -> None:
    client = redis_server.client()

    async def scenario() -> tuple[list[Claim], list[Claim], int, int, int]:
        store = AsyncRedisStore.from_url(
            redis_server.url, prefix=_prefix(), check_persistence=False
        )
        await store.finish("warm-up", (await store.claim("warm-up")).token)  # loads the script
        before = _scripts_run(client)
        keys = [f"ev-{i}" for i in range(32)]
        claims = await asyncio.gather(*(store.claim(key) for key in keys))
        after_claims = _scripts_run(client)
        await asyncio.gather(*(store.finish(k, c.token) for k, c in zip(keys, claims, strict=True)))
        after_finishes = _scripts_run(client)
        again = await asyncio.gather(*(store.claim(key) for key in keys))
        await store.aclose()
        return claims, again, before, after_claims, after_finishes

    claims, again, before, after_claims, after_finishes = asyncio.run(scenario())
    assert [c.state for c in claims] == ["claimed"] * 32
    assert len({c.token for c in claims}) == 32
    assert after_claims - before == 1  # 32 claims, one script call
    assert after_finishes - after_claims == 1  # 32 finishes, one more
    assert again == [Claim("done")] * 32


def test_a_cancelled_claim_leaves_the_rest_of_its_batch_answered(
    redis_server: RedisServer,
) -> None:
    async def scenario() -> tuple[bool, list[str]]:
        store = AsyncRedisStore.from_url(
            redis_server.url, prefix=_prefix(), check_persistence=False
        )
        tasks = [asyncio.ensure_future(store.claim(f"ev-{i}")) for i in range(4)]
        await asyncio.sleep(0)  # every claim is queued for the same round trip
        tasks[1].cancel()
        done = await asyncio.gather(*tasks, return_exceptions=True)
        await store.aclose()
        return tasks[1].cancelled(), [c.state for c in done if isinstance(c, Claim)]

    cancelled, states = asyncio.run(scenario())
    assert cancelled
    assert states == ["claimed"] * 3


def test_an_async_stores_mark_rides_on_its_next_batch_of_claims(
    redis_server: RedisServer,
) -> None:
    client, prefix = redis_server.client(), _prefix()

    async def scenario() -> tuple[bytes | None, Claim, Claim, int, int]:
        store = AsyncRedisStore.from_url(
            redis_server.url, prefix=prefix, write_behind=NEVER, check_persistence=False
        )
        other = AsyncRedisStore.from_url(redis_server.url, prefix=prefix, check_persistence=False)
        await store.claim("warm-up")  # loads the script
        first = await store.claim("ev-a")
        store.finish_soon("ev-a", first.token)
        before = client.get(prefix + "ev-a")
        here, elsewhere = await store.claim("ev-a"), await other.claim("ev-a")
        scripts = _scripts_run(client)
        await asyncio.gather(store.claim("ev-b"), store.claim("ev-c"))  # a's mark goes first
        after = _scripts_run(client)
        await store.aclose()
        await other.aclose()
        return before, here, elsewhere, scripts, after

    before, here, elsewhere, scripts, after = asyncio.run(scenario())
    assert before is not None  # still the lease: nothing written yet
    assert before != b"done"
    assert here == Claim("done")  # this store answers from its pending marks
    assert elsewhere.state == "busy"  # another worker waits for the mark
    assert after - scripts == 1  # the mark and both claims: one script call
    assert client.get(prefix + "ev-a") == b"done"
    assert 86_000_000 < client.pttl(prefix + "ev-a") <= 86_400_000  # done_ttl, not the lease


def test_marks_in_a_batch_cancelled_at_loop_shutdown_wait_for_the_next_round_trip(
    redis_server: RedisServer,
) -> None:
    client, prefix = redis_server.client(), _prefix()
    store = AsyncRedisStore.from_url(
        redis_server.url, prefix=prefix, write_behind=NEVER, check_persistence=False
    )
    marks = store._marks  # pyright: ignore[reportPrivateUsage]

    async def scenario() -> bool:
        store.finish_soon("ev-m", (await store.claim("ev-m")).token)
        taken = marks.taken
        redis_server.pause()
        try:
            claiming = asyncio.ensure_future(store.claim("ev-n"))  # carries ev-m's mark
            for _ in range(2000):
                if marks.taken > taken:
                    break
                await asyncio.sleep(0.005)
            assert marks.taken > taken
            tasks = [task for task in asyncio.all_tasks() if task is not asyncio.current_task()]
            for task in tasks:  # as a loop shutting down cancels what is left
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)
        finally:
            redis_server.resume()
        pending = claiming.cancelled() and "ev-m" in marks  # still answered done from memory
        await store.aclose()  # the next round trip writes it
        return pending

    assert asyncio.run(scenario())
    assert len(marks) == 0
    assert client.get(prefix + "ev-m") == b"done"


def test_an_async_stores_idle_mark_is_written_from_the_loop(redis_server: RedisServer) -> None:
    client, prefix = redis_server.client(), _prefix()

    async def scenario() -> bytes | None:
        store = AsyncRedisStore.from_url(
            redis_server.url, prefix=prefix, write_behind=0.05, check_persistence=False
        )
        store.finish_soon("ev-idle", (await store.claim("ev-idle")).token)
        for _ in range(1000):  # the timer's pace is not asserted, only that it comes
            if client.get(prefix + "ev-idle") == b"done":
                break
            await asyncio.sleep(0.01)
        written = client.get(prefix + "ev-idle")
        await store.aclose()
        return written

    assert asyncio.run(scenario()) == b"done"


def test_an_async_stores_flush_and_aclose_write_what_is_pending(
    redis_server: RedisServer,
) -> None:
    client, prefix = redis_server.client(), _prefix()

    async def scenario() -> tuple[bytes | None, bytes | None]:
        store = AsyncRedisStore.from_url(
            redis_server.url, prefix=prefix, write_behind=NEVER, check_persistence=False
        )
        store.finish_soon("ev-f", (await store.claim("ev-f")).token)
        await store.flush()
        flushed = client.get(prefix + "ev-f")
        store.finish_soon("ev-c", (await store.claim("ev-c")).token)
        pending = client.get(prefix + "ev-c")
        await store.aclose()
        return flushed, pending

    flushed, pending = asyncio.run(scenario())
    assert flushed == b"done"
    assert pending != b"done"
    assert client.get(prefix + "ev-c") == b"done"


def test_an_async_stores_marks_outlive_an_outage() -> None:
    server = RedisServer()

    async def scenario() -> tuple[Claim, bytes | None]:
        store = AsyncRedisStore.from_url(
            server.url,
            write_behind=NEVER,
            check_persistence=False,
            socket_connect_timeout=1,
            socket_timeout=1,
        )
        store.finish_soon("ev-out", (await store.claim("ev-out")).token)
        server.kill()
        with pytest.raises(StoreError):
            await store.claim("ev-during")  # fails, and gives the mark back
        during = await store.claim("ev-out")  # answered from memory: no round trip
        server.start()
        await store.claim("ev-after")
        written = server.client().get("telnyx-gather:event:ev-out")
        await store.aclose()
        return during, written

    try:
        during, written = asyncio.run(scenario())
    finally:
        server.stop()
    assert during == Claim("done")
    assert written == b"done"


def test_an_async_stores_write_behind_takes_true_false_or_seconds(
    redis_server: RedisServer,
) -> None:
    url = redis_server.url
    assert AsyncRedisStore.from_url(url, write_behind=True).write_behind is True
    assert AsyncRedisStore.from_url(url).write_behind is False
    with pytest.raises(ValueError, match="AsyncRedisStore: write_behind"):
        AsyncRedisStore.from_url(url, write_behind=-1.0)


def test_an_async_stores_idle_flush_in_an_outage_keeps_its_marks_and_tells_the_loop_nothing() -> (
    None
):
    server = RedisServer()
    reported: list[dict[str, object]] = []

    async def scenario() -> tuple[Claim, bytes | None]:
        asyncio.get_running_loop().set_exception_handler(
            lambda _, context: reported.append(context)
        )
        store = AsyncRedisStore.from_url(
            server.url,
            write_behind=0.01,
            check_persistence=False,
            socket_connect_timeout=1,
            socket_timeout=1,
        )
        store.finish_soon("ev-idle-out", (await store.claim("ev-idle-out")).token)
        server.kill()
        await asyncio.sleep(0.2)  # several idle flushes fail meanwhile
        gc.collect()  # a flush task's unretrieved error would be reported now
        during = await store.claim("ev-idle-out")  # still pending here
        server.start()
        written = None
        for _ in range(1000):  # the timer's pace is not asserted, only that it comes
            written = server.client().get("telnyx-gather:event:ev-idle-out")
            if written == b"done":
                break
            await asyncio.sleep(0.01)
        await store.aclose()
        return during, written

    try:
        during, written = asyncio.run(scenario())
    finally:
        server.stop()
    assert reported == []
    assert during == Claim("done")
    assert written == b"done"


def test_an_async_stores_aclose_with_redis_gone_raises_nothing() -> None:
    server = RedisServer()

    async def scenario() -> None:
        store = AsyncRedisStore.from_url(
            server.url,
            write_behind=NEVER,
            check_persistence=False,
            socket_connect_timeout=1,
            socket_timeout=1,
        )
        store.finish_soon("ev-gone", (await store.claim("ev-gone")).token)
        server.kill()
        await store.aclose()  # the mark is lost with the store: logged, not raised

    try:
        asyncio.run(scenario())
    finally:
        server.stop()
