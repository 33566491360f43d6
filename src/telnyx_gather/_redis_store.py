"""`RedisStore` and `AsyncRedisStore`: the leases of `telnyx_gather.stores`, in Redis.

Both share everything but the await: the keys, the Lua scripts, how an
answer is read, and the check that the server persists what it is told.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Awaitable, Callable
from contextlib import suppress
from typing import TYPE_CHECKING, Any, TypeVar

from ._claims import FINISHED, Claim
from ._errors import StoreError
from ._pipelining import LoopBatch, LoopFlusher, Marks, ThreadFlusher, flush_every
from ._redis_keys import Keys, claimed, ms, redis_module, split_options

if TYPE_CHECKING:
    import redis
    import redis.asyncio
    import redis.cluster

__all__ = ["AsyncRedisStore", "RedisStore"]

T = TypeVar("T")


class RedisStore(Keys):
    """A store in Redis, shared by every worker of a fleet (the `redis` extra).

    Claims are atomic leases (one Lua script: `GET`, else `SET ... PX`),
    renewals and releases touch only the caller's own lease, and a finished
    event is kept for `done_ttl`. Works with a Redis Cluster client too
    (every call touches one key), and with a Sentinel's `master_for(...)`.

    Args:
        client: A `redis.Redis` (or `redis.cluster.RedisCluster`) client.
            Its socket timeouts bound how long a delivery waits on an
            unreachable Redis.
        prefix: Prepended to every key.
        lease: Seconds a claim lasts unless renewed.
        done_ttl: Seconds a finished event is remembered.
        check_persistence: At first use, read `INFO persistence` and log a
            warning if the server has AOF off (finished events would be
            forgotten on a restart). Turn it off where `INFO` is not allowed.
        write_behind: Let the router mark events done after its answer
            (`finish_soon`), so a delivery costs one round trip, the claim:
            each mark rides on the next claim's round trip, or is written on
            its own once no claim came for this many seconds (`True`: 0.02).
            Until then this store answers `done` for the event from memory,
            while another worker finds it busy and waits `busy_wait` for the
            mark; a mark lost with the process or to an outage lets a
            redelivery run the handler again, with the same command ids.
            Off (`False`, the default), the router's answer waits for the
            mark, and a 2xx always means the mark is in Redis.
    """

    def __init__(
        self,
        client: redis.Redis | redis.cluster.RedisCluster,
        *,
        prefix: str = "telnyx-gather:event:",
        lease: float = 5.0,
        done_ttl: float = 86_400.0,
        check_persistence: bool = True,
        write_behind: bool | float = False,
    ) -> None:
        super().__init__(client, prefix, lease, done_ttl, check_persistence)
        every = flush_every(write_behind, "RedisStore")
        self.write_behind: bool = every > 0
        self.client: redis.Redis | redis.cluster.RedisCluster = client
        self._marks = Marks()
        self._flusher = ThreadFlusher(self._marks, self._write_marks, every)

    @classmethod
    def from_url(cls, url: str, *, cluster: bool = False, **options: Any) -> RedisStore:
        """A store on a new client for `url` (`redis://host:6379/0`, `rediss://...`).

        `prefix`, `lease`, `done_ttl` and `check_persistence` go to the store;
        every other keyword goes to the client's `from_url` (for example
        `socket_timeout`, 5 s unless given). With `cluster=True` the client
        is a `redis.cluster.RedisCluster` on the cluster node at `url`.

        With a plain `redis://`, `rediss://` or `unix://` URL and no option
        but `socket_timeout`, `socket_connect_timeout` and `ssl_ca_certs`,
        the store sends its claims, renewals, releases and finishes itself
        (RESP2 on a few sockets of its own, shared by every thread), and the
        client serves the rest; errors read as the client's would.
        """
        module = redis_module()
        own, options = split_options(options)
        factory = module.cluster.RedisCluster if cluster else module.Redis
        store = cls(factory.from_url(url, **options), **own)
        if not cluster:
            from ._redis_conn import SyncWire
            from ._redis_wire import Address

            address = Address.parse(url, options)
            if address is not None:
                store._speak_directly(SyncWire(address))
        return store

    def claim(self, key: str) -> Claim:
        """Take `key` unless it is held or finished (or its mark is pending here)."""
        if key in self._marks:
            return FINISHED
        if self._check:
            self._check_persistence()
        token = os.urandom(16).hex()
        with self._marks.sending() as marks:  # finish marks ride along, written first
            held = self._run(self._claiming([(key, token)], marks))
        return claimed(held[0], token)

    def renew(self, key: str, token: str) -> bool:
        """Extend the lease on `key` if `token` still holds it."""
        args: list[str | int] = [token, ms(self.lease)]
        return bool(self._run(lambda: self._renew(keys=[self.prefix + key], args=args)))

    def finish(self, key: str, token: str) -> None:
        """Mark `key` finished for `done_ttl` seconds."""
        self._run(lambda: self._set_done(self.prefix + key))

    def release(self, key: str, token: str) -> None:
        """Delete the claim on `key` if `token` still holds it."""
        self._run(lambda: self._release(keys=[self.prefix + key], args=[token]))

    def finish_soon(self, key: str, token: str) -> None:
        """Mark `key` finished after the answer (see `write_behind`); never raises."""
        self._marks.add(key)
        self._flusher.start()

    def flush(self) -> None:
        """Write the pending finish marks now.

        Raises:
            StoreError: Redis cannot be reached; the marks stay pending.
        """
        self._flusher.flush()

    def close(self) -> None:
        """Write the pending finish marks, then close the client's connections."""
        self._flusher.stop()
        with suppress(StoreError):  # logged; the marks are lost with the process
            self._flusher.flush()
        if self._wire is not None:
            self._wire.close()
        self.client.close()

    def _write_marks(self, keys: list[str]) -> None:
        self._run(self._marking(keys))

    def _check_persistence(self) -> None:
        try:
            info: Any = self.client.info("persistence")  # pyright: ignore[reportUnknownMemberType]
        except self._errors as exc:
            self._info_refused(exc)
        else:
            self._persistence_checked(info)

    def _run(self, operation: Callable[[], T]) -> T:
        try:
            return operation()
        except self._errors as exc:
            raise self._failed(exc) from exc


class AsyncRedisStore(Keys):
    """`RedisStore` on redis-py's asyncio client, for `Router.handle_async` and ASGI apps.

    The same keys and scripts as `RedisStore`, so both kinds of worker can
    share one Redis; no call blocks the event loop.

    Args:
        client: A `redis.asyncio.Redis` (or `redis.asyncio.RedisCluster`).
        prefix: Prepended to every key.
        lease: Seconds a claim lasts unless renewed.
        done_ttl: Seconds a finished event is remembered.
        check_persistence: As for `RedisStore`.
        write_behind: As for `RedisStore`: the router's answer does not wait
            for the finish mark, which rides on the next batch of claims, or
            is written from a timer on the event loop once no claim came for
            this many seconds (`True`: 0.02). `aclose` writes what is pending.

    The claims that deliveries on one event loop ask for in the same turn of
    the loop share one round trip, and so do their finishes. Connections
    belong to the event loop that opened them. With a plain URL, `from_url`
    makes a store that closes them when that loop ends under `asyncio.run`
    (or any runner that finishes the loop's async generators), writing its
    pending marks first; otherwise `await store.aclose()` before the loop
    ends.
    """

    def __init__(
        self,
        client: redis.asyncio.Redis | redis.asyncio.RedisCluster,
        *,
        prefix: str = "telnyx-gather:event:",
        lease: float = 5.0,
        done_ttl: float = 86_400.0,
        check_persistence: bool = True,
        write_behind: bool | float = False,
    ) -> None:
        super().__init__(client, prefix, lease, done_ttl, check_persistence)
        every = flush_every(write_behind, "AsyncRedisStore")
        self.write_behind: bool = every > 0
        self.client: redis.asyncio.Redis | redis.asyncio.RedisCluster = client
        self._marks = Marks()
        self._flusher = LoopFlusher(self._marks, self._write_marks, every)
        self._claims: LoopBatch[tuple[str, str], object] = LoopBatch(self._claim_batch)
        self._finishes: LoopBatch[str, None] = LoopBatch(self._finish_batch)

    @classmethod
    def from_url(cls, url: str, *, cluster: bool = False, **options: Any) -> AsyncRedisStore:
        """A store on a new asyncio client for `url`; the keywords as for `RedisStore.from_url`.

        The client's connections come from a `BlockingConnectionPool`
        (`max_connections`, 100 unless given): a burst of deliveries beyond it
        waits for a free connection (up to `timeout`, 5 s unless given)
        rather than failing. With a plain URL, as for `RedisStore.from_url`,
        the store's hot calls go on one pipelined connection of its own per
        event loop instead.
        """
        module = redis_module()
        own, options = split_options(options)
        if cluster:
            return cls(module.asyncio.RedisCluster.from_url(url, **options), **own)
        options.setdefault("max_connections", 100)
        options.setdefault("timeout", 5.0)
        pool = module.asyncio.BlockingConnectionPool.from_url(url, **options)
        store = cls(module.asyncio.Redis.from_pool(pool), **own)
        from ._redis_aio import AsyncWire
        from ._redis_wire import Address

        # One pipelined connection per loop: the pool's bounds do not apply to it.
        pooled = {"max_connections", "timeout"}
        address = Address.parse(url, {k: v for k, v in options.items() if k not in pooled})
        if address is not None:
            wire = AsyncWire(address)
            wire.last_words = functools.partial(store._last_words, pool)
            store._speak_directly(wire)
        return store

    async def claim(self, key: str) -> Claim:
        """Take `key` unless it is held or finished (or its mark is pending here)."""
        if key in self._marks:
            return FINISHED
        if self._check:
            await self._check_persistence()
        token = os.urandom(16).hex()
        return claimed(await self._claims((key, token)), token)

    async def renew(self, key: str, token: str) -> bool:
        """Extend the lease on `key` if `token` still holds it."""
        args: list[str | int] = [token, ms(self.lease)]
        return bool(await self._run(lambda: self._renew(keys=[self.prefix + key], args=args)))

    async def finish(self, key: str, token: str) -> None:
        """Mark `key` finished for `done_ttl` seconds (with the others asked for at once)."""
        await self._finishes(key)

    async def release(self, key: str, token: str) -> None:
        """Delete the claim on `key` if `token` still holds it."""
        await self._run(lambda: self._release(keys=[self.prefix + key], args=[token]))

    def finish_soon(self, key: str, token: str) -> None:
        """Mark `key` finished after the answer (see `write_behind`); never raises."""
        self._marks.add(key)
        self._flusher.start()

    async def flush(self) -> None:
        """Write the pending finish marks now.

        Raises:
            StoreError: Redis cannot be reached; the marks stay pending.
        """
        await self._flusher.flush()

    async def aclose(self) -> None:
        """Write the pending finish marks, then close the client's connections."""
        self._flusher.stop()
        with suppress(StoreError):  # logged; the marks are lost with the process
            await self._flusher.flush()
        if self._wire is not None:
            await self._wire.aclose()
        await self.client.aclose()

    async def _last_words(self, pool: Any) -> None:
        """An event loop is ending: pending marks are written, and `pool` lets go of it.

        `pool` is the client's (made by `from_url`): its connections opened on
        this loop are closed; a later call on another loop opens new ones.
        """
        self._flusher.stop_here()
        with suppress(StoreError):  # logged; they go with the next round trip
            await self._flusher.flush()
        with suppress(*self._errors, OSError):
            await pool.disconnect()

    async def _claim_batch(self, claims: list[tuple[str, str]]) -> list[object]:
        with self._marks.sending() as marks:  # finish marks ride along, written first
            answers: list[object] = await self._run(self._claiming(claims, marks))
        return answers

    async def _write_marks(self, keys: list[str]) -> None:
        await self._run(self._marking(keys))

    async def _finish_batch(self, keys: list[str]) -> list[None]:
        await self._run(self._marking(keys))
        return [None] * len(keys)

    async def _check_persistence(self) -> None:
        try:
            info: Any = await self.client.info("persistence")  # pyright: ignore[reportUnknownMemberType]
        except self._errors as exc:
            self._info_refused(exc)
        else:
            self._persistence_checked(info)

    async def _run(self, operation: Callable[[], Awaitable[T]]) -> T:
        try:
            return await operation()
        except self._errors as exc:
            raise self._failed(exc) from exc
