"""The Redis stores' own connections (`from_url` with a plain URL), against a real `redis-server`.

Which URLs they take, and what they survive: a connection the server
closes, a server that stops answering, a flushed script cache, a password,
an ACL user, a database number, TLS, a Unix socket, and a peer that answers
something that is not RESP.
"""

from __future__ import annotations

import asyncio
import itertools
import os
import socket
import threading
from collections.abc import Awaitable, Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

import pytest
import redis

from telnyx_gather.stores import AsyncRedisStore, Claim, RedisStore, StoreError
from tests.client.tls import server_context
from tests.loopback import free_port
from tests.router.redis_server import RedisServer

T = TypeVar("T")
_keys = itertools.count()

Kind = Callable[..., Any]
"""Runs `scenario(store)` on a store built by `from_url(url, **options)`, sync or async."""


def _connections(admin: redis.Redis) -> int:
    """How many connections the server of `admin` has accepted so far."""
    return int(admin.info("stats")["total_connections_received"])


def _key() -> str:
    return f"direct-{next(_keys)}"


def _direct(store: RedisStore | AsyncRedisStore) -> bool:
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


@pytest.fixture
def admin(redis_server: RedisServer) -> Iterator[redis.Redis]:
    """A redis-py client of the session's server, to look at it and act on it."""
    client = redis_server.client()
    yield client
    client.close()


@pytest.fixture(params=[False, True], ids=["sync", "async"])
def is_async(request: pytest.FixtureRequest) -> bool:
    return bool(request.param)


@pytest.fixture
def open_face(is_async: bool) -> Iterator[Callable[..., Face]]:
    faces: list[Face] = []

    def make(url: str, **options: Any) -> Face:
        face = Face(url, is_async, **options)
        faces.append(face)
        return face

    yield make
    for face in faces:
        face.close()


@pytest.mark.parametrize(
    ("url", "options", "direct"),
    [
        ("redis://127.0.0.1:6379/0", {}, True),
        ("redis://u:p%40ss@127.0.0.1/2", {"socket_timeout": 1}, True),
        ("rediss://localhost:6380", {}, True),
        ("unix:///tmp/redis.sock?db=1", {}, True),
        ("redis://127.0.0.1:6379/0", {"decode_responses": True}, False),
        ("redis://127.0.0.1:6379/0?socket_timeout=1", {}, False),
        ("unix:///tmp/redis.sock?password=p", {}, False),
        ("redis://127.0.0.1:6379/x", {}, False),
        ("redis://127.0.0.1:6379/0", {"socket_timeout": "1"}, False),
    ],
)
def test_which_urls_the_store_speaks_to_itself(
    url: str, options: dict[str, Any], direct: bool
) -> None:
    store = RedisStore.from_url(url, check_persistence=False, **options)
    assert _direct(store) is direct
    store.close()


def test_a_cluster_url_stays_with_redis_py() -> None:
    async_store = AsyncRedisStore.from_url(
        "redis://127.0.0.1:6379/0", cluster=True, check_persistence=False
    )
    assert not _direct(async_store)
    asyncio.run(async_store.aclose())


def test_one_connection_carries_call_after_call(
    redis_server: RedisServer, admin: redis.Redis, open_face: Callable[..., Face]
) -> None:
    face = open_face(redis_server.url)
    face.claim(_key())
    opened = _connections(admin)
    for _ in range(20):
        key = _key()
        face.finish(key, face.claim(key).token)

    assert _connections(admin) == opened


def test_the_next_call_reconnects_after_the_server_closes_the_connection(
    redis_server: RedisServer, admin: redis.Redis, open_face: Callable[..., Face]
) -> None:
    face = open_face(redis_server.url)
    first = face.claim(key := _key())
    killed = admin.client_kill_filter(_type="normal", skipme=True)
    face.tick()

    assert killed >= 1
    assert first.state == "claimed"
    assert face.claim(key).state == "busy"
    assert face.claim(_key()).state == "claimed"


def test_a_forked_worker_opens_its_own_connection(redis_server: RedisServer) -> None:
    store = RedisStore.from_url(redis_server.url, check_persistence=False)
    key = _key()
    assert store.claim(key).state == "claimed"  # the parent's socket is idle now
    child = os.fork()
    if child == 0:  # the child reports through its exit status
        fine = store.claim(key).state == "busy" and store.claim(_key()).state == "claimed"
        os._exit(0 if fine else 1)
    _, status = os.waitpid(child, 0)

    assert os.waitstatus_to_exitcode(status) == 0
    assert store.claim(key).state == "busy"  # the parent's socket is still in step
    store.close()


def test_a_server_that_stops_answering_times_out_then_recovers(
    open_face: Callable[..., Face],
) -> None:
    server = RedisServer()
    try:
        face = open_face(server.url, socket_timeout=0.3)
        key = _key()
        assert face.claim(key).state == "claimed"
        server.pause()
        with pytest.raises(StoreError, match=r"^Redis is unavailable \(TimeoutError\)$") as caught:
            face.claim(_key())
        server.resume()

        assert isinstance(caught.value.__cause__, redis.TimeoutError)
        assert face.claim(key).state == "busy"  # a new connection, in step with the server
    finally:
        server.stop()


def test_a_call_given_up_in_flight_leaves_the_next_replies_in_step() -> None:
    server = RedisServer()

    async def scenario() -> list[Claim]:
        store = AsyncRedisStore.from_url(server.url, check_persistence=False)
        await store.claim(_key())  # the connection is open
        server.pause()
        gone = asyncio.ensure_future(store.claim(first := _key()))
        await asyncio.sleep(0.05)  # sent, and waiting for the reply
        gone.cancel()
        server.resume()
        claims = [await store.claim(second := _key()), await store.claim(first)]
        claims.append(await store.claim(second))
        await store.aclose()
        return claims

    try:
        assert [claim.state for claim in asyncio.run(scenario())] == ["claimed", "busy", "busy"]
    finally:
        server.stop()


def test_a_connection_lost_mid_call_fails_that_call_and_the_next_one_reconnects(
    admin: redis.Redis, redis_server: RedisServer
) -> None:
    async def scenario() -> tuple[str, Claim]:
        store = AsyncRedisStore.from_url(redis_server.url, check_persistence=False)
        await store.claim(_key())
        admin.client_pause(1000)  # the next call waits for its reply
        waiting = asyncio.ensure_future(store.claim(_key()))
        await asyncio.sleep(0.05)
        admin.client_kill_filter(_type="normal", skipme=True)
        with pytest.raises(StoreError) as caught:
            await waiting
        admin.client_unpause()
        after = await store.claim(_key())
        await store.aclose()
        return str(caught.value), after

    error, after = asyncio.run(scenario())
    assert error == "Redis is unavailable (ConnectionError)"
    assert after.state == "claimed"


def test_a_flushed_script_cache_is_filled_again(
    redis_server: RedisServer, admin: redis.Redis, open_face: Callable[..., Face]
) -> None:
    face = open_face(redis_server.url)
    face.claim(_key())
    admin.script_flush()
    key = _key()

    assert face.claim(key).state == "claimed"
    assert face.claim(key).state == "busy"


def test_a_password_an_acl_user_and_a_database(open_face: Callable[..., Face]) -> None:
    server = RedisServer(password="s3cret")
    try:
        admin = server.client()
        admin.acl_setuser(
            "agent", enabled=True, passwords=["+agent-pw"], keys="*", commands=["+@all"]
        )
        for url, db in (
            (f"redis://:s3cret@127.0.0.1:{server.port}/3", 3),
            (f"redis://agent:agent-pw@127.0.0.1:{server.port}/5", 5),
        ):
            face = open_face(url, prefix="p:")
            key = _key()
            face.claim(key)
            assert _direct(face.store)
            assert redis.Redis(port=server.port, db=db, password="s3cret").exists("p:" + key)
        wrong = open_face(f"redis://agent:nope@127.0.0.1:{server.port}/0")
        with pytest.raises(StoreError, match=r"^Redis is unavailable \(AuthenticationError\)$"):
            wrong.claim(_key())
        admin.close()
    finally:
        server.stop()


def test_tls_with_the_servers_authority(tmp_path: Path, open_face: Callable[..., Face]) -> None:
    server_context(tmp_path)  # writes ca.pem and server.pem (the key and its certificate)
    tls_port = free_port()
    server = RedisServer(
        args=[
            "--tls-port",
            str(tls_port),
            "--tls-cert-file",
            str(tmp_path / "server.pem"),
            "--tls-key-file",
            str(tmp_path / "server.pem"),
            "--tls-ca-cert-file",
            str(tmp_path / "ca.pem"),
            "--tls-auth-clients",
            "no",
        ]
    )
    try:
        face = open_face(f"rediss://localhost:{tls_port}/0", ssl_ca_certs=str(tmp_path / "ca.pem"))
        key = _key()
        assert _direct(face.store)
        assert face.claim(key).state == "claimed"
        admin = server.client()
        opened = _connections(admin)
        for _ in range(5):
            assert face.claim(key).state == "busy"
        assert _connections(admin) == opened  # the connection is kept, not opened anew
        admin.close()
        untrusted = open_face(f"rediss://localhost:{tls_port}/0", socket_connect_timeout=2)
        with pytest.raises(StoreError, match=r"^Redis is unavailable \(ConnectionError\)$"):
            untrusted.claim(_key())
    finally:
        server.stop()


def test_a_unix_socket_and_its_database(tmp_path: Path, open_face: Callable[..., Face]) -> None:
    path = tmp_path / "redis.sock"
    server = RedisServer(args=["--unixsocket", str(path)])
    try:
        face = open_face(f"unix://{path}?db=4", prefix="u:")
        key = _key()
        assert _direct(face.store)
        token = face.claim(key).token
        face.finish(key, token)
        assert face.claim(key) == Claim("done")
        assert redis.Redis(port=server.port, db=4).get("u:" + key) == b"done"
    finally:
        server.stop()


@pytest.fixture(params=[b"?hunter2 is not a reply\r\n", b"$7\r\nhunter2\r\n"], ids=["junk", "odd"])
def not_redis(request: pytest.FixtureRequest) -> Iterator[int]:
    """A loopback peer that answers every command with junk, or a reply no script gives."""
    answer: bytes = request.param
    listener = socket.create_server(("127.0.0.1", 0))
    port: int = listener.getsockname()[1]

    def serve() -> None:
        while True:
            try:
                conn, _ = listener.accept()
            except OSError:
                return
            with conn:
                if conn.recv(65536):
                    conn.sendall(answer)

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield port
    listener.close()
    thread.join(timeout=5)


def test_a_reply_that_is_not_resp_is_an_error_quoting_nothing(
    not_redis: int, open_face: Callable[..., Face]
) -> None:
    face = open_face(f"redis://127.0.0.1:{not_redis}/0", socket_timeout=2)
    with pytest.raises(StoreError, match=r"^Redis is unavailable \(InvalidResponse\)$") as caught:
        face.claim(_key())
    assert isinstance(caught.value.__cause__, redis.exceptions.InvalidResponse)
    assert "hunter2" not in str(caught.value.__cause__)
