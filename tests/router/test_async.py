"""`handle_async`: async handlers and the `AsyncGatherClient`, through the same core."""

from __future__ import annotations

import asyncio
import inspect
import logging
from collections.abc import Awaitable, Coroutine, Sequence

import pytest

from telnyx_gather import (
    AsyncGatherClient,
    CallDtmfReceived,
    CallGatherEnded,
    GatherClient,
    Router,
    StopGather,
    WebhookVerifier,
)
from telnyx_gather.commands import Command
from telnyx_gather.router import Outcome, command_id
from telnyx_gather.stores import MemoryStore
from telnyx_gather.testing import WebhookSigner, call_dtmf_received, call_gather_ended
from tests.loopback import Recorder
from tests.router.conftest import API_KEY


@pytest.fixture
def async_client(recorder: Recorder) -> AsyncGatherClient:
    return AsyncGatherClient(api_key=API_KEY, base_url=f"{recorder.url}/v2", max_retries=0)


def test_async_and_sync_handlers_send_through_the_async_client(
    verifier: WebhookVerifier,
    async_client: AsyncGatherClient,
    signer: WebhookSigner,
    recorder: Recorder,
) -> None:
    router = Router(verifier=verifier, client=async_client)
    runs: list[str] = []

    @router.on(CallGatherEnded)
    async def ended(event: CallGatherEnded) -> Sequence[Command]:
        await asyncio.sleep(0)
        runs.append(event.id)
        return [StopGather(), StopGather(client_state="e30=")]

    @router.on(CallDtmfReceived)
    def dtmf(event: CallDtmfReceived) -> Command:
        runs.append(event.id)
        return StopGather()

    async def scenario() -> list[str]:
        reasons = []
        for body in (
            call_gather_ended(event_id="ev-a"),
            call_dtmf_received(event_id="ev-b"),
            call_gather_ended(event_id="ev-a", attempt=2),
        ):
            outcome = await router.handle_async(body, signer.sign(body))
            reasons.append(outcome.reason)
        await async_client.close()
        return reasons

    assert asyncio.run(scenario()) == ["handled", "handled", "duplicate"]
    assert runs == ["ev-a", "ev-b"]
    assert [r.json()["command_id"] for r in recorder.requests] == [
        command_id("ev-a", 0),
        command_id("ev-a", 1),
        command_id("ev-b", 0),
    ]


def test_an_async_handler_failure_is_released(
    verifier: WebhookVerifier, client: GatherClient, signer: WebhookSigner, recorder: Recorder
) -> None:
    store = MemoryStore()
    router = Router(verifier=verifier, client=client, store=store)

    @router.on(CallGatherEnded)
    async def ended(event: CallGatherEnded) -> None:
        raise LookupError("no such caller")

    body = call_gather_ended(event_id="ev-async-fail")
    outcome = asyncio.run(router.handle_async(body, signer.sign(body)))

    assert (outcome.status, outcome.reason) == (500, "handler_failed")
    assert store.claim("ev-async-fail").state == "claimed"  # released, so free again


def test_sync_handle_refuses_async_parts_before_claiming(
    verifier: WebhookVerifier,
    client: GatherClient,
    async_client: AsyncGatherClient,
    signer: WebhookSigner,
) -> None:
    store = MemoryStore()
    with_async_handler = Router(verifier=verifier, client=client, store=store)

    @with_async_handler.on(CallGatherEnded)
    async def ended(event: CallGatherEnded) -> None:
        return None

    with_async_client = Router(verifier=verifier, client=async_client, store=store)
    with_async_client.on(CallGatherEnded)(lambda event: None)

    body = call_gather_ended()
    for router in (with_async_handler, with_async_client):
        with pytest.raises(
            TypeError,
            match=r"^an async client, store or handler needs `await router\.handle_async\(\.\.\.\)`$",
        ):
            router.handle(body, signer.sign(body))
    assert len(store) == 0


class Seen:
    """A router recorder that keeps what it was shown."""

    def __init__(self) -> None:
        self.seen: list[tuple[object, bytes, str]] = []

    def record(self, router: object, body: bytes | str, outcome: Outcome) -> None:
        self.seen.append(
            (router, bytes(body, "utf-8") if isinstance(body, str) else body, outcome.reason)
        )


@pytest.mark.parametrize("entry", ["handle", "handle_async"])
def test_both_entry_points_show_every_delivery_to_the_recorder_and_log_each(
    verifier: WebhookVerifier,
    client: GatherClient,
    signer: WebhookSigner,
    caplog: pytest.LogCaptureFixture,
    entry: str,
) -> None:
    router = Router(verifier=verifier, client=client)
    router.on(CallGatherEnded)(lambda event: None)
    router.recorder = seen = Seen()
    body = call_gather_ended(event_id="ev-seen")

    async def scenario() -> None:
        await router.handle_async(body, signer.sign(body))
        await router.handle_async(body, {})  # unsigned: rejected before any claim

    with caplog.at_level(logging.INFO, "telnyx_gather.router"):
        if entry == "handle":
            router.handle(body, signer.sign(body))
            router.handle(body, {})
        else:
            asyncio.run(scenario())

    assert seen.seen == [(router, body, "handled"), (router, body, "unauthenticated")]
    records = [r for r in caplog.records if r.getMessage().startswith("delivery ")]
    assert [getattr(r, "outcome", None) for r in records] == ["handled", "unauthenticated"]


def test_a_cancelled_delivery_releases_its_event_and_logs_cancelled(
    verifier: WebhookVerifier,
    client: GatherClient,
    signer: WebhookSigner,
    caplog: pytest.LogCaptureFixture,
) -> None:
    store = MemoryStore()
    router = Router(verifier=verifier, client=client, store=store)
    body = call_gather_ended(event_id="ev-cancelled")

    async def scenario() -> None:
        inside = asyncio.Event()

        @router.on(CallGatherEnded)
        async def ended(event: CallGatherEnded) -> None:
            inside.set()
            await asyncio.Event().wait()  # until cancelled

        delivery = asyncio.create_task(router.handle_async(body, signer.sign(body)))
        await inside.wait()
        delivery.cancel()
        with pytest.raises(asyncio.CancelledError):
            await delivery

    with caplog.at_level(logging.INFO, "telnyx_gather.router"):
        asyncio.run(scenario())

    records = [r for r in caplog.records if r.getMessage().startswith("delivery ")]
    assert [(getattr(r, "outcome", None), getattr(r, "event_id", None)) for r in records] == [
        ("cancelled", "ev-cancelled")
    ]
    assert store.claim("ev-cancelled").state == "claimed"  # released, so free again


def test_a_plain_function_returning_a_coroutine_fails_under_handle_and_closes_it(
    verifier: WebhookVerifier,
    client: GatherClient,
    signer: WebhookSigner,
    caplog: pytest.LogCaptureFixture,
) -> None:
    router = Router(verifier=verifier, client=client)
    returned: list[Coroutine[object, object, None]] = []

    async def later() -> None:
        return None

    @router.on(CallGatherEnded)
    def ended(event: CallGatherEnded) -> Awaitable[None]:  # not `async def`, so not refused early
        returned.append(later())
        return returned[0]

    body = call_gather_ended(event_id="ev-coroutine")
    with caplog.at_level(logging.ERROR, "telnyx_gather.router"):
        outcome = router.handle(body, signer.sign(body))

    assert (outcome.status, outcome.reason) == (500, "handler_failed")
    [record] = [r for r in caplog.records if r.levelno == logging.ERROR]
    assert record.exc_info is not None
    assert isinstance(record.exc_info[1], TypeError)
    assert "handle_async" in str(record.exc_info[1])
    assert inspect.getcoroutinestate(returned[0]) == inspect.CORO_CLOSED  # never left pending
