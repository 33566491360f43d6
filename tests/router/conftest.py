"""Fixtures for the router tests: a signer and verifier, the real client, a RedisStore."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
import redis
from starlette.applications import Starlette
from starlette.testclient import TestClient

from telnyx_gather import GatherClient, Router, WebhookVerifier
from telnyx_gather.stores import RedisStore
from telnyx_gather.testing import WebhookSigner
from tests.loopback import Recorder
from tests.router.redis_server import RedisServer

API_KEY = "KEY0123456789ABCDEF_test"


@pytest.fixture
def redis_store(redis_server: RedisServer) -> Iterator[RedisStore]:
    client = redis_server.client()
    client.flushdb()
    try:
        yield RedisStore(client)
    finally:
        client.close()


RedisStoreFactory = Callable[..., RedisStore]
"""Builds a `RedisStore` on a server's URL, with the store's settings given."""


@pytest.fixture(params=["redis-py", "direct"])
def make_redis_store(request: pytest.FixtureRequest) -> Iterator[RedisStoreFactory]:
    """Stores on a client passed in (redis-py carries every call), or built by `from_url`
    (the store's own connections carry the hot calls); each closed at the end."""
    stores: list[RedisStore] = []

    def make(url: str, **settings: Any) -> RedisStore:
        timeouts = {"socket_timeout": 5.0, "socket_connect_timeout": 5.0}
        timeouts.update({k: settings.pop(k) for k in timeouts if k in settings})
        if request.param == "direct":
            store = RedisStore.from_url(url, **timeouts, **settings)
            assert store._wire is not None  # pyright: ignore[reportPrivateUsage]
        else:
            store = RedisStore(redis.Redis.from_url(url, **timeouts), **settings)
        stores.append(store)
        return store

    yield make
    for store in stores:
        store.close()


@pytest.fixture(scope="session")
def signer() -> WebhookSigner:
    return WebhookSigner(b"router tests key 000000000000000")


@pytest.fixture(scope="session")
def verifier(signer: WebhookSigner) -> WebhookVerifier:
    return WebhookVerifier(signer.public_key)


@pytest.fixture
def client(recorder: Recorder) -> Iterator[GatherClient]:
    """The real facade over loopback HTTP to the recorder, with no SDK retries."""
    with GatherClient(api_key=API_KEY, base_url=f"{recorder.url}/v2", max_retries=0) as gather:
        yield gather


@pytest.fixture
def ran() -> list[Any]:
    """What the tool handlers of a test ran, in order."""
    return []


def tools_http(router: Router[Any]) -> TestClient:
    """An HTTP client of a Starlette app serving `router`'s tools at `/tools/{name}`."""
    from telnyx_gather.integrations.starlette import serve_tools

    app = Starlette()
    app.add_route("/tools/{name}", serve_tools(router), methods=["POST"])
    return TestClient(app)
