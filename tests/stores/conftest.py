"""The store tests' fixtures: a factory of fresh stores per kind in `kinds.py`, and `Face`s."""

from __future__ import annotations

import socket
import threading
from collections.abc import Callable, Iterator
from typing import Any

import pytest
import redis

from tests.router.redis_server import RedisServer
from tests.stores.faces import Face
from tests.stores.kinds import BOUNDED, CLOCKED, KINDS, Factory, Kind


def _open(kind: Kind, request: pytest.FixtureRequest) -> Iterator[Factory]:
    with kind.open(request.getfixturevalue(kind.server)) as factory:
        yield factory


@pytest.fixture(params=KINDS, ids=lambda kind: kind.name)
def make_store(request: pytest.FixtureRequest) -> Iterator[Factory]:
    """Builds an empty store of each kind with the settings given."""
    yield from _open(request.param, request)


@pytest.fixture(params=CLOCKED, ids=lambda kind: kind.name)
def make_clocked_store(request: pytest.FixtureRequest) -> Iterator[Factory]:
    """As `make_store`, for the kinds that read a clock they are given."""
    yield from _open(request.param, request)


@pytest.fixture(params=BOUNDED, ids=lambda kind: kind.name)
def make_bounded_store(request: pytest.FixtureRequest) -> Iterator[Factory]:
    """As `make_store`, for the kinds that hold at most `max_events` entries."""
    yield from _open(request.param, request)


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


@pytest.fixture
def not_redis(request: pytest.FixtureRequest) -> Iterator[int]:
    """A loopback peer that answers every command with the bytes given, then hangs up."""
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
    listener.shutdown(socket.SHUT_RDWR)  # wakes the thread from accept()
    listener.close()
    thread.join(timeout=5)
