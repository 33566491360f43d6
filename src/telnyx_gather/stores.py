"""Where a `Router` records which events it holds and which it has finished.

Telnyx delivers each event at least once, so the same `data.id` can reach two
workers at the same moment, or one worker twice. A store is the shared memory
that lets exactly one of them run the handler. It keeps one entry per event:

- `claim(key)` atomically takes an event that no one holds. It answers
  `"claimed"` with a fresh owner token, `"busy"` while another worker's lease
  is live, or `"done"` once the event was finished.
- A claim is a **lease** of `lease` seconds. The router renews it
  (`renew(key, token)`) while the handler and its sends run, so a slow handler
  never loses it; a worker that dies stops renewing, and its event is free
  again within one lease. A lease covers the instants before its expiry: at
  exactly the expiry instant the event can be claimed again.
- `renew(key, token)` extends the lease by `lease` seconds from now and
  answers `True`, but only while `token` still holds it; `False` means the
  lease was lost (it expired, or the event was finished or released).
- `finish(key, token)` marks the event done for `done_ttl` seconds, whoever
  holds it: the commands went out with their `command_id`s, so a worker that
  ran it as well only repeated ids that Telnyx ignores. It is one write, with
  no read, so a store can pipeline it with other calls.
- `release(key, token)` drops the claim again (the handler or a send failed),
  but only if that token still holds it: a late worker never frees an event
  that another worker has claimed since.
- Optionally, `finish_soon(key, token)` with a true `write_behind`
  attribute (`RedisStore(write_behind=True)`): the router then marks the
  event done through it, without waiting for the mark to be written.

`Store` is the synchronous protocol, `AsyncStore` its awaitable twin for
`Router.handle_async`. `MemoryStore` serves one process and both protocols
(its calls never wait on I/O); `RedisStore` and `AsyncRedisStore` serve a
fleet (`pip install 'telnyx-gather[redis]'`). A store that cannot reach its
backend raises `StoreError`, and the router answers 503 so Telnyx retries.
"""

from __future__ import annotations

import itertools
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from typing import Protocol

from ._claims import BUSY, DONE, FINISHED, Claim, ClaimState, check_ttls, new_claim
from ._errors import StoreError
from ._redis_store import AsyncRedisStore, RedisStore

__all__ = [
    "AsyncRedisStore",
    "AsyncStore",
    "Claim",
    "ClaimState",
    "MemoryStore",
    "RedisStore",
    "Store",
    "StoreError",
]


class Store(Protocol):
    """What `Router.handle` needs from a store; `MemoryStore` and `RedisStore` implement it.

    Every method raises `StoreError` when the backend cannot be reached.

    Attributes:
        lease: Seconds a claim lasts unless renewed; the router renews it
            three times a lease while the handler and its sends run.
    """

    @property
    def lease(self) -> float:
        """Seconds a claim lasts unless renewed."""
        ...

    def claim(self, key: str) -> Claim:
        """Take `key` unless it is held or finished; see the module docstring."""
        ...

    def renew(self, key: str, token: str) -> bool:
        """Extend the lease on `key` if `token` still holds it; `False` if it was lost."""
        ...

    def finish(self, key: str, token: str) -> None:
        """Mark `key` finished, so later deliveries of it are acknowledged unrun."""
        ...

    def release(self, key: str, token: str) -> None:
        """Drop the claim on `key` if `token` still holds it."""
        ...


class AsyncStore(Protocol):
    """`Store` with awaitable methods, for `Router.handle_async`; `AsyncRedisStore` implements it.

    Attributes:
        lease: Seconds a claim lasts unless renewed.
    """

    @property
    def lease(self) -> float:
        """Seconds a claim lasts unless renewed."""
        ...

    async def claim(self, key: str) -> Claim:
        """Take `key` unless it is held or finished."""
        ...

    async def renew(self, key: str, token: str) -> bool:
        """Extend the lease on `key` if `token` still holds it; `False` if it was lost."""
        ...

    async def finish(self, key: str, token: str) -> None:
        """Mark `key` finished."""
        ...

    async def release(self, key: str, token: str) -> None:
        """Drop the claim on `key` if `token` still holds it."""
        ...


class MemoryStore:
    """An in-process store: bounded, with expiry, safe to share between threads.

    Right for one process. Several processes (gunicorn workers, Lambda
    instances) each have their own, so use `RedisStore` there. It serves
    `Router.handle` and `Router.handle_async` alike.

    Args:
        max_events: How many events to remember; when full, the oldest entry
            is forgotten first. A forgotten event that is delivered again
            runs again, and sends the same `command_id`s, which Telnyx ignores.
        lease: Seconds a claim lasts unless renewed.
        done_ttl: Seconds a finished event is remembered.
        clock: The monotonic clock it reads, in seconds (for tests).
    """

    def __init__(
        self,
        *,
        max_events: int = 100_000,
        lease: float = 5.0,
        done_ttl: float = 86_400.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if max_events < 1:
            raise ValueError("MemoryStore: max_events must be at least 1")
        check_ttls(lease, done_ttl)
        self.max_events: int = max_events
        self.lease: float = lease
        self.done_ttl: float = done_ttl
        self._clock = clock
        # Oldest first. An OrderedDict drops its oldest entry in constant time; a
        # dict would walk the slots its earlier evictions left at the front.
        self._entries: OrderedDict[str, tuple[str, float]] = OrderedDict()
        self._lock = threading.Lock()
        self._tokens = itertools.count(1)

    def __len__(self) -> int:
        return len(self._entries)

    def claim(self, key: str) -> Claim:
        """Take `key` unless it is held or finished."""
        now = self._clock()
        with self._lock:
            entries = self._entries
            entry = entries.get(key)
            if entry is not None:
                if entry[1] > now:
                    return FINISHED if entry[0] == DONE else BUSY
                del entries[key]  # expired: claimed again below, as the newest
            elif len(entries) >= self.max_events:
                entries.popitem(last=False)
            token = str(next(self._tokens))
            entries[key] = (token, now + self.lease)
            return new_claim(("claimed", token))

    def renew(self, key: str, token: str) -> bool:
        """Extend the lease on `key` by `lease` seconds if `token` still holds it."""
        now = self._clock()
        with self._lock:
            entry = self._entries.get(key)
            if entry is None or entry[0] != token or entry[1] <= now:
                return False
            self._entries[key] = (token, now + self.lease)
            return True

    def finish(self, key: str, token: str) -> None:
        """Mark `key` finished for `done_ttl` seconds."""
        expires = self._clock() + self.done_ttl
        with self._lock:
            entries = self._entries
            entries[key] = (DONE, expires)
            if len(entries) > self.max_events:
                entries.popitem(last=False)

    def release(self, key: str, token: str) -> None:
        """Forget the claim on `key` if `token` still holds it."""
        with self._lock:
            entry = self._entries.get(key)
            if entry is not None and entry[0] == token:
                del self._entries[key]
