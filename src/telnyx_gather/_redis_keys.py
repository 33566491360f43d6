"""What `RedisStore` and `AsyncRedisStore` share: the Lua scripts, the settings, reading answers.

Everything here is the same for both; the stores differ only in the await.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Awaitable, Callable, Mapping, Sequence
from typing import Any, cast

from ._claims import BUSY, DONE, FINISHED, Claim, check_ttls, new_claim
from ._errors import StoreError
from ._log import get_logger

__all__ = ["OWN_OPTIONS", "Keys", "aof_enabled", "claimed", "ms", "split_options"]

logger = get_logger("stores")

# KEYS[1]: the event's key. ARGV: the new owner token, the lease in ms. Sent as
# it is on a cluster, one per key; elsewhere `_CLAIM_ALL` claims in batches.
# Returns the value already there ("done" or another owner's token), or false.
# A key a script finds present cannot expire before its next command: a script
# sees the time it started at throughout.
_CLAIM = """
if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then return false end
return redis.call('GET', KEYS[1])
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
# KEYS: the events to claim, then the finished events to mark done first.
# ARGV: the lease in ms, the done mark's TTL in ms, how many keys to claim,
# then one new owner token per key to claim.
# Returns, per key claimed, the value already there ("done" or another owner's
# token), or "" where the key is now ours.
_CLAIM_ALL = """
local claims = tonumber(ARGV[3])
for i = claims + 1, #KEYS do redis.call('SET', KEYS[i], 'done', 'PX', ARGV[2]) end
local held = {}
for i = 1, claims do
  if redis.call('SET', KEYS[i], ARGV[3 + i], 'NX', 'PX', ARGV[1]) then
    held[i] = ''
  else
    held[i] = redis.call('GET', KEYS[i])
  end
end
return held
"""
_SCRIPTS = (_RENEW, _RELEASE, _CLAIM_ALL)
OWN_OPTIONS = ("prefix", "lease", "done_ttl", "check_persistence", "write_behind")
NO_PERSISTENCE = (
    "the Redis server of the router's store reports no AOF persistence (appendonly no): "
    "after a restart or failover it forgets finished events, and their handlers run "
    "again on redelivery; see the docs' 'Running in production'"
)


def ms(seconds: float) -> int:
    return max(1, round(seconds * 1000))


def claimed(held: object, token: str) -> Claim:
    """The claim a script's answer `held` stands for; `token` is ours."""
    if held is None or held == b"" or held == "":
        return new_claim(("claimed", token))
    return FINISHED if held in (b"done", DONE) else BUSY


def aof_enabled(info: Mapping[str, Any]) -> bool:
    """Whether `INFO persistence` shows AOF on (on every node, for a cluster's answer)."""
    if "aof_enabled" in info:
        return bool(info["aof_enabled"])
    nodes: list[Mapping[str, Any]] = [
        cast("Mapping[str, Any]", v) for v in info.values() if isinstance(v, Mapping)
    ]
    return bool(nodes) and all(aof_enabled(node) for node in nodes)


def split_options(options: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    own = {k: options.pop(k) for k in OWN_OPTIONS if k in options}
    options.setdefault("socket_timeout", 5.0)
    options.setdefault("socket_connect_timeout", 5.0)
    return own, options


def _after(answers: Any, skipped: int) -> Any:
    """A pipeline's `answers` past the first `skipped` (awaited first, if they must be)."""
    if inspect.isawaitable(answers):
        return _after_awaited(answers, skipped)
    return list(answers)[skipped:]


async def _after_awaited(answers: Awaitable[Any], skipped: int) -> list[Any]:
    return list(await answers)[skipped:]


def _number(reply: object, args: object) -> bool:
    return isinstance(reply, int)


def _held(reply: object, args: Sequence[object]) -> bool:
    """Whether `reply` holds one string per key claimed (`args[2]` of them)."""
    return (
        isinstance(reply, list)
        and len(cast("list[object]", reply)) == args[2]
        and all(isinstance(value, bytes) for value in cast("list[object]", reply))
    )


def redis_module() -> Any:
    try:
        import redis
    except ImportError as exc:
        raise ImportError("RedisStore needs redis-py: pip install 'telnyx-gather[redis]'") from exc
    return redis


class Keys:
    """What both Redis stores share: settings, key names and the error they raise."""

    def __init__(
        self,
        client: Any,
        prefix: str,
        lease: float,
        done_ttl: float,
        check_persistence: bool,
    ) -> None:
        check_ttls(lease, done_ttl)
        self.prefix: str = prefix
        self.lease: float = lease
        self.done_ttl: float = done_ttl
        self._check = check_persistence
        self._redis: Any = client
        module = redis_module()
        self._errors: tuple[type[Exception], ...] = (module.RedisError,)
        # A cluster runs a script only on keys of one slot: there, each key
        # gets its own command, all in one pipeline.
        self._cluster = isinstance(
            client, (module.cluster.RedisCluster, module.asyncio.cluster.RedisCluster)
        )
        scripts = [client.register_script(script) for script in _SCRIPTS]
        self._renew, self._release, self._claim_all = scripts
        self._set_done: Callable[[str], Any] = lambda key: client.set(
            key, DONE, px=ms(self.done_ttl)
        )
        self._wire: Any = None

    def _speak_directly(self, wire: Any) -> None:
        """Run the hot calls on `wire`, a `SyncWire` or an `AsyncWire`, instead of redis-py."""
        from ._redis_wire import Script

        renew, release, claim_all = (
            functools.partial(wire.script, Script(source, valid))
            for source, valid in zip(_SCRIPTS, (_number, _number, _held), strict=True)
        )
        self._renew, self._release, self._claim_all = renew, release, claim_all
        self._set_done = lambda key: wire.command(b"SET", key, DONE, b"PX", ms(self.done_ttl))
        self._wire = wire

    def _claiming(self, claims: list[tuple[str, str]], marks: list[str]) -> Callable[[], Any]:
        """The call that marks `marks` done, then claims each (key, token), in one round trip.

        It answers one value per claim: what the key held, or nothing if it is ours now.
        """
        lease, ttl = ms(self.lease), ms(self.done_ttl)
        if not self._cluster:
            keys = [self.prefix + key for key in (*(key for key, _ in claims), *marks)]
            args = [lease, ttl, len(claims), *(token for _, token in claims)]
            return lambda: self._claim_all(keys=keys, args=args)
        pipeline = self._client_pipeline()
        for key in marks:
            pipeline.set(self.prefix + key, DONE, px=ttl)
        for key, token in claims:
            pipeline.execute_command("EVAL", _CLAIM, 1, self.prefix + key, token, lease)
        execute: Callable[[], Any] = pipeline.execute
        return lambda: _after(execute(), len(marks))

    def _marking(self, keys: list[str]) -> Callable[[], Any]:
        """The call that marks every key of `keys` done, in one round trip."""
        return self._claiming([], keys)

    def _client_pipeline(self) -> Any:
        return self._redis.pipeline(transaction=False)

    def _failed(self, exc: Exception) -> StoreError:
        return StoreError(f"Redis is unavailable ({type(exc).__name__})")

    def _persistence_checked(self, info: Mapping[str, Any] | None) -> None:
        self._check = False
        if info is not None and not aof_enabled(info):
            logger.warning(NO_PERSISTENCE)

    def _info_refused(self, exc: Exception) -> None:
        self._check = False
        logger.info("could not check the store's Redis persistence (%s)", type(exc).__name__)
