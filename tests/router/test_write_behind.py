"""Workers whose `RedisStore` writes its finish marks after the answer (`write_behind`)."""

from __future__ import annotations

import asyncio

from telnyx_gather import CallGatherEnded, GatherClient, Router, StopGather, WebhookVerifier
from telnyx_gather.commands import Command
from telnyx_gather.stores import AsyncRedisStore, MemoryStore, RedisStore
from telnyx_gather.testing import WebhookSigner, call_gather_ended
from tests.loopback import Recorder
from tests.router.conftest import RedisStoreFactory
from tests.router.redis_server import RedisServer


def test_two_workers_with_write_behind_run_the_handler_once(
    verifier: WebhookVerifier,
    client: GatherClient,
    signer: WebhookSigner,
    recorder: Recorder,
    redis_server: RedisServer,
    make_redis_store: RedisStoreFactory,
) -> None:
    redis_server.client().flushdb()
    prefix, runs = "wb-fleet:", []
    routers = []
    for _ in range(2):
        store = make_redis_store(
            redis_server.url, prefix=prefix, write_behind=True, check_persistence=False
        )
        router = Router(verifier=verifier, client=client, store=store)

        @router.on(CallGatherEnded)
        def ended(event: CallGatherEnded) -> Command:
            runs.append(event.id)
            return StopGather()

        routers.append(router)
    body = call_gather_ended(event_id="ev-behind")

    first = routers[0].handle(body, signer.sign(body))
    again_here = routers[0].handle(body, signer.sign(body))
    elsewhere = routers[1].handle(body, signer.sign(body))  # waits busy_wait for the mark

    assert [first.reason, again_here.reason, elsewhere.reason] == [
        "handled",
        "duplicate",
        "duplicate",
    ]
    assert runs == ["ev-behind"]
    assert len(recorder.requests) == 1


def test_two_async_workers_with_write_behind_run_the_handler_once(
    verifier: WebhookVerifier,
    client: GatherClient,
    signer: WebhookSigner,
    recorder: Recorder,
    redis_server: RedisServer,
) -> None:
    runs: list[str] = []
    body = call_gather_ended(event_id="ev-behind-async")

    async def scenario() -> list[str]:
        stores = [
            AsyncRedisStore.from_url(
                redis_server.url, prefix="wb-async:", write_behind=True, check_persistence=False
            )
            for _ in range(2)
        ]
        routers = []
        for store in stores:
            router = Router(verifier=verifier, client=client, store=store)

            @router.on(CallGatherEnded)
            def ended(event: CallGatherEnded) -> Command:
                runs.append(event.id)
                return StopGather()

            routers.append(router)
        first = await routers[0].handle_async(body, signer.sign(body))
        again_here = await routers[0].handle_async(body, signer.sign(body))
        elsewhere = await routers[1].handle_async(body, signer.sign(body))  # waits for the mark
        for store in stores:
            await store.aclose()
        return [first.reason, again_here.reason, elsewhere.reason]

    assert asyncio.run(scenario()) == ["handled", "duplicate", "duplicate"]
    assert runs == ["ev-behind-async"]
    assert len(recorder.requests) == 1


def test_the_router_leaves_the_mark_to_the_store_from_either_entry_point(
    verifier: WebhookVerifier,
    client: GatherClient,
    signer: WebhookSigner,
    recorder: Recorder,
    redis_server: RedisServer,
) -> None:
    redis = redis_server.client()
    store = RedisStore(redis, prefix="wb-soon:", write_behind=3600.0, check_persistence=False)
    router = Router(verifier=verifier, client=client, store=store)
    router.on(CallGatherEnded)(lambda event: None)
    for event_id, entry in (("ev-sync", "handle"), ("ev-async", "handle_async")):
        body = call_gather_ended(event_id=event_id)
        if entry == "handle":
            outcome = router.handle(body, signer.sign(body))
        else:
            outcome = asyncio.run(router.handle_async(body, signer.sign(body)))
        assert outcome.reason == "handled"
        assert redis.get("wb-soon:" + event_id) not in (None, b"done")  # still the lease
        assert store.claim(event_id).state == "done"  # answered from the pending mark
    store.flush()
    assert [redis.get(f"wb-soon:{e}") for e in ("ev-sync", "ev-async")] == [b"done", b"done"]
    store.close()
    redis.close()


class SoonWithoutWriteBehind(MemoryStore):
    """A store with a `finish_soon` but no `write_behind` attribute: it is not asked to use it."""

    def __init__(self) -> None:
        super().__init__()
        self.soon: list[str] = []

    def finish_soon(self, key: str, token: str) -> None:
        self.soon.append(key)


def test_a_store_without_write_behind_is_finished_before_the_answer(
    verifier: WebhookVerifier, client: GatherClient, signer: WebhookSigner
) -> None:
    store = SoonWithoutWriteBehind()
    router = Router(verifier=verifier, client=client, store=store)
    router.on(CallGatherEnded)(lambda event: None)
    body = call_gather_ended(event_id="ev-no-wb")
    assert router.handle(body, signer.sign(body)).reason == "handled"
    assert store.soon == []
    assert router.handle(body, signer.sign(body)).reason == "duplicate"
