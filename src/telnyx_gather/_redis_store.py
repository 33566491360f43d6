"""`RedisStore` and `AsyncRedisStore`: the leases of `telnyx_gather.stores`, in Redis.

Both share everything but the await: the keys, the Lua scripts, how an
answer is read, and the check that the server persists what it is told.
"""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable, Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from ._claims import DONE, Claim, check_ttls
from ._errors import StoreError
from ._log import get_logger

if TYPE_CHECKING:
    import redis
    import redis.asyncio
    import redis.cluster

__all__ = ["AsyncRedisStore", "RedisStore"]

logger = get_logger("stores")
T = TypeVar("T")

# KEYS[1]: the event's key. ARGV: the new owner token, the lease in ms.
# Returns the value already there ("done" or another owner's token), or false.
_CLAIM = """
local held = redis.call('GET', KEYS[1])
if held then return held end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
return false
"""
# Extends the lease only while it still holds our token: 1 if it did, else 0.
_RENEW = """
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return 0
"""
# Deletes the key only while it still holds our token.
_RELEASE = """
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
"""
_SCRIPTS = (_CLAIM, _RENEW, _RELEASE)
_OWN_OPTIONS = ("prefix", "lease", "done_ttl", "check_persistence")
_NO_PERSISTENCE = (
    "the Redis server of the router's store reports no AOF persistence (appendonly no): "
    "after a restart or failover it forgets finished events, and their handlers run "
    "again on redelivery; see the docs' 'Running in production'"
)


def _ms(seconds: float) -> int:
    return max(1, round(seconds * 1000))


def _claimed(held: object, token: str) -> Claim:
    if held is None:
        return Claim("claimed", token)
    return Claim("done") if held in (b"done", DONE) else Claim("busy")


def _aof_enabled(info: Mapping[str, Any]) -> bool:
    """Whether `INFO persistence` shows AOF on (on every node, for a cluster's answer)."""
    if "aof_enabled" in info:
        return bool(info["aof_enabled"])
    nodes: list[Mapping[str, Any]] = [
        cast("Mapping[str, Any]", v) for v in info.values() if isinstance(v, Mapping)
    ]
    return bool(nodes) and all(_aof_enabled(node) for node in nodes)


def _split(options: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    own = {k: options.pop(k) for k in _OWN_OPTIONS if k in options}
    options.setdefault("socket_timeout", 5.0)
    options.setdefault("socket_connect_timeout", 5.0)
    return own, options


def _redis_module() -> Any:
    try:
        import redis
    except ImportError as exc:
        raise ImportError("RedisStore needs redis-py: pip install 'telnyx-gather[redis]'") from exc
    return redis


class _Keys:
    """What both Redis stores share: settings, key names and the error they raise."""

    def __init__(self, prefix: str, lease: float, done_ttl: float, check_persistence: bool) -> None:
        check_ttls(lease, done_ttl)
        self.prefix: str = prefix
        self.lease: float = lease
        self.done_ttl: float = done_ttl
        self._check = check_persistence
        self._errors: tuple[type[Exception], ...] = (_redis_module().RedisError,)

    def _failed(self, exc: Exception) -> StoreError:
        return StoreError(f"Redis is unavailable ({type(exc).__name__})")

    def _persistence_checked(self, info: Mapping[str, Any] | None) -> None:
        self._check = False
        if info is not None and not _aof_enabled(info):
            logger.warning(_NO_PERSISTENCE)

    def _info_refused(self, exc: Exception) -> None:
        self._check = False
        logger.info("could not check the store's Redis persistence (%s)", type(exc).__name__)


class RedisStore(_Keys):
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
    """

    def __init__(
        self,
        client: redis.Redis | redis.cluster.RedisCluster,
        *,
        prefix: str = "telnyx-gather:event:",
        lease: float = 5.0,
        done_ttl: float = 86_400.0,
        check_persistence: bool = True,
    ) -> None:
        super().__init__(prefix, lease, done_ttl, check_persistence)
        self.client: redis.Redis | redis.cluster.RedisCluster = client
        self._claim, self._renew, self._release = map(client.register_script, _SCRIPTS)

    @classmethod
    def from_url(cls, url: str, *, cluster: bool = False, **options: Any) -> RedisStore:
        """A store on a new client for `url` (`redis://host:6379/0`, `rediss://...`).

        `prefix`, `lease`, `done_ttl` and `check_persistence` go to the store;
        every other keyword goes to the client's `from_url` (for example
        `socket_timeout`, 5 s unless given). With `cluster=True` the client
        is a `redis.cluster.RedisCluster` on the cluster node at `url`.
        """
        module = _redis_module()
        own, options = _split(options)
        factory = module.cluster.RedisCluster if cluster else module.Redis
        return cls(factory.from_url(url, **options), **own)

    def claim(self, key: str) -> Claim:
        """Take `key` unless it is held or finished."""
        if self._check:
            self._check_persistence()
        token = uuid.uuid4().hex
        args: list[str | int] = [token, _ms(self.lease)]
        return _claimed(self._run(lambda: self._claim(keys=[self.prefix + key], args=args)), token)

    def renew(self, key: str, token: str) -> bool:
        """Extend the lease on `key` if `token` still holds it."""
        args: list[str | int] = [token, _ms(self.lease)]
        return bool(self._run(lambda: self._renew(keys=[self.prefix + key], args=args)))

    def finish(self, key: str, token: str) -> None:
        """Mark `key` finished for `done_ttl` seconds."""
        self._run(lambda: self.client.set(self.prefix + key, DONE, px=_ms(self.done_ttl)))

    def release(self, key: str, token: str) -> None:
        """Delete the claim on `key` if `token` still holds it."""
        self._run(lambda: self._release(keys=[self.prefix + key], args=[token]))

    def close(self) -> None:
        """Close the client's connections."""
        self.client.close()

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


class AsyncRedisStore(_Keys):
    """`RedisStore` on redis-py's asyncio client, for `Router.handle_async` and ASGI apps.

    The same keys and scripts as `RedisStore`, so both kinds of worker can
    share one Redis; no call blocks the event loop.

    Args:
        client: A `redis.asyncio.Redis` (or `redis.asyncio.RedisCluster`).
        prefix: Prepended to every key.
        lease: Seconds a claim lasts unless renewed.
        done_ttl: Seconds a finished event is remembered.
        check_persistence: As for `RedisStore`.
    """

    def __init__(
        self,
        client: redis.asyncio.Redis | redis.asyncio.RedisCluster,
        *,
        prefix: str = "telnyx-gather:event:",
        lease: float = 5.0,
        done_ttl: float = 86_400.0,
        check_persistence: bool = True,
    ) -> None:
        super().__init__(prefix, lease, done_ttl, check_persistence)
        self.client: redis.asyncio.Redis | redis.asyncio.RedisCluster = client
        self._claim, self._renew, self._release = map(client.register_script, _SCRIPTS)

    @classmethod
    def from_url(cls, url: str, *, cluster: bool = False, **options: Any) -> AsyncRedisStore:
        """A store on a new asyncio client for `url`; the keywords as for `RedisStore.from_url`.

        The client's connections come from a `BlockingConnectionPool`
        (`max_connections`, 100 unless given): a burst of deliveries beyond it
        waits for a free connection (up to `timeout`, 5 s unless given)
        rather than failing.
        """
        module = _redis_module()
        own, options = _split(options)
        if cluster:
            return cls(module.asyncio.RedisCluster.from_url(url, **options), **own)
        options.setdefault("max_connections", 100)
        options.setdefault("timeout", 5.0)
        pool = module.asyncio.BlockingConnectionPool.from_url(url, **options)
        return cls(module.asyncio.Redis.from_pool(pool), **own)

    async def claim(self, key: str) -> Claim:
        """Take `key` unless it is held or finished."""
        if self._check:
            await self._check_persistence()
        token = uuid.uuid4().hex
        args: list[str | int] = [token, _ms(self.lease)]
        held = await self._run(lambda: self._claim(keys=[self.prefix + key], args=args))
        return _claimed(held, token)

    async def renew(self, key: str, token: str) -> bool:
        """Extend the lease on `key` if `token` still holds it."""
        args: list[str | int] = [token, _ms(self.lease)]
        return bool(await self._run(lambda: self._renew(keys=[self.prefix + key], args=args)))

    async def finish(self, key: str, token: str) -> None:
        """Mark `key` finished for `done_ttl` seconds."""
        await self._run(lambda: self.client.set(self.prefix + key, DONE, px=_ms(self.done_ttl)))

    async def release(self, key: str, token: str) -> None:
        """Delete the claim on `key` if `token` still holds it."""
        await self._run(lambda: self._release(keys=[self.prefix + key], args=[token]))

    async def aclose(self) -> None:
        """Close the client's connections."""
        await self.client.aclose()

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
