"""Where a `Router` records which events it has claimed and finished.

Telnyx delivers each event at least once, so the same `data.id` can reach two
workers at the same moment, or one worker twice. A store is the shared memory
that lets exactly one of them run the handler:

- `claim(key)` atomically takes an event that no one holds. It answers
  `"claimed"` with a fresh owner token, `"busy"` while another worker's claim
  is live, or `"done"` once the event was finished. A claim expires after
  `claim_ttl` seconds, so a worker that dies mid-handling blocks the event
  only that long.
- `finish(key, token)` marks the event done for `done_ttl` seconds.
- `release(key, token)` drops the claim again (the handler or a send failed),
  but only if that token still holds it: a late worker never frees an event
  that another worker has claimed since.

`MemoryStore` serves one process (the default); `RedisStore` serves a fleet
(`pip install 'telnyx-gather[redis]'`). A store that cannot reach its backend
raises `StoreError`, and the router answers 503 so Telnyx retries.
"""

from __future__ import annotations

import itertools
import threading
import time
import uuid
from typing import TYPE_CHECKING, Any, Literal, NamedTuple, Protocol

from ._errors import StoreError

if TYPE_CHECKING:
    import redis

__all__ = ["Claim", "ClaimState", "MemoryStore", "RedisStore", "Store", "StoreError"]

ClaimState = Literal["claimed", "busy", "done"]
"""What `Store.claim` found: the event is now ours, held elsewhere, or finished."""

_DONE = "done"


class Claim(NamedTuple):
    """The answer to `Store.claim`: the state, and the owner token when it is ours."""

    state: ClaimState
    token: str = ""


_BUSY = Claim("busy")
_FINISHED = Claim("done")


class Store(Protocol):
    """What a `Router` needs from a store; `MemoryStore` and `RedisStore` implement it.

    Every method raises `StoreError` when the backend cannot be reached.
    """

    def claim(self, key: str) -> Claim:
        """Take `key` unless it is held or finished; see the module docstring."""
        ...

    def finish(self, key: str, token: str) -> None:
        """Mark `key` finished, so later deliveries of it are acknowledged unrun."""
        ...

    def release(self, key: str, token: str) -> None:
        """Drop the claim on `key` if `token` still holds it."""
        ...


def _check_ttls(claim_ttl: float, done_ttl: float) -> None:
    if not 0 < claim_ttl <= done_ttl:
        raise ValueError("store TTLs: need 0 < claim_ttl <= done_ttl (seconds)")


class MemoryStore:
    """An in-process store: bounded, with expiry, safe to share between threads.

    Right for one process. Several processes (gunicorn workers, Lambda
    instances) each have their own, so use `RedisStore` there.

    Args:
        max_events: How many events to remember; the oldest are forgotten
            first. A forgotten event that is delivered again runs again,
            and sends the same `command_id`s, which Telnyx ignores.
        claim_ttl: Seconds a claim lasts if its worker never finishes.
        done_ttl: Seconds a finished event is remembered.
    """

    def __init__(
        self, *, max_events: int = 100_000, claim_ttl: float = 60.0, done_ttl: float = 86_400.0
    ) -> None:
        if max_events < 1:
            raise ValueError("MemoryStore: max_events must be at least 1")
        _check_ttls(claim_ttl, done_ttl)
        self.max_events: int = max_events
        self.claim_ttl: float = claim_ttl
        self.done_ttl: float = done_ttl
        self._entries: dict[str, tuple[str, float]] = {}  # in insertion order, oldest first
        self._lock = threading.Lock()
        self._tokens = itertools.count(1)

    def __len__(self) -> int:
        return len(self._entries)

    def claim(self, key: str) -> Claim:
        """Take `key` unless it is held or finished."""
        now = time.monotonic()
        with self._lock:
            entries = self._entries
            entry = entries.get(key)
            if entry is not None:
                if entry[1] > now:
                    return _FINISHED if entry[0] == _DONE else _BUSY
                del entries[key]  # expired: claimed again below, as the newest
            elif len(entries) >= self.max_events:
                del entries[next(iter(entries))]
            token = str(next(self._tokens))
            entries[key] = (token, now + self.claim_ttl)
            return Claim("claimed", token)

    def finish(self, key: str, token: str) -> None:
        """Mark `key` finished for `done_ttl` seconds."""
        expires = time.monotonic() + self.done_ttl
        with self._lock:
            entries = self._entries
            if key not in entries and len(entries) >= self.max_events:
                del entries[next(iter(entries))]
            entries[key] = (_DONE, expires)

    def release(self, key: str, token: str) -> None:
        """Forget the claim on `key` if `token` still holds it."""
        with self._lock:
            entry = self._entries.get(key)
            if entry is not None and entry[0] == token:
                del self._entries[key]


# KEYS[1]: the event's key. ARGV: the new owner token, the claim TTL in ms.
# Returns the value already there ("done" or another owner's token), or false.
_CLAIM = """
local held = redis.call('GET', KEYS[1])
if held then return held end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
return false
"""
# Deletes the key only while it still holds our token.
_RELEASE = """
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
"""


class RedisStore:
    """A store in Redis, shared by every worker of a fleet (the `redis` extra).

    Claims are atomic and expire (one Lua script: `GET`, else `SET ... PX`), a
    finished event is kept for `done_ttl`, and a release deletes only the
    releasing worker's own claim.

    Args:
        client: A `redis.Redis` client (sync). Its socket timeouts bound how
            long a delivery waits on an unreachable Redis.
        prefix: Prepended to every key.
        claim_ttl: Seconds a claim lasts if its worker never finishes.
        done_ttl: Seconds a finished event is remembered.
    """

    def __init__(
        self,
        client: redis.Redis,
        *,
        prefix: str = "telnyx-gather:event:",
        claim_ttl: float = 60.0,
        done_ttl: float = 86_400.0,
    ) -> None:
        import redis as redis_module

        _check_ttls(claim_ttl, done_ttl)
        self.client: redis.Redis = client
        self.prefix: str = prefix
        self.claim_ttl: float = claim_ttl
        self.done_ttl: float = done_ttl
        self._claim = client.register_script(_CLAIM)
        self._release = client.register_script(_RELEASE)
        self._errors = (redis_module.RedisError,)

    @classmethod
    def from_url(cls, url: str, **options: Any) -> RedisStore:
        """A store on a new client for `url` (`redis://host:6379/0`, `rediss://...`).

        Keyword arguments other than `prefix`, `claim_ttl` and `done_ttl` go
        to `redis.Redis.from_url` (for example `socket_timeout`).
        """
        try:
            import redis
        except ImportError as exc:
            raise ImportError(
                "RedisStore needs redis-py: pip install 'telnyx-gather[redis]'"
            ) from exc
        own = {k: options.pop(k) for k in ("prefix", "claim_ttl", "done_ttl") if k in options}
        options.setdefault("socket_timeout", 5.0)
        options.setdefault("socket_connect_timeout", 5.0)
        client: redis.Redis = redis.Redis.from_url(url, **options)  # pyright: ignore[reportUnknownMemberType]
        return cls(client, **own)

    def claim(self, key: str) -> Claim:
        """Take `key` unless it is held or finished."""
        token = uuid.uuid4().hex
        ttl = str(max(1, round(self.claim_ttl * 1000)))
        held = self._run(lambda: self._claim(keys=[self.prefix + key], args=[token, ttl]))
        if held is None:
            return Claim("claimed", token)
        return Claim("done") if held in (b"done", "done") else Claim("busy")

    def finish(self, key: str, token: str) -> None:
        """Mark `key` finished for `done_ttl` seconds."""
        ttl = max(1, round(self.done_ttl * 1000))
        self._run(lambda: self.client.set(self.prefix + key, _DONE, px=ttl))

    def release(self, key: str, token: str) -> None:
        """Delete the claim on `key` if `token` still holds it."""
        self._run(lambda: self._release(keys=[self.prefix + key], args=[token]))

    def _run(self, operation: Any) -> Any:
        try:
            return operation()
        except self._errors as exc:
            raise StoreError(f"Redis is unavailable ({type(exc).__name__})") from exc
