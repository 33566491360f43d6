"""The stores the contract suite runs against, each behind one synchronous face.

To put a new store through the whole contract, add a `Kind` to `KINDS` (and
to `CLOCKED` or `BOUNDED` if it takes a clock or a size bound); its `server`
names the session fixture whose server its `open` receives. An async
store is driven through `AsyncFace`, which runs its coroutines on an event
loop of its own thread, so the thread races of the suite apply to it too.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable, Coroutine, Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from typing import Any, TypeVar

import redis.asyncio

from telnyx_gather.dynamodb import AsyncDynamoDBStore, DynamoDBStore
from telnyx_gather.stores import AsyncRedisStore, AsyncStore, Claim, MemoryStore, RedisStore, Store
from tests.router.redis_server import RedisServer
from tests.stores.dynalite_server import DynaliteServer

T = TypeVar("T")


class AsyncFace:
    """An `AsyncStore` seen as a `Store`: each call runs on the face's own loop."""

    def __init__(self, make: Callable[[], AsyncStore]) -> None:
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)
        self._thread.start()
        self.store = self.run(self._build(make))

    @staticmethod
    async def _build(make: Callable[[], AsyncStore]) -> AsyncStore:
        return make()

    def run(self, coro: Coroutine[Any, Any, T]) -> T:
        return asyncio.run_coroutine_threadsafe(coro, self._loop).result(timeout=30)

    @property
    def lease(self) -> float:
        return self.store.lease

    def claim(self, key: str) -> Claim:
        return self.run(self.store.claim(key))

    def renew(self, key: str, token: str) -> bool:
        return self.run(self.store.renew(key, token))

    def finish(self, key: str, token: str) -> None:
        self.run(self.store.finish(key, token))

    def release(self, key: str, token: str) -> None:
        self.run(self.store.release(key, token))

    def close(self, closing: Callable[[AsyncStore], Coroutine[Any, Any, None]]) -> None:
        self.run(closing(self.store))
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(timeout=10)
        self._loop.close()


Factory = Callable[..., Store]
"""Builds a store with the settings given (`lease`, `done_ttl`, and, where the
kind supports it, `clock` or `max_events`)."""


@dataclass(frozen=True)
class Kind:
    """A kind of store: its name and how to open a factory of fresh, empty ones."""

    name: str
    open: Callable[[Any], AbstractContextManager[Factory]]
    server: str = "redis_server"


@contextmanager
def _memory(_: RedisServer) -> Iterator[Factory]:
    yield lambda **settings: MemoryStore(**settings)


@contextmanager
def _redis(server: RedisServer) -> Iterator[Factory]:
    client = server.client()
    client.flushdb()
    try:
        yield lambda **settings: RedisStore(client, check_persistence=False, **settings)
    finally:
        client.close()


@contextmanager
def _redis_direct(server: RedisServer) -> Iterator[Factory]:
    """Stores built by `from_url`: they speak RESP on their own connections."""
    server.client().flushdb()
    stores: list[RedisStore] = []

    def make(**settings: Any) -> Store:
        store = RedisStore.from_url(server.url, check_persistence=False, **settings)
        assert store._wire is not None  # pyright: ignore[reportPrivateUsage]
        stores.append(store)
        return store

    try:
        yield make
    finally:
        for store in stores:
            store.close()


async def _aclose(store: AsyncStore) -> None:
    assert isinstance(store, (AsyncRedisStore, AsyncDynamoDBStore))
    await store.aclose()


@contextmanager
def _faces(build: Callable[..., AsyncStore]) -> Iterator[Factory]:
    """A factory of `AsyncFace`s over the stores `build(**settings)` makes; closed at the end."""
    faces: list[AsyncFace] = []

    def make(**settings: Any) -> Store:
        face = AsyncFace(lambda: build(**settings))
        faces.append(face)
        return face

    try:
        yield make
    finally:
        for face in faces:
            face.close(_aclose)


@contextmanager
def _async_redis(server: RedisServer) -> Iterator[Factory]:
    server.client().flushdb()

    def build(**settings: Any) -> AsyncStore:
        store = AsyncRedisStore.from_url(server.url, check_persistence=False, **settings)
        assert store._wire is not None  # pyright: ignore[reportPrivateUsage]
        return store

    with _faces(build) as make:
        yield make


@contextmanager
def _async_redis_py(server: RedisServer) -> Iterator[Factory]:
    """Async stores on a redis-py client passed in: redis-py carries every call."""
    server.client().flushdb()
    with _faces(
        lambda **settings: AsyncRedisStore(
            redis.asyncio.Redis.from_url(server.url, socket_timeout=5),
            check_persistence=False,
            **settings,
        )
    ) as make:
        yield make


@contextmanager
def _dynamodb(server: DynaliteServer) -> Iterator[Factory]:
    client = server.client()
    try:
        yield lambda **settings: DynamoDBStore(
            server.table, client=client, prefix=server.prefix(), **settings
        )
    finally:
        client.close()


@contextmanager
def _async_dynamodb(server: DynaliteServer) -> Iterator[Factory]:
    with _faces(
        lambda **settings: AsyncDynamoDBStore(
            server.table, client=server.client(), prefix=server.prefix(), **settings
        )
    ) as make:
        yield make


DYNAMODB = Kind("dynamodb", _dynamodb, "dynalite_server")
KINDS = [
    Kind("memory", _memory),
    Kind("redis", _redis),
    Kind("redis-direct", _redis_direct),
    Kind("async-redis", _async_redis),
    Kind("async-redis-py", _async_redis_py),
    DYNAMODB,
    Kind("async-dynamodb", _async_dynamodb, "dynalite_server"),
]
"""Every store the contract suite runs against."""
CLOCKED = [Kind("memory", _memory), DYNAMODB]
"""The kinds whose factory takes `clock=`: a zero-argument callable giving seconds."""
BOUNDED = [Kind("memory", _memory)]
"""The kinds whose factory takes `max_events=`, and forget the oldest entry when full."""
