"""`handle_async` renews its lease from the event loop, and stops sending once it is lost.

A handler that outlasts several leases keeps its event: a second delivery
meanwhile finds it busy. With `AsyncRedisStore` the renewal is awaited on the
loop; with a synchronous store it is a call from a loop timer. A lease taken
by another worker (a real `redis-server`) is noticed by the next renewal.
"""

from __future__ import annotations

import asyncio
import gc
import logging
from collections.abc import Iterator

import pytest

from telnyx_gather import CallGatherEnded, GatherClient, Router, StopGather, WebhookVerifier
from telnyx_gather.commands import Command
from telnyx_gather.router import Outcome
from telnyx_gather.stores import (
    AsyncRedisStore,
    AsyncStore,
    Claim,
    MemoryStore,
    RedisStore,
    Store,
    StoreError,
)
from telnyx_gather.testing import WebhookSigner, call_gather_ended
from tests.loopback import Recorder
from tests.router.redis_server import RedisServer

LEASE = 1.2  # renewed every 0.4 s; the handler below holds it for two leases and more
BODY = call_gather_ended(event_id="ev-long")


class Blinking(MemoryStore):
    """A real `MemoryStore` whose first renewal fails, as a Redis blip's would; it counts them."""

    def __init__(self) -> None:
        super().__init__(lease=LEASE)
        self.renewals = 0

    def renew(self, key: str, token: str) -> bool:
        self.renewals += 1
        if self.renewals == 1:
            raise StoreError("the store is unavailable (a blip)")
        return super().renew(key, token)


class AsyncBlinking:
    """`Blinking` behind awaitable methods: an `AsyncStore`."""

    def __init__(self) -> None:
        self.inner = Blinking()
        self.lease = LEASE

    async def claim(self, key: str) -> Claim:
        return self.inner.claim(key)

    async def renew(self, key: str, token: str) -> bool:
        return self.inner.renew(key, token)

    async def finish(self, key: str, token: str) -> None:
        self.inner.finish(key, token)

    async def release(self, key: str, token: str) -> None:
        self.inner.release(key, token)


# A run now and then leaves one asyncio Redis connection to the garbage
# collector (cause not yet found). Collected
# here, its ResourceWarning is this module's, not the next test's error.
pytestmark = pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")


@pytest.fixture(autouse=True)
def _collect_leftovers() -> Iterator[None]:
    yield
    gc.collect()


def _store(kind: str, redis_server: RedisServer) -> Store | AsyncStore:
    if kind == "memory":
        return MemoryStore(lease=LEASE)
    if kind == "blinking":
        return Blinking()
    if kind == "async-blinking":
        return AsyncBlinking()
    redis_server.client().flushdb()
    if kind == "redis":
        return RedisStore.from_url(redis_server.url, lease=LEASE, check_persistence=False)
    return AsyncRedisStore.from_url(redis_server.url, lease=LEASE, check_persistence=False)


def _renewals(store: Store | AsyncStore) -> int:
    inner = store.inner if isinstance(store, AsyncBlinking) else store
    return inner.renewals if isinstance(inner, Blinking) else 0


@pytest.mark.parametrize("kind", ["memory", "redis", "async-redis", "blinking", "async-blinking"])
def test_a_handler_outlasting_its_lease_keeps_the_event_under_handle_async(
    verifier: WebhookVerifier,
    client: GatherClient,
    signer: WebhookSigner,
    recorder: Recorder,
    redis_server: RedisServer,
    caplog: pytest.LogCaptureFixture,
    kind: str,
) -> None:
    store = _store(kind, redis_server)
    router = Router(verifier=verifier, client=client, store=store, busy_wait=0, deadline=None)
    runs: list[str] = []

    async def scenario() -> tuple[Outcome, list[Outcome], int]:
        answered = asyncio.Event()

        @router.on(CallGatherEnded)
        async def long(event: CallGatherEnded) -> Command:
            runs.append(event.id)
            await asyncio.wait_for(answered.wait(), 30)
            return StopGather()

        first = asyncio.create_task(router.handle_async(BODY, signer.sign(BODY)))
        for _ in range(1000):  # until the handler runs (bounded: a broken router ends it)
            if runs or first.done():
                break
            await asyncio.sleep(0.01)
        assert runs == ["ev-long"]
        redeliveries = []
        for _ in range(2):  # two leases and more after the claim, each found busy
            await asyncio.sleep(LEASE * 1.2)
            redeliveries.append(await router.handle_async(BODY, signer.sign(BODY)))
        answered.set()
        done = await first
        renewed = _renewals(store)
        await asyncio.sleep(LEASE)  # three renewal periods after the delivery ended
        if isinstance(store, AsyncRedisStore):
            await store.aclose()
        return done, redeliveries, _renewals(store) - renewed

    with caplog.at_level(logging.ERROR, "asyncio"):
        first, redeliveries, renewed_after = asyncio.run(scenario())
    if isinstance(store, RedisStore):
        store.close()

    assert [o.reason for o in redeliveries] == ["in_progress", "in_progress"]
    assert (first.reason, len(first.sent)) == ("handled", 1)
    assert runs == ["ev-long"]
    assert len(recorder.requests) == 1
    assert renewed_after == 0  # a finished delivery's lease is no longer renewed
    assert caplog.records == []  # no renewal failed on the loop


@pytest.mark.parametrize("kind", ["redis", "async-redis"])
def test_an_async_delivery_that_loses_its_lease_sends_nothing_more(
    verifier: WebhookVerifier,
    client: GatherClient,
    signer: WebhookSigner,
    recorder: Recorder,
    redis_server: RedisServer,
    kind: str,
) -> None:
    redis = redis_server.client()
    store = _store(kind, redis_server)
    other = RedisStore(redis, lease=60, check_persistence=False)
    router = Router(verifier=verifier, client=client, store=store, deadline=None)

    @router.on(CallGatherEnded)
    async def robbed(event: CallGatherEnded) -> Command:
        redis.delete("telnyx-gather:event:ev-long")  # as if the lease had run out...
        assert other.claim("ev-long").state == "claimed"  # ...and another worker took it
        await asyncio.sleep(LEASE)  # the next renewal finds the other worker's token
        return StopGather()

    async def scenario() -> Outcome:
        outcome = await router.handle_async(BODY, signer.sign(BODY))
        if isinstance(store, AsyncRedisStore):
            await store.aclose()
        return outcome

    outcome = asyncio.run(scenario())
    if isinstance(store, RedisStore):
        store.close()

    assert (outcome.status, outcome.reason, outcome.sent) == (503, "lease_lost", ())
    assert redis.exists("telnyx-gather:event:ev-long")  # the other worker's claim is untouched
    assert recorder.requests == []
    redis.close()
