"""What the stores' own Redis connections share: where to connect, the scripts, the errors.

A store built by `from_url` with a plain URL speaks RESP2 itself on its hot
calls (claim, renew, release, finish), one round trip each, without
redis-py's per-command layers; everything else (a client passed by the
user, Sentinel, Cluster, the `INFO persistence` check) stays with
redis-py. `Address.parse` says which URLs and options qualify. The
connections (`_redis_conn`, `_redis_aio`) raise redis-py's own exception
types, so a store's `StoreError("Redis is unavailable (<ExcName>)")` reads
as it did.
"""

from __future__ import annotations

import hashlib
import ssl
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

from redis import exceptions

from ._resp import Arg, ErrorReply, ProtocolError, Reply

__all__ = ["Address", "Script", "answer", "broken", "failure", "unscripted"]

_SUPPORTED = frozenset(("socket_timeout", "socket_connect_timeout", "ssl_ca_certs"))
"""The `from_url` keywords a store's own connections honour; any other leaves it on redis-py."""

_AUTH_ERRORS: dict[str, type[exceptions.RedisError]] = {
    "NOAUTH": exceptions.AuthenticationError,
    "WRONGPASS": exceptions.AuthenticationError,
    "NOPERM": exceptions.NoPermissionError,
    "NOSCRIPT": exceptions.NoScriptError,
    "READONLY": exceptions.ReadOnlyError,
    "LOADING": exceptions.BusyLoadingError,
}


def _seconds(value: object) -> bool:
    return value is None or (isinstance(value, (int, float)) and not isinstance(value, bool))


@dataclass(frozen=True)
class Address:
    """Where a store's own connections go, and how they start."""

    host: str
    port: int
    path: str | None
    tls: ssl.SSLContext | None
    db: int
    username: str | None
    password: str | None
    timeout: float | None
    connect_timeout: float | None

    @classmethod
    def parse(cls, url: str, options: Mapping[str, Any]) -> Address | None:
        """The address of `url` with `options`, or `None` for what is left to redis-py.

        That is anything but a plain `redis://`, `rediss://` or `unix://` URL
        (a query other than `db=` on a socket path) with only socket timeouts
        (and `ssl_ca_certs`) among the options.
        """
        timeout, connect = options.get("socket_timeout"), options.get("socket_connect_timeout")
        if not (url.isascii() and _SUPPORTED.issuperset(options)):
            return None
        if not (_seconds(timeout) and _seconds(connect)):
            return None
        parts = urlsplit(url)
        query = parse_qs(parts.query, keep_blank_values=True)
        db_text = parts.path.lstrip("/")
        if parts.scheme == "unix":
            if set(query) - {"db"} or parts.port is not None or parts.hostname:
                return None
            db_text = query.get("db", ["0"])[-1]
        elif parts.scheme not in ("redis", "rediss") or parts.query or not parts.hostname:
            return None
        if not (db_text or "0").isdigit() or parts.fragment:
            return None
        tls = None
        if parts.scheme == "rediss":
            tls = ssl.create_default_context(cafile=options.get("ssl_ca_certs"))
        elif "ssl_ca_certs" in options:
            return None
        return cls(
            host=parts.hostname or "",
            port=parts.port or 6379,
            path=parts.path if parts.scheme == "unix" else None,
            tls=tls,
            db=int(db_text or "0"),
            username=unquote(parts.username) if parts.username else None,
            password=unquote(parts.password) if parts.password is not None else None,
            timeout=timeout,
            connect_timeout=connect,
        )

    def greeting(self) -> list[list[Arg]]:
        """The commands a new connection sends first: `AUTH`, then `SELECT`, as needed."""
        commands: list[list[Arg]] = []
        if self.password is not None:
            user: list[Arg] = [self.username] if self.username else []
            commands.append([b"AUTH", *user, self.password])
        if self.db:
            commands.append([b"SELECT", self.db])
        return commands


class Script:
    """A Lua script the stores run by its digest, and the check its reply must pass."""

    def __init__(self, source: str, valid: Callable[[Reply, Sequence[Arg]], bool]) -> None:
        self.source = source.encode()
        self.digest = hashlib.sha1(self.source, usedforsecurity=False).hexdigest().encode()
        self.valid = valid

    def by_digest(self, keys: Sequence[Arg], args: Sequence[Arg]) -> list[Arg]:
        """`EVALSHA`: the script as the server cached it."""
        return [b"EVALSHA", self.digest, len(keys), *keys, *args]

    def in_full(self, keys: Sequence[Arg], args: Sequence[Arg]) -> list[Arg]:
        """`EVAL`: the whole script, after a `NOSCRIPT` (the server caches it again)."""
        return [b"EVAL", self.source, len(keys), *keys, *args]

    def checked(self, reply: Reply, args: Sequence[Arg]) -> Reply:
        """`reply`, raised if it is an error or not what this script answers."""
        value = answer(reply)
        if not self.valid(value, args):
            raise exceptions.InvalidResponse("Redis answered a store script unexpectedly")
        return value


def unscripted(reply: Reply) -> bool:
    """Whether the server answered `NOSCRIPT` (its script cache was flushed)."""
    return isinstance(reply, ErrorReply) and reply.code == "NOSCRIPT"


def answer(reply: Reply) -> Reply:
    """`reply`, or the redis-py exception an error reply stands for."""
    if isinstance(reply, ErrorReply):
        kind = _AUTH_ERRORS.get(reply.code, exceptions.ResponseError)
        if reply.message.startswith("ERR invalid password") or "without any password" in (
            reply.message
        ):
            kind = exceptions.AuthenticationError
        raise kind(reply.message)
    return reply


def failure(exc: OSError | ProtocolError, connecting: bool = False) -> exceptions.RedisError:
    """redis-py's exception for a connection's failure `exc`."""
    if isinstance(exc, ProtocolError):
        return exceptions.InvalidResponse(str(exc))
    if isinstance(exc, (TimeoutError, BlockingIOError)):  # the latter: a kernel timeout
        stage = "connecting to" if connecting else "reading from"
        return exceptions.TimeoutError(f"Timeout {stage} the Redis server")
    reason = f" ({exc.strerror})" if exc.strerror else ""
    return exceptions.ConnectionError(f"Error talking to the Redis server{reason}")


def broken() -> exceptions.ConnectionError:
    """The error for a connection the server closed."""
    return exceptions.ConnectionError("Connection closed by the Redis server")
