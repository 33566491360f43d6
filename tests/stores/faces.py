"""The Redis stores' own connections, seen the same way sync or async (tests of `from_url`)."""

from __future__ import annotations

import asyncio
import itertools
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

import redis

from telnyx_gather.stores import AsyncRedisStore, Claim, RedisStore

T = TypeVar("T")
_keys = itertools.count()


def connections(admin: redis.Redis) -> int:
    """How many connections the server of `admin` has accepted so far."""
    return int(admin.info("stats")["total_connections_received"])


def new_key() -> str:
    """A key no other test uses."""
    return f"direct-{next(_keys)}"


def direct(store: RedisStore | AsyncRedisStore) -> bool:
    """Whether `store` speaks RESP itself (rather than through redis-py)."""
    return store._wire is not None  # pyright: ignore[reportPrivateUsage]


class Face:
    """One store of either kind, called synchronously (the async one on its own loop)."""

    def __init__(self, url: str, is_async: bool, **options: Any) -> None:
        options.setdefault("check_persistence", False)
        self._loop = asyncio.new_event_loop() if is_async else None
        self.store: RedisStore | AsyncRedisStore = (
            AsyncRedisStore.from_url(url, **options)
            if is_async
            else RedisStore.from_url(url, **options)
        )

    def _run(self, call: Callable[[], T | Awaitable[T]]) -> T:
        if self._loop is None:
            return call()  # type: ignore[return-value]
        return self._loop.run_until_complete(_awaited(call))

    def claim(self, key: str) -> Claim:
        return self._run(lambda: self.store.claim(key))

    def finish(self, key: str, token: str) -> None:
        self._run(lambda: self.store.finish(key, token))

    def tick(self) -> None:
        """Let the store's event loop see what arrived (a closed connection)."""
        if self._loop is not None:
            self._loop.run_until_complete(asyncio.sleep(0.05))

    def close(self) -> None:
        store = self.store
        if isinstance(store, AsyncRedisStore):
            assert self._loop is not None
            self._loop.run_until_complete(store.aclose())
            self._loop.close()
        else:
            store.close()


async def _awaited(call: Callable[[], T | Awaitable[T]]) -> T:
    value = call()
    return await value if isinstance(value, Awaitable) else value  # type: ignore[return-value]
