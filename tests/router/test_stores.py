"""Both stores keep the same promises: atomic claims that expire, done, and own-only release."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator

import pytest
import redis

from telnyx_gather.stores import Claim, MemoryStore, RedisStore, Store, StoreError
from tests.loopback import free_port
from tests.router.redis_server import RedisServer

Factory = Callable[..., Store]


@pytest.fixture(params=["memory", "redis"])
def make_store(request: pytest.FixtureRequest, redis_server: RedisServer) -> Iterator[Factory]:
    """Builds a store of each kind with the TTLs given; Redis starts from an empty database."""
    if request.param == "memory":
        yield lambda **ttls: MemoryStore(**ttls)
        return
    client = redis_server.client()
    client.flushdb()
    yield lambda **ttls: RedisStore(client, **ttls)
    client.close()


def wait_until_claimed(store: Store, key: str) -> Claim:
    """Poll until `key` can be claimed again (bounded, so a broken expiry fails the test)."""
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        claim = store.claim(key)
        if claim.state == "claimed":
            return claim
        time.sleep(0.01)
    pytest.fail(f"{key} was never claimable again")


def test_claim_then_busy_then_done(make_store: Factory) -> None:
    store = make_store()
    first = store.claim("ev-1")
    assert first.state == "claimed"
    assert first.token
    assert store.claim("ev-1") == Claim("busy")
    store.finish("ev-1", first.token)
    assert store.claim("ev-1") == Claim("done")
    assert store.claim("ev-2").state == "claimed"


def test_release_frees_only_the_holders_claim(make_store: Factory) -> None:
    store = make_store()
    mine = store.claim("ev-r")
    store.release("ev-r", "someone-else")
    assert store.claim("ev-r").state == "busy"
    store.release("ev-r", mine.token)
    again = store.claim("ev-r")
    assert again.state == "claimed"
    assert again.token != mine.token
    store.release("ev-r", mine.token)  # a late release of the old claim changes nothing
    assert store.claim("ev-r").state == "busy"


def test_a_claim_expires_but_done_outlives_it(make_store: Factory) -> None:
    store = make_store(claim_ttl=0.05, done_ttl=600.0)
    dead = store.claim("ev-dead")
    assert dead.state == "claimed"
    taken = wait_until_claimed(store, "ev-dead")
    store.release("ev-dead", dead.token)  # the dead worker's late release is ignored
    assert store.claim("ev-dead").state == "busy"
    store.finish("ev-dead", taken.token)
    time.sleep(0.1)  # longer than the claim TTL: the done mark must still hold
    assert store.claim("ev-dead").state == "done"


def test_exactly_one_of_many_threads_claims(make_store: Factory) -> None:
    store = make_store()
    barrier = threading.Barrier(8)
    states: list[str] = []

    def race() -> None:
        barrier.wait()
        states.append(store.claim("ev-race").state)

    threads = [threading.Thread(target=race) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(states) == ["busy"] * 7 + ["claimed"]


def test_memory_store_is_bounded_and_forgets_the_oldest() -> None:
    store = MemoryStore(max_events=3)
    for key in "abcd":
        store.finish(key, store.claim(key).token)
    assert len(store) == 3
    assert store.claim("a").state == "claimed"  # forgotten
    assert store.claim("d").state == "done"


@pytest.mark.parametrize(
    "kwargs",
    [{"claim_ttl": 0}, {"claim_ttl": 10, "done_ttl": 5}, {"max_events": 0}],
    ids=["zero claim ttl", "done shorter than claim", "no room"],
)
def test_bad_settings_are_refused(kwargs: dict[str, float]) -> None:
    with pytest.raises(ValueError, match=r"MemoryStore|TTL"):
        MemoryStore(**kwargs)


def test_redis_outage_raises_store_error_naming_no_secret() -> None:
    store = RedisStore.from_url(
        f"redis://:hunter2@127.0.0.1:{free_port()}/0", socket_connect_timeout=1
    )
    for operation in (
        lambda: store.claim("ev"),
        lambda: store.finish("ev", "t"),
        lambda: store.release("ev", "t"),
    ):
        with pytest.raises(StoreError, match="Redis is unavailable") as caught:
            operation()
        assert "hunter2" not in str(caught.value)
        assert isinstance(caught.value.__cause__, redis.ConnectionError)


def test_redis_keys_carry_the_prefix_and_expire(redis_server: RedisServer) -> None:
    client = redis_server.client()
    client.flushdb()
    store = RedisStore(client, prefix="app1:", claim_ttl=30, done_ttl=90)
    claim = store.claim("ev-k")
    assert 0 < client.pttl("app1:ev-k") <= 30_000
    store.finish("ev-k", claim.token)
    assert client.get("app1:ev-k") == b"done"
    assert 30_000 < client.pttl("app1:ev-k") <= 90_000
    client.close()
