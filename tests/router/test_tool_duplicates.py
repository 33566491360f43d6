"""Duplicate tool calls: a tool that is not idempotent runs once per call, through the store.

A call is the same call when it carries the same `webhook-id`; else the same
call id and arguments; else the same signed timestamp and arguments. Served
over Starlette's request path (`serve_tools`, the async entry point) and the
sync `handle_tool`, with a `MemoryStore` and with a real Redis shared by two
routers.
"""

from __future__ import annotations

import asyncio
import json
import threading
import time

import pytest
from pydantic import BaseModel
from starlette.testclient import TestClient

from telnyx_gather import GatherClient, Router, WebhookVerifier
from telnyx_gather.router import ToolAnswer, ToolContext
from telnyx_gather.stores import AsyncRedisStore, MemoryStore, RedisStore
from telnyx_gather.testing import WebhookSigner
from tests.router.conftest import tools_http
from tests.router.redis_server import RedisServer


class Order(BaseModel):
    item: str


CALL = "x-telnyx-call-control-id"
TEA = b'{"item": "tea"}'


def _router(
    verifier: WebhookVerifier, client: GatherClient, ran: list[str], store: RedisStore | None = None
) -> Router[None]:
    router = Router(verifier=verifier, client=client, store=store)

    @router.tool("order")
    def order(args: Order, context: ToolContext) -> dict[str, str]:
        ran.append(args.item)
        if args.item == "broken":
            raise RuntimeError("the kitchen is closed")
        return {"ordered": args.item}

    return router


@pytest.fixture
def http(verifier: WebhookVerifier, client: GatherClient, ran: list[str]) -> TestClient:
    return tools_http(_router(verifier, client, ran))


def _status(http: TestClient, body: bytes, headers: dict[str, str]) -> int:
    return http.post("/tools/order", content=body, headers=headers).status_code


def test_the_same_call_and_arguments_signed_again_is_a_duplicate(
    http: TestClient, signer: WebhookSigner, ran: list[str]
) -> None:
    first = {**signer.sign(TEA, timestamp=int(time.time()) - 5), CALL: "v3:a"}
    again = {**signer.sign(TEA), CALL: "v3:a"}
    other_call = {**signer.sign(TEA), CALL: "v3:b"}
    other_args = {**signer.sign(b'{"item": "cake"}'), CALL: "v3:a"}
    statuses = [
        _status(http, TEA, first),
        _status(http, TEA, again),
        _status(http, TEA, other_call),
        _status(http, b'{"item": "cake"}', other_args),
    ]
    assert statuses == [200, 409, 200, 200]
    assert ran == ["tea", "tea", "cake"]


def test_without_a_call_id_only_the_same_signed_request_is_a_duplicate(
    http: TestClient, signer: WebhookSigner, ran: list[str]
) -> None:
    earlier = signer.sign(TEA, timestamp=int(time.time()) - 5)
    statuses = [_status(http, TEA, earlier), _status(http, TEA, earlier)]
    statuses.append(_status(http, TEA, signer.sign(TEA)))
    assert statuses == [200, 409, 200]
    assert ran == ["tea", "tea"]


def test_a_webhook_id_names_the_call(
    http: TestClient, signer: WebhookSigner, ran: list[str]
) -> None:
    cake = b'{"item": "cake"}'
    first = {**signer.sign(TEA), "webhook-id": "msg_1", CALL: "v3:a"}
    again = {**signer.sign(cake), "webhook-id": "msg_1", CALL: "v3:a"}
    assert [_status(http, TEA, first), _status(http, cake, again)] == [200, 409]
    assert ran == ["tea"]


def test_a_failed_handler_releases_the_call_so_a_retry_runs(
    http: TestClient, signer: WebhookSigner, ran: list[str]
) -> None:
    broken = b'{"item": "broken"}'
    headers = {**signer.sign(broken), CALL: "v3:a"}
    assert [_status(http, broken, headers) for _ in range(2)] == [500, 500]
    assert ran == ["broken", "broken"]


def test_two_routers_sharing_redis_run_a_call_once(
    verifier: WebhookVerifier,
    client: GatherClient,
    signer: WebhookSigner,
    redis_server: RedisServer,
    ran: list[str],
) -> None:
    redis = redis_server.client()
    redis.flushdb()
    workers = [_router(verifier, client, ran, RedisStore(redis)) for _ in range(2)]
    headers = {**signer.sign(TEA), CALL: "v3:a"}
    answers: list[ToolAnswer] = [w.handle_tool("order", TEA, headers) for w in workers]
    assert [a.status for a in answers] == [200, 409]
    assert json.loads(answers[1].body) == {
        "error": "duplicate",
        "message": "this tool call was already run; it runs once",
    }
    assert ran == ["tea"]
    redis.close()


def test_a_call_held_past_the_stores_lease_is_still_refused_while_it_runs(
    verifier: WebhookVerifier, client: GatherClient, signer: WebhookSigner
) -> None:
    router = Router(verifier=verifier, client=client, store=MemoryStore(lease=0.3))
    started, release, ran = threading.Event(), threading.Event(), []

    @router.tool("order", timeout=30)
    def order(args: Order, context: ToolContext) -> dict[str, str]:
        started.set()
        release.wait(30)
        ran.append(args.item)
        return {"ordered": args.item}

    headers = {**signer.sign(TEA), CALL: "v3:a"}
    answers: list[ToolAnswer] = []
    first = threading.Thread(
        target=lambda: answers.append(router.handle_tool("order", TEA, headers))
    )
    first.start()
    assert started.wait(30)
    time.sleep(1.0)  # several leases: the claim lives on only if it is renewed
    duplicate = router.handle_tool("order", TEA, headers)
    release.set()
    first.join(30)
    assert (duplicate.status, json.loads(duplicate.body)) == (
        409,
        {"error": "duplicate", "message": "this tool call is already running; it runs once"},
    )
    assert [a.status for a in answers] == [200]
    assert ran == ["tea"]


def test_the_async_entry_point_renews_the_claim_too(
    verifier: WebhookVerifier, client: GatherClient, signer: WebhookSigner
) -> None:
    router = Router(verifier=verifier, client=client, store=MemoryStore(lease=0.3))
    ran: list[str] = []

    @router.tool("order", timeout=30)
    async def order(args: Order, context: ToolContext) -> dict[str, str]:
        await asyncio.sleep(1.2)  # several leases
        ran.append(args.item)
        return {"ordered": args.item}

    async def both() -> list[ToolAnswer]:
        headers = {**signer.sign(TEA), CALL: "v3:a"}
        first = asyncio.ensure_future(router.handle_tool_async("order", TEA, headers))
        await asyncio.sleep(0.8)
        return [await router.handle_tool_async("order", TEA, headers), await first]

    assert [a.status for a in asyncio.run(both())] == [409, 200]
    assert ran == ["tea"]


def test_an_async_store_runs_a_call_once_from_the_async_entry_point_only(
    verifier: WebhookVerifier,
    client: GatherClient,
    signer: WebhookSigner,
    redis_server: RedisServer,
) -> None:
    redis_server.client().flushdb()
    ran: list[str] = []
    headers = {**signer.sign(TEA), CALL: "v3:a"}

    async def twice() -> list[int]:
        store = AsyncRedisStore.from_url(redis_server.url, check_persistence=False)
        router = _router(verifier, client, ran)
        router.store = store
        try:
            with pytest.raises(TypeError, match="handle_tool_async"):
                router.handle_tool("order", TEA, headers)
            return [
                (await router.handle_tool_async("order", TEA, headers)).status for _ in range(2)
            ]
        finally:
            await store.aclose()

    assert asyncio.run(twice()) == [200, 409]
    assert ran == ["tea"]


def _call(router: Router[None], entry: str, body: bytes, headers: dict[str, str]) -> ToolAnswer:
    if entry == "handle_tool":
        return router.handle_tool("order", body, headers)
    return asyncio.run(router.handle_tool_async("order", body, headers))


@pytest.mark.parametrize("entry", ["handle_tool", "handle_tool_async"])
def test_a_store_that_cannot_be_reached_runs_nothing_and_answers_503(
    verifier: WebhookVerifier,
    client: GatherClient,
    signer: WebhookSigner,
    ran: list[str],
    caplog: pytest.LogCaptureFixture,
    entry: str,
) -> None:
    own = RedisServer()
    own.stop()
    store = RedisStore.from_url(own.url, socket_connect_timeout=1, socket_timeout=1)
    router = _router(verifier, client, ran, store)

    answer = _call(router, entry, TEA, {**signer.sign(TEA), CALL: "v3:a"})

    assert (answer.status, json.loads(answer.body)) == (
        503,
        {"error": "store_unavailable", "message": "the tool cannot run now; try again"},
    )
    assert ran == []
    assert "the store is unavailable: a tool call that runs once was not run" in caplog.text


@pytest.mark.parametrize("entry", ["handle_tool", "handle_tool_async"])
def test_a_store_lost_while_the_tool_runs_keeps_the_tools_answer(
    verifier: WebhookVerifier,
    client: GatherClient,
    signer: WebhookSigner,
    caplog: pytest.LogCaptureFixture,
    entry: str,
) -> None:
    own = RedisServer()
    try:
        store = RedisStore.from_url(own.url, socket_connect_timeout=1, socket_timeout=1)
        router = Router(verifier=verifier, client=client, store=store)

        @router.tool("order")
        def order(args: Order, context: ToolContext) -> dict[str, str]:
            own.stop()  # the claim was taken; recording the result fails
            return {"ordered": args.item}

        answer = _call(router, entry, TEA, {**signer.sign(TEA), CALL: "v3:a"})
    finally:
        own.stop()

    assert (answer.status, json.loads(answer.body)) == (200, {"ordered": "tea"})
    assert "could not record a tool call in the store" in caplog.text


@pytest.mark.parametrize("entry", ["handle_tool", "handle_tool_async"])
def test_a_failed_handler_is_answered_500_and_released_from_either_entry_point(
    verifier: WebhookVerifier,
    client: GatherClient,
    signer: WebhookSigner,
    ran: list[str],
    entry: str,
) -> None:
    router = _router(verifier, client, ran)
    broken = b'{"item": "broken"}'
    headers = {**signer.sign(broken), CALL: "v3:a"}
    answers = [_call(router, entry, broken, headers) for _ in range(2)]
    failed = {"error": "handler_failed", "message": "the tool failed"}
    assert [(a.status, json.loads(a.body)) for a in answers] == [(500, failed)] * 2
    assert ran == ["broken", "broken"]  # released, so the retry ran it again


@pytest.mark.parametrize("entry", ["handle_tool", "handle_tool_async"])
def test_an_idempotent_tool_runs_for_every_delivery_of_a_call(
    verifier: WebhookVerifier, client: GatherClient, signer: WebhookSigner, entry: str
) -> None:
    router = Router(verifier=verifier, client=client)
    ran: list[str] = []

    @router.tool("order", idempotent=True)
    def order(args: Order, context: ToolContext) -> dict[str, str]:
        ran.append(args.item)
        return {"ordered": args.item}

    headers = {**signer.sign(TEA), CALL: "v3:a"}
    answers = [_call(router, entry, TEA, headers) for _ in range(2)]

    assert [(a.status, json.loads(a.body)) for a in answers] == [(200, {"ordered": "tea"})] * 2
    assert ran == ["tea", "tea"]
