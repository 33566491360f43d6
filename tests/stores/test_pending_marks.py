"""What happens to `RedisStore(write_behind=...)`'s pending finish marks: the flusher thread, outages.

Every test runs against a real `redis-server`. Nothing here waits a fixed
time: each waits, with a bound, for what it expects to see.
"""

from __future__ import annotations

import itertools
import logging
import threading
import time
from collections.abc import Callable

import pytest
import redis

import telnyx_gather._pipelining
from telnyx_gather.stores import Claim, RedisStore, StoreError
from tests.router.redis_server import RedisServer

_prefixes = itertools.count()

NEVER = 3600.0
"""A `write_behind` no test outlasts: only a claim (or `flush`) writes the marks."""

BOUND = 20.0
"""Seconds a test waits for what it expects before it fails."""

COULD_NOT = "could not write"
OUTAGE = (
    "could not write {} finish mark(s) to the store (Redis is unavailable (ConnectionError)); "
    "they go with the next round trip"
)


def _prefix() -> str:
    return f"pm{next(_prefixes)}:"


def _comes(condition: Callable[[], bool]) -> bool:
    """Whether `condition` holds within `BOUND` seconds (its pace is not asserted)."""
    deadline = time.monotonic() + BOUND
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.005)
    return True


def _on(server: RedisServer, write_behind: float) -> RedisStore:
    """A store of `server` that finds it down within a second."""
    return RedisStore.from_url(
        server.url,
        write_behind=write_behind,
        check_persistence=False,
        socket_connect_timeout=1,
        socket_timeout=1,
    )


def _flusher(store: RedisStore) -> threading.Thread | None:
    return store._flusher._thread  # pyright: ignore[reportPrivateUsage]


def test_the_flusher_writes_each_mark_no_claim_carried(redis_server: RedisServer) -> None:
    client, prefix = redis_server.client(), _prefix()
    store = RedisStore(client, prefix=prefix, write_behind=0.01, check_persistence=False)
    for key in ("ev-1", "ev-2", "ev-3"):  # one after another, each on its own
        store.finish_soon(key, store.claim(key).token)
        assert _comes(lambda key=key: client.get(prefix + key) == b"done"), key
    store.close()
    client.close()


def test_the_flusher_thread_is_a_named_daemon(redis_server: RedisServer) -> None:
    client = redis_server.client()
    store = RedisStore(client, prefix=_prefix(), write_behind=NEVER, check_persistence=False)
    store.finish_soon("ev-d", store.claim("ev-d").token)
    thread = _flusher(store)
    assert thread is not None
    assert thread.is_alive()
    assert thread.daemon  # never keeps the process alive at exit
    assert thread.name == "telnyx-gather-marks"
    store.finish_soon("ev-e", store.claim("ev-e").token)
    assert _flusher(store) is thread  # one thread per store, however many marks
    assert [t for t in threading.enumerate() if t is thread] == [thread]
    store.close()
    thread.join(BOUND)
    assert not thread.is_alive()
    client.close()


def test_an_idle_flusher_stops_and_the_next_mark_starts_it_again(
    redis_server: RedisServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(telnyx_gather._pipelining, "IDLE", 0.05)
    crashes: list[threading.ExceptHookArgs] = []
    monkeypatch.setattr(threading, "excepthook", crashes.append)
    client, prefix = redis_server.client(), _prefix()
    store = RedisStore(client, prefix=prefix, write_behind=0.005, check_persistence=False)
    for key in ("ev-i1", "ev-i2"):
        store.finish_soon(key, store.claim(key).token)
        first = _flusher(store)
        assert first is not None
        assert _comes(lambda key=key: client.get(prefix + key) == b"done")
        first.join(BOUND)  # idle once its mark is written: it stops by itself
        assert not first.is_alive()
        assert _flusher(store) is None
    store.close()
    client.close()
    assert crashes == []  # it stopped by itself, not by an exception


@pytest.mark.parametrize("speaks", ["redis-py", "direct"])
def test_close_waits_for_the_flushers_write_under_way(
    redis_server: RedisServer, monkeypatch: pytest.MonkeyPatch, speaks: str
) -> None:
    crashes: list[threading.ExceptHookArgs] = []
    monkeypatch.setattr(threading, "excepthook", crashes.append)
    if speaks == "direct":
        store = _on(redis_server, write_behind=0.005)
    else:
        client = redis.Redis.from_url(redis_server.url, socket_timeout=1)
        store = RedisStore(client, write_behind=0.005, check_persistence=False)
    token = store.claim("ev-c1").token
    marks = store._flusher.marks  # pyright: ignore[reportPrivateUsage]
    taken = marks.taken
    redis_server.pause()
    try:
        store.finish_soon("ev-c1", token)
        thread = _flusher(store)
        assert thread is not None
        assert _comes(lambda: marks.taken > taken)  # its write is under way, unanswered
        store.close()  # the write times out; close waits for it before closing the client
        assert not thread.is_alive()
    finally:
        redis_server.resume()
    assert crashes == []


def test_a_flusher_whose_mark_a_claim_carried_idles_out_quietly(
    redis_server: RedisServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(telnyx_gather._pipelining, "IDLE", 0.2)
    crashes: list[threading.ExceptHookArgs] = []
    monkeypatch.setattr(threading, "excepthook", crashes.append)
    client, prefix = redis_server.client(), _prefix()
    store = RedisStore(client, prefix=prefix, write_behind=0.5, check_persistence=False)
    store.finish_soon("ev-q1", store.claim("ev-q1").token)
    thread = _flusher(store)
    assert thread is not None
    store.claim("ev-q2")  # carries the mark before the flusher first wakes
    assert client.get(prefix + "ev-q1") == b"done"
    thread.join(BOUND)  # it finds nothing to write, idles, and stops
    assert not thread.is_alive()
    assert crashes == []
    store.close()
    client.close()


def test_flush_in_an_outage_raises_and_keeps_the_marks_for_later(
    caplog: pytest.LogCaptureFixture,
) -> None:
    server = RedisServer()
    try:
        store = _on(server, NEVER)
        store.finish_soon("ev-o", store.claim("ev-o").token)
        server.kill()
        with (
            caplog.at_level(logging.WARNING, "telnyx_gather.stores"),
            pytest.raises(StoreError, match=r"^Redis is unavailable"),
        ):
            store.flush()
        [record] = caplog.records
        assert record.getMessage() == OUTAGE.format(1)
        pending = store.claim("ev-o")  # still pending here: answered from memory
        with pytest.raises(StoreError):
            store.flush()  # given back again, and raised again
        server.start()
        store.flush()
        written = server.client().get("telnyx-gather:event:ev-o")
        store.flush()  # nothing left: no round trip, no error
        store.close()
    finally:
        server.stop()
    assert pending == Claim("done")
    assert written == b"done"


def test_an_outage_is_logged_once_and_so_is_the_recovery(
    caplog: pytest.LogCaptureFixture,
) -> None:
    server = RedisServer()
    try:
        store = _on(server, NEVER)
        claims = {key: store.claim(key) for key in ("ev-l1", "ev-l2")}
        for key, claim in claims.items():
            store.finish_soon(key, claim.token)
        server.kill()
        bare = RedisStore.from_url(server.url, check_persistence=False, socket_connect_timeout=1)
        with caplog.at_level(logging.WARNING, "telnyx_gather.stores"):
            with pytest.raises(StoreError):
                bare.claim("ev-l0")  # no mark pending: nothing to log
            for key in ("ev-l3", "ev-l4"):
                with pytest.raises(StoreError):
                    store.claim(key)
            with pytest.raises(StoreError):
                store.flush()
            failed = [r.getMessage() for r in caplog.records]
            server.start()
            assert store.claim("ev-l5").state == "claimed"  # the marks ride on it
            store.finish_soon("ev-l5", "t")
            store.flush()  # written with no outage before it: nothing logged
            logged = [r.getMessage() for r in caplog.records]
        store.close()
        bare.close()
    finally:
        server.stop()
    assert failed == [OUTAGE.format(2)]
    assert [m for m in logged if COULD_NOT not in m] == [
        "the store's Redis is back: pending finish marks were written"
    ]
    assert all(r.levelno == logging.WARNING for r in caplog.records)


def test_a_store_closed_in_an_outage_leaves_no_flusher_running(
    caplog: pytest.LogCaptureFixture,
) -> None:
    server = RedisServer()
    try:
        store = _on(server, 0.005)
        claim = store.claim("ev-x")
        server.kill()
        with caplog.at_level(logging.WARNING, "telnyx_gather.stores"):
            store.finish_soon("ev-x", claim.token)  # the flusher tries, fails, keeps it
            thread = _flusher(store)
            assert thread is not None
            assert _comes(lambda: caplog.records != [])
            assert thread.is_alive()  # its failure is kept pending, not raised in the thread
        store.close()  # its last flush fails too: the mark is lost with the process
        thread.join(BOUND)
        assert not thread.is_alive()
        assert _flusher(store) is None
    finally:
        server.stop()


def test_marks_outlive_an_outage_and_go_with_the_first_claim_after_it() -> None:
    server = RedisServer()
    try:
        store = _on(server, NEVER)
        store.finish_soon("ev-out", store.claim("ev-out").token)
        server.kill()
        with pytest.raises(StoreError):
            store.claim("ev-during")  # fails, and gives the mark back
        during = store.claim("ev-out")  # answered from memory: no round trip
        server.start()
        store.claim("ev-after")
        written = server.client().get("telnyx-gather:event:ev-out")
        store.close()
    finally:
        server.stop()
    assert during == Claim("done")
    assert written == b"done"
