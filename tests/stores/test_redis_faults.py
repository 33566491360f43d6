"""The Redis stores' own connections under faults: a server that never accepts, a database
that does not exist, a burst of threads, and a store closed from another event loop.
"""

from __future__ import annotations

import asyncio
import gc
import socket
import threading
from collections.abc import Callable, Iterator
from contextlib import ExitStack, suppress
from pathlib import Path

import pytest
import redis

from telnyx_gather._redis_aio import AsyncWire, _Connection  # pyright: ignore[reportPrivateUsage]
from telnyx_gather._redis_conn import KEEP
from telnyx_gather._redis_wire import Address
from telnyx_gather.stores import AsyncRedisStore, Claim, RedisStore, StoreError
from tests.loopback import fill_accept_queue
from tests.router.redis_server import RedisServer
from tests.stores.faces import Face, new_key


@pytest.fixture(params=["tcp", "unix"])
def never_accepts(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """The URL of a listener whose accept queue is full: a new connection never completes."""
    with ExitStack() as stack:
        if request.param == "unix":
            path = str(tmp_path / "full.sock")
            listener = stack.enter_context(socket.socket(socket.AF_UNIX, socket.SOCK_STREAM))
            listener.bind(path)
            listener.listen(0)
            fillers = fill_accept_queue(socket.AF_UNIX, path)
            url = f"unix://{path}"
        else:
            listener = stack.enter_context(socket.create_server(("127.0.0.1", 0), backlog=0))
            where = listener.getsockname()
            fillers = fill_accept_queue(socket.AF_INET, where)
            url = f"redis://127.0.0.1:{where[1]}/0"
        for filler in fillers:
            stack.enter_context(filler)
        yield url


def test_a_server_that_never_accepts_fails_the_call_instead_of_waiting(
    never_accepts: str, open_face: Callable[..., Face]
) -> None:
    face = open_face(never_accepts, socket_connect_timeout=0.2)
    with pytest.raises(StoreError, match=r"^Redis is unavailable \(") as caught:
        face.claim(new_key())
    if never_accepts.startswith("redis:"):  # a Unix socket refuses at once (EAGAIN) instead
        assert str(caught.value.__cause__) == "Timeout connecting to the Redis server"


@pytest.mark.parametrize(
    ("credentials", "database", "error"),
    [("", "99", "ResponseError"), (":s3cret@", "0", "AuthenticationError")],
    ids=["no-such-database", "password-not-asked-for"],
)
def test_a_greeting_the_server_refuses_fails_the_call(
    credentials: str,
    database: str,
    error: str,
    redis_server: RedisServer,
    open_face: Callable[..., Face],
) -> None:
    face = open_face(f"redis://{credentials}127.0.0.1:{redis_server.port}/{database}")
    with pytest.raises(StoreError, match=rf"^Redis is unavailable \({error}\)$"):
        face.claim(new_key())


def test_a_burst_of_threads_leaves_at_most_keep_idle_sockets() -> None:
    server = RedisServer()  # its own: the connections counted are this test's alone
    admin = server.client()
    store = RedisStore.from_url(server.url, check_persistence=False)
    wire = store._wire  # pyright: ignore[reportPrivateUsage]
    admin.client_pause(60_000, all=False)  # writes (the claim script) wait; INFO does not
    claims: list[Claim] = []
    threads = [
        threading.Thread(target=lambda: claims.append(store.claim(new_key())))
        for _ in range(KEEP + 4)
    ]
    try:
        for thread in threads:
            thread.start()
        for _ in range(3000):  # until each thread is on a socket of its own (a bound, not a timing)
            if int(admin.info("clients")["connected_clients"]) == 1 + KEEP + 4:
                break
            threading.Event().wait(0.01)
    finally:
        admin.client_unpause()
    for thread in threads:
        thread.join()
    try:
        assert [claim.state for claim in claims] == ["claimed"] * (KEEP + 4)
        assert len(wire._idle) == KEEP  # pyright: ignore[reportPrivateUsage]
        store.close()
        assert len(wire._idle) == 0  # pyright: ignore[reportPrivateUsage]
    finally:
        admin.close()
        server.stop()


def test_no_socket_timeout_waits_as_long_as_it_takes(
    redis_server: RedisServer, open_face: Callable[..., Face]
) -> None:
    face = open_face(redis_server.url, socket_timeout=None)
    key = new_key()
    assert face.claim(key).state == "claimed"
    assert face.claim(key).state == "busy"


def test_a_server_that_stops_answering_its_greeting_times_out(
    open_face: Callable[..., Face], caplog: pytest.LogCaptureFixture
) -> None:
    server = RedisServer(password="s3cret")
    gc.collect()  # what earlier tests left is collected before this one looks
    caplog.clear()
    try:  # AUTH and SELECT: every error of the two is retrieved, none left to the collector
        face = open_face(f"redis://:s3cret@127.0.0.1:{server.port}/3", socket_timeout=0.3)
        server.pause()
        with pytest.raises(StoreError, match=r"^Redis is unavailable \(TimeoutError\)$"):
            face.claim(new_key())
        server.resume()
        assert face.claim(new_key()).state == "claimed"  # a new connection replaces it
        gc.collect()
    finally:
        server.stop()
    assert "never retrieved" not in caplog.text


def test_a_url_without_a_port_means_redis_default_port() -> None:
    address = Address.parse("redis://127.0.0.1/0", {})
    assert address is not None
    assert (address.host, address.port) == ("127.0.0.1", 6379)


def _wire(store: AsyncRedisStore) -> AsyncWire:
    wire = store._wire  # pyright: ignore[reportPrivateUsage]
    assert isinstance(wire, AsyncWire)
    return wire


def _connection(store: AsyncRedisStore, loop: asyncio.AbstractEventLoop) -> _Connection:
    return _wire(store)._opened[loop].result()  # pyright: ignore[reportPrivateUsage]


def test_aclose_closes_its_own_loops_connection_before_it_returns(
    redis_server: RedisServer,
) -> None:
    async def scenario() -> bool:
        store = AsyncRedisStore.from_url(redis_server.url, check_persistence=False)
        await store.claim(new_key())
        connection = _connection(store, asyncio.get_running_loop())
        await _wire(store).aclose()
        still_open = connection.open
        await store.aclose()
        return still_open

    assert asyncio.run(scenario()) is False


def test_aclose_fails_the_calls_in_flight_on_another_loop(
    redis_server: RedisServer, admin: redis.Redis
) -> None:
    store = AsyncRedisStore.from_url(redis_server.url, check_persistence=False)
    first, second = asyncio.new_event_loop(), asyncio.new_event_loop()
    try:
        first.run_until_complete(store.claim(new_key()))
        connection = _connection(store, first)
        admin.client_pause(60_000, all=False)  # the next claim waits for its answer
        waiting = first.create_task(store.claim(new_key()))
        while not connection.waiting:
            first.run_until_complete(asyncio.sleep(0))
        second.run_until_complete(_wire(store).aclose())  # from a loop of its own
        with pytest.raises(StoreError, match=r"^Redis is unavailable \(ConnectionError\)$"):
            first.run_until_complete(waiting)
    finally:
        admin.client_unpause()
        first.run_until_complete(store.aclose())
        first.close()
        second.close()


def test_aclose_after_a_failed_opening_closes_the_other_loops_connection() -> None:
    server = RedisServer()
    store = AsyncRedisStore.from_url(
        server.url.replace("/0", "/3"), socket_timeout=0.3, check_persistence=False
    )
    failed, working = asyncio.new_event_loop(), asyncio.new_event_loop()
    try:
        server.pause()
        with pytest.raises(StoreError):  # its greeting times out: the opening failed
            failed.run_until_complete(store.claim(new_key()))
        server.resume()
        working.run_until_complete(store.claim(new_key()))
        connection = _connection(store, working)
        working.run_until_complete(_wire(store).aclose())
        assert connection.open is False
    finally:
        working.run_until_complete(store.aclose())
        failed.close()
        working.close()
        server.stop()


def test_aclose_while_a_connection_is_opening_gives_it_up(never_accepts: str) -> None:
    async def scenario() -> bool:
        store = AsyncRedisStore.from_url(
            never_accepts, socket_connect_timeout=30, check_persistence=False
        )
        waiting = asyncio.ensure_future(store.claim(new_key()))
        while asyncio.get_running_loop() not in _wire(store)._opened:  # pyright: ignore[reportPrivateUsage]
            await asyncio.sleep(0)
        await _wire(store).aclose()
        with suppress(asyncio.CancelledError, StoreError):
            await waiting
        await store.aclose()
        return waiting.done()

    assert asyncio.run(scenario()) is True


@pytest.mark.parametrize("not_redis", [b"-ERR invalid password\r\n"], ids=["old"], indirect=True)
def test_an_older_servers_wrong_password_is_an_authentication_error(
    not_redis: int, open_face: Callable[..., Face]
) -> None:
    face = open_face(f"redis://:hunter2@127.0.0.1:{not_redis}/0", socket_timeout=2)
    with pytest.raises(
        StoreError, match=r"^Redis is unavailable \(AuthenticationError\)$"
    ) as caught:
        face.claim(new_key())
    assert str(caught.value.__cause__) == "ERR invalid password"


def test_aclose_during_a_two_command_greeting_gives_the_connection_up() -> None:
    server = RedisServer(password="s3cret")

    async def scenario() -> bool:
        url = f"redis://:s3cret@127.0.0.1:{server.port}/3"
        store = AsyncRedisStore.from_url(url, check_persistence=False)
        server.pause()  # AUTH and SELECT go out, and wait for their answers
        waiting = asyncio.ensure_future(store.claim(new_key()))
        await asyncio.sleep(0.2)  # lets it connect and send (not a timing assertion)
        await _wire(store).aclose()
        with suppress(asyncio.CancelledError):
            await waiting
        server.resume()
        await store.aclose()
        return waiting.cancelled()

    try:
        assert asyncio.run(scenario()) is True
    finally:
        server.stop()
