"""The Redis stores' own connections (`from_url` with a plain URL), against a real `redis-server`.

Which URLs they take, and what they survive: a connection the server
closes, a server that stops answering, a flushed script cache, a password,
an ACL user, a database number, TLS, a Unix socket, and a peer that answers
something that is not RESP.
"""

from __future__ import annotations

import asyncio
import os
import socket
import ssl
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import redis

from telnyx_gather._redis_conn import _kernel_times_out  # pyright: ignore[reportPrivateUsage]
from telnyx_gather.stores import AsyncRedisStore, Claim, RedisStore, StoreError
from tests.client.tls import server_context
from tests.loopback import free_port
from tests.router.redis_server import RedisServer
from tests.stores.faces import Face, connections, direct, new_key


@pytest.mark.parametrize(
    ("url", "options", "speaks"),
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
        ("redis://127.0.0.1:6379/0", {"socket_connect_timeout": "1"}, False),
        ("redis://127.0.0.1:6379/0", {"ssl_ca_certs": "/etc/ca.pem"}, False),
        ("redis://127.0.0.1:6379/X", {}, False),
        ("unix:///tmp/redis.sock", {}, True),
        ("unix:///tmp/redis.sock?password=", {}, False),
        ("unix://localhost/tmp/redis.sock", {}, False),
    ],
)
def test_which_urls_the_store_speaks_to_itself(
    url: str, options: dict[str, Any], speaks: bool
) -> None:
    store = RedisStore.from_url(url, check_persistence=False, **options)
    assert direct(store) is speaks
    store.close()


def test_a_cluster_url_stays_with_redis_py() -> None:
    async_store = AsyncRedisStore.from_url(
        "redis://127.0.0.1:6379/0", cluster=True, check_persistence=False
    )
    assert not direct(async_store)
    asyncio.run(async_store.aclose())


def test_one_connection_carries_call_after_call(
    redis_server: RedisServer, admin: redis.Redis, open_face: Callable[..., Face]
) -> None:
    face = open_face(redis_server.url)
    face.claim(new_key())
    opened = connections(admin)
    for _ in range(20):
        key = new_key()
        face.finish(key, face.claim(key).token)

    assert connections(admin) == opened


def test_the_next_call_reconnects_after_the_server_closes_the_connection(
    redis_server: RedisServer, admin: redis.Redis, open_face: Callable[..., Face]
) -> None:
    face = open_face(redis_server.url)
    first = face.claim(key := new_key())
    killed = admin.client_kill_filter(_type="normal", skipme=True)
    face.tick()

    assert killed >= 1
    assert first.state == "claimed"
    assert face.claim(key).state == "busy"
    assert face.claim(new_key()).state == "claimed"


def test_a_forked_worker_opens_its_own_connection(redis_server: RedisServer) -> None:
    store = RedisStore.from_url(redis_server.url, check_persistence=False)
    key = new_key()
    assert store.claim(key).state == "claimed"  # the parent's socket is idle now
    child = os.fork()
    if child == 0:  # the child reports through its exit status
        fine = store.claim(key).state == "busy" and store.claim(new_key()).state == "claimed"
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
        key = new_key()
        assert face.claim(key).state == "claimed"
        server.pause()
        with pytest.raises(StoreError, match=r"^Redis is unavailable \(TimeoutError\)$") as caught:
            face.claim(new_key())
        server.resume()

        assert isinstance(caught.value.__cause__, redis.TimeoutError)
        assert str(caught.value.__cause__) == "Timeout reading from the Redis server"
        assert face.claim(key).state == "busy"  # a new connection, in step with the server
    finally:
        server.stop()


def test_a_call_times_out_after_its_socket_timeout_not_before_and_not_never(
    open_face: Callable[..., Face],
) -> None:
    # The sync store's sockets time out in the kernel (`SO_RCVTIMEO`): a value
    # packed wrong would end the call at once, or never. Marks well before and
    # well after 2 s (1.5 s and 4 s of slack, for a loaded machine) say which;
    # the late one also wakes the server, so a call that never times out fails
    # here instead of hanging.
    server = RedisServer()
    marks: list[str] = []
    try:
        face = open_face(server.url, socket_timeout=2.0)
        assert face.claim(new_key()).state == "claimed"
        server.pause()
        early = threading.Timer(0.5, marks.append, ["0.5 s"])
        late = threading.Timer(6.0, lambda: (marks.append("6 s"), server.resume()))
        early.start()
        late.start()
        with pytest.raises(StoreError, match=r"\(TimeoutError\)$"):
            face.claim(new_key())
        seen = list(marks)
        late.cancel()
        early.cancel()
        server.resume()
        assert seen == ["0.5 s"]
    finally:
        server.stop()


def test_only_the_standard_librarys_plain_socket_times_out_in_the_kernel() -> None:
    class Green(socket.socket):  # as gevent's and eventlet's sockets: another class
        pass

    context = ssl.create_default_context()
    with (
        socket.socket() as plain,
        Green() as green,
        context.wrap_socket(
            socket.socket(), server_hostname="localhost", do_handshake_on_connect=False
        ) as tls,
    ):
        assert [_kernel_times_out(s) for s in (plain, green, tls)] == [True, False, False]


def test_an_async_call_times_out_from_its_own_start_and_an_answered_one_never_does(
    admin: redis.Redis, redis_server: RedisServer
) -> None:
    # No time is asserted: the loop fires its timers in the order they are due, so
    # two marks set around the first call's timeout say which timeout ended it.
    async def scenario() -> tuple[list[str], bool, int]:
        store = AsyncRedisStore.from_url(
            redis_server.url, socket_timeout=1.0, check_persistence=False
        )
        loop = asyncio.get_running_loop()
        await store.claim(new_key())  # answered: its timeout must not fire later
        wire = store._wire  # pyright: ignore[reportPrivateUsage]
        assert wire is not None
        assert not wire._timeouts.here().due  # pyright: ignore[reportPrivateUsage]  # nothing held
        await asyncio.sleep(1.1)
        opened = connections(admin)
        await store.claim(new_key())  # on the same connection, still open
        reopened = connections(admin) - opened
        admin.client_pause(5000)
        started = loop.time()
        passed: list[str] = []
        loop.call_at(started + 0.9, passed.append, "not yet its own timeout")
        loop.call_at(started + 1.5, passed.append, "the second call's start + 0.7 s")

        async def given_up() -> list[str]:
            with pytest.raises(StoreError, match=r"^Redis is unavailable \(TimeoutError\)$"):
                await store.claim(new_key())
            return list(passed)

        first = asyncio.ensure_future(given_up())
        await asyncio.sleep(0.8)  # the second call's own timeout would come at 1.8 s
        second = asyncio.ensure_future(given_up())
        passed_at_first = await first
        for _ in range(3):  # no time passes: only the loop's turns that settle it
            await asyncio.sleep(0)
        with_first = second.done()
        await second
        admin.client_unpause()
        await store.aclose()
        return passed_at_first, with_first, reopened

    passed_at_first, second_with_first, reopened = asyncio.run(scenario())
    assert reopened == 0
    # Its own timeout (at 1.0 s), not the second call's (at 1.8 s) ...
    assert passed_at_first == ["not yet its own timeout"]
    assert second_with_first  # ... and the connection fails with it, failing the other call


def test_a_call_given_up_in_flight_leaves_the_next_replies_in_step() -> None:
    server = RedisServer()

    async def scenario() -> list[Claim]:
        store = AsyncRedisStore.from_url(server.url, check_persistence=False)
        await store.claim(new_key())  # the connection is open
        server.pause()
        gone = asyncio.ensure_future(store.claim(first := new_key()))
        await asyncio.sleep(0.05)  # sent, and waiting for the reply
        gone.cancel()
        server.resume()
        claims = [await store.claim(second := new_key()), await store.claim(first)]
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
        await store.claim(new_key())
        admin.client_pause(1000)  # the next call waits for its reply
        waiting = asyncio.ensure_future(store.claim(new_key()))
        await asyncio.sleep(0.05)
        admin.client_kill_filter(_type="normal", skipme=True)
        with pytest.raises(StoreError) as caught:
            await waiting
        admin.client_unpause()
        after = await store.claim(new_key())
        await store.aclose()
        return str(caught.value), after

    error, after = asyncio.run(scenario())
    assert error == "Redis is unavailable (ConnectionError)"
    assert after.state == "claimed"


def test_a_flushed_script_cache_is_filled_again(
    redis_server: RedisServer, admin: redis.Redis, open_face: Callable[..., Face]
) -> None:
    face = open_face(redis_server.url)
    face.claim(new_key())
    admin.script_flush()
    key = new_key()

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
            key = new_key()
            face.claim(key)
            assert direct(face.store)
            assert redis.Redis(port=server.port, db=db, password="s3cret").exists("p:" + key)
        wrong = open_face(f"redis://agent:nope@127.0.0.1:{server.port}/0")
        with pytest.raises(StoreError, match=r"^Redis is unavailable \(AuthenticationError\)$"):
            wrong.claim(new_key())
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
        key = new_key()
        assert direct(face.store)
        assert face.claim(key).state == "claimed"
        admin = server.client()
        opened = connections(admin)
        for _ in range(5):
            assert face.claim(key).state == "busy"
        assert connections(admin) == opened  # the connection is kept, not opened anew
        admin.close()
        timed = open_face(
            f"rediss://localhost:{tls_port}/0",
            ssl_ca_certs=str(tmp_path / "ca.pem"),
            socket_timeout=0.3,
        )
        assert timed.claim(new_key()).state == "claimed"
        server.pause()
        waking = threading.Timer(3.0, server.resume)  # a call that never times out fails
        waking.start()
        with pytest.raises(StoreError, match=r"^Redis is unavailable \(TimeoutError\)$"):
            timed.claim(new_key())
        waking.cancel()
        server.resume()
        untrusted = open_face(f"rediss://localhost:{tls_port}/0", socket_connect_timeout=2)
        with pytest.raises(StoreError, match=r"^Redis is unavailable \(ConnectionError\)$"):
            untrusted.claim(new_key())
    finally:
        server.stop()


def test_a_unix_socket_and_its_database(tmp_path: Path, open_face: Callable[..., Face]) -> None:
    path = tmp_path / "redis.sock"
    server = RedisServer(args=["--unixsocket", str(path)])
    try:
        face = open_face(f"unix://{path}?db=4", prefix="u:")
        key = new_key()
        assert direct(face.store)
        token = face.claim(key).token
        face.finish(key, token)
        assert face.claim(key) == Claim("done")
        assert redis.Redis(port=server.port, db=4).get("u:" + key) == b"done"
    finally:
        server.stop()


@pytest.mark.parametrize(
    ("not_redis", "error", "message", "async_message"),
    [
        (
            b"?hunter2 is not a reply\r\n",
            "InvalidResponse",
            "a reply starts with an unknown type byte",
            None,
        ),
        (
            b"$7\r\nhunter2\r\n",
            "InvalidResponse",
            "Redis answered a store script unexpectedly",
            None,
        ),
        (
            b"",  # it hangs up without answering
            "ConnectionError",
            "Error talking to the Redis server (closed by the server)",
            "Connection closed by the Redis server",
        ),
    ],
    ids=["junk", "odd", "silent"],
    indirect=["not_redis"],
)
def test_a_peer_that_is_not_redis_is_an_error_quoting_nothing(
    not_redis: int,
    error: str,
    message: str,
    async_message: str | None,
    is_async: bool,
    open_face: Callable[..., Face],
) -> None:
    face = open_face(f"redis://127.0.0.1:{not_redis}/0", socket_timeout=2)
    with pytest.raises(StoreError, match=rf"^Redis is unavailable \({error}\)$") as caught:
        face.claim(new_key())
    assert isinstance(caught.value.__cause__, getattr(redis.exceptions, error))
    assert str(caught.value.__cause__) == (async_message if is_async and async_message else message)
