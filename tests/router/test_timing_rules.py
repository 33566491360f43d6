"""The rules that keep answers inside Telnyx's webhook timeout: busy waits, deadlines, leases.

A slow API is the recorder answering late over real loopback HTTP; a lost
lease is another worker taking the event in a real `redis-server`.
"""

from __future__ import annotations

import asyncio
import functools
import logging
import threading

import pytest

from telnyx_gather import (
    AsyncGatherClient,
    CallGatherEnded,
    GatherClient,
    Router,
    StopGather,
    WebhookVerifier,
)
from telnyx_gather.commands import Command
from telnyx_gather.router import Outcome, command_id
from telnyx_gather.stores import Claim, MemoryStore, RedisStore
from telnyx_gather.testing import WebhookSigner, call_gather_ended
from tests.loopback import Recorder, Reply
from tests.router.conftest import API_KEY
from tests.router.redis_server import RedisServer

BODY = call_gather_ended(event_id="ev-t")


class WatchedStore(MemoryStore):
    """A real `MemoryStore` that also tells when a claim found the event busy."""

    def __init__(self) -> None:
        super().__init__()
        self.saw_busy = threading.Event()

    def claim(self, key: str) -> Claim:
        claim = super().claim(key)
        if claim.state == "busy":
            self.saw_busy.set()
        return claim


def _racing(
    verifier: WebhookVerifier,
    client: GatherClient,
    signer: WebhookSigner,
    finish: bool,
) -> tuple[Outcome, Outcome, list[str]]:
    """The first worker holds the event until the second has found it busy, then ends."""
    store = WatchedStore()
    runs: list[str] = []
    first = Router(verifier=verifier, client=client, store=store)
    second = Router(verifier=verifier, client=client, store=store, busy_wait=30)

    @first.on(CallGatherEnded)
    def hold(event: CallGatherEnded) -> Command:
        runs.append("first")
        assert store.saw_busy.wait(30)
        if not finish:
            raise RuntimeError("the first worker fails")
        return StopGather()

    @second.on(CallGatherEnded)
    def run(event: CallGatherEnded) -> Command:
        runs.append("second")
        return StopGather()

    outcomes: dict[str, Outcome] = {}
    thread = threading.Thread(
        target=lambda: outcomes.update(a=first.handle(BODY, signer.sign(BODY)))
    )
    thread.start()
    while not runs and thread.is_alive():  # the first handler is running (or never will)
        threading.Event().wait(0.001)
    outcomes["b"] = second.handle(BODY, signer.sign(BODY))
    thread.join()
    return outcomes["a"], outcomes["b"], runs


def test_a_delivery_waits_for_the_holder_and_answers_duplicate_when_it_finishes(
    verifier: WebhookVerifier, client: GatherClient, signer: WebhookSigner, recorder: Recorder
) -> None:
    first, second, runs = _racing(verifier, client, signer, finish=True)
    assert (first.reason, second.reason, second.status) == ("handled", "duplicate", 200)
    assert runs == ["first"]
    assert len(recorder.requests) == 1


def test_a_delivery_waiting_on_a_holder_that_fails_runs_the_handler_itself(
    verifier: WebhookVerifier, client: GatherClient, signer: WebhookSigner, recorder: Recorder
) -> None:
    first, second, runs = _racing(verifier, client, signer, finish=False)
    assert (first.reason, second.reason, second.status) == ("handler_failed", "handled", 200)
    assert runs == ["first", "second"]
    assert [r.json()["command_id"] for r in recorder.requests] == [command_id("ev-t", 0)]


def test_a_holder_that_outlasts_busy_wait_gets_503_with_retry_after_of_one_lease(
    verifier: WebhookVerifier, client: GatherClient, signer: WebhookSigner
) -> None:
    store = MemoryStore(lease=2.5)
    store.claim("ev-t")
    router = Router(verifier=verifier, client=client, store=store, busy_wait=0.2)
    router.on(CallGatherEnded)(lambda event: StopGather())
    outcome = router.handle(BODY, signer.sign(BODY))
    assert (outcome.status, outcome.reason, outcome.headers) == (
        503,
        "in_progress",
        {"Retry-After": "3"},
    )


def test_a_slow_api_past_the_deadline_leaves_the_rest_to_the_retry_with_the_same_ids(
    verifier: WebhookVerifier, client: GatherClient, signer: WebhookSigner, recorder: Recorder
) -> None:
    router = Router(verifier=verifier, client=client, deadline=0.5)
    router.on(CallGatherEnded)(lambda event: [StopGather(), StopGather(), StopGather()])
    recorder.reply(Reply(delay=0.3), Reply(delay=0.3))

    first = router.handle(BODY, signer.sign(BODY))
    retry = router.handle(BODY, signer.sign(BODY))

    assert (first.status, first.reason, first.headers) == (
        503,
        "deadline_exceeded",
        {"Retry-After": "1"},
    )
    assert len(first.sent) == 2
    assert getattr(first.event, "id", None) == "ev-t"
    assert retry.reason == "handled"
    ids = [r.json()["command_id"] for r in recorder.requests]
    assert ids == [command_id("ev-t", n) for n in (0, 1, 0, 1, 2)]


def test_an_async_send_in_flight_at_the_deadline_is_cancelled_and_retried(
    verifier: WebhookVerifier, signer: WebhookSigner, recorder: Recorder
) -> None:
    async def scenario() -> tuple[Outcome, Outcome]:
        async with AsyncGatherClient(
            api_key=API_KEY, base_url=f"{recorder.url}/v2", max_retries=0
        ) as api:
            router = Router(verifier=verifier, client=api, deadline=0.3)
            router.on(CallGatherEnded)(lambda event: StopGather())
            recorder.reply(Reply(delay=1.5))
            first = await router.handle_async(BODY, signer.sign(BODY))
            return first, await router.handle_async(BODY, signer.sign(BODY))

    first, retry = asyncio.run(scenario())
    assert (first.status, first.reason, first.sent) == (503, "deadline_exceeded", ())
    assert retry.reason == "handled"
    ids = [r.json()["command_id"] for r in recorder.requests]
    assert ids == [command_id("ev-t", 0)] * 2


def test_a_handler_slower_than_the_deadline_is_named_once_and_sends_nothing(
    verifier: WebhookVerifier,
    client: GatherClient,
    signer: WebhookSigner,
    recorder: Recorder,
    caplog: pytest.LogCaptureFixture,
) -> None:
    router = Router(verifier=verifier, client=client, deadline=0.05)

    @router.on(CallGatherEnded)
    def slow(event: CallGatherEnded) -> Command:
        threading.Event().wait(0.1)
        return StopGather()

    with caplog.at_level(logging.WARNING, "telnyx_gather.router"):
        reasons = [router.handle(BODY, signer.sign(BODY)).reason for _ in range(2)]
    assert reasons == ["deadline_exceeded"] * 2
    slow_lines = [r.getMessage() for r in caplog.records if "longer than" in r.getMessage()]
    [line] = slow_lines
    assert line.startswith("handler 'test_a_handler_slower_than")  # a bounded repr
    assert line.endswith(
        " ran longer than the router's deadline (0.05 s): its commands are not sent and "
        "Telnyx retries; make it faster or raise the deadline"
    )
    assert recorder.requests == []


def test_an_async_handler_past_the_deadline_is_cancelled(
    verifier: WebhookVerifier, client: GatherClient, signer: WebhookSigner, recorder: Recorder
) -> None:
    router = Router(verifier=verifier, client=client, deadline=0.1)
    steps: list[str] = []

    @router.on(CallGatherEnded)
    async def slow(event: CallGatherEnded) -> Command:
        try:
            await asyncio.sleep(0.5)  # would end long before a second's grace
        except asyncio.CancelledError:
            steps.append("cancelled")
            raise
        steps.append("finished")
        return StopGather()

    outcome = asyncio.run(router.handle_async(BODY, signer.sign(BODY)))
    assert (outcome.status, outcome.reason) == (503, "deadline_exceeded")
    assert steps == ["cancelled"]  # at the deadline itself, not some time after it
    assert recorder.requests == []


def test_a_worker_that_loses_its_lease_sends_nothing_more(
    verifier: WebhookVerifier,
    client: GatherClient,
    signer: WebhookSigner,
    recorder: Recorder,
    redis_server: RedisServer,
) -> None:
    redis = redis_server.client()
    redis.flushdb()
    store = RedisStore(redis, lease=0.3, check_persistence=False)
    other = RedisStore(redis, lease=60, check_persistence=False)
    router = Router(verifier=verifier, client=client, store=store, deadline=None)

    @router.on(CallGatherEnded)
    def robbed(event: CallGatherEnded) -> Command:
        redis.delete("telnyx-gather:event:ev-t")  # as if the lease had run out...
        assert other.claim("ev-t").state == "claimed"  # ...and another worker took it
        threading.Event().wait(0.5)  # the next renewal finds the other worker's token
        return StopGather()

    outcome = router.handle(BODY, signer.sign(BODY))
    assert (outcome.status, outcome.reason, outcome.sent) == (503, "lease_lost", ())
    assert redis.exists("telnyx-gather:event:ev-t")  # the other worker's claim is untouched
    assert recorder.requests == []


@pytest.mark.parametrize(("deadline", "busy_wait"), [(0, 1), (-1, 1), (1, -0.5)])
def test_bad_timing_settings_are_refused(
    verifier: WebhookVerifier, client: GatherClient, deadline: float, busy_wait: float
) -> None:
    with pytest.raises(ValueError, match=r"^Router: (deadline|busy_wait) must"):
        Router(verifier=verifier, client=client, deadline=deadline, busy_wait=busy_wait)


def test_an_async_handlers_own_timeout_before_the_deadline_is_a_handler_failure(
    verifier: WebhookVerifier,
    client: GatherClient,
    signer: WebhookSigner,
    caplog: pytest.LogCaptureFixture,
) -> None:
    router = Router(verifier=verifier, client=client)

    @router.on(CallGatherEnded)
    async def impatient(event: CallGatherEnded) -> None:
        await asyncio.wait_for(asyncio.Event().wait(), 0.01)  # its own lookup gave up

    with caplog.at_level(logging.ERROR, logger="telnyx_gather.router"):
        outcome = asyncio.run(router.handle_async(BODY, signer.sign(BODY)))

    assert (outcome.status, outcome.reason) == (500, "handler_failed")
    [record] = [r for r in caplog.records if r.levelno == logging.ERROR]
    assert record.exc_info is not None
    assert isinstance(record.exc_info[1], asyncio.TimeoutError)


class ImpatientSender:
    """An async sender with its own timeout, far shorter than the router's deadline."""

    def __init__(self, client: AsyncGatherClient) -> None:
        self.client = client

    async def send(self, call_control_id: str, command: Command, /) -> object:
        return await asyncio.wait_for(self.client.send(call_control_id, command), 0.05)


def test_an_async_senders_own_timeout_before_the_deadline_is_send_failed_and_released(
    verifier: WebhookVerifier,
    signer: WebhookSigner,
    recorder: Recorder,
    caplog: pytest.LogCaptureFixture,
) -> None:
    recorder.reply(Reply(delay=5))  # the first send outlasts the sender's own timeout

    async def scenario() -> list[Outcome]:
        async with AsyncGatherClient(
            api_key=API_KEY, base_url=f"{recorder.url}/v2", max_retries=0
        ) as client:
            router = Router(verifier=verifier, client=ImpatientSender(client))
            router.on(CallGatherEnded)(lambda event: StopGather())
            return [await router.handle_async(BODY, signer.sign(BODY)) for _ in range(2)]

    with caplog.at_level(logging.ERROR, logger="telnyx_gather.router"):
        first, again = asyncio.run(scenario())
    assert (first.status, first.reason) == (502, "send_failed")
    assert (again.status, again.reason) == (200, "handled")  # released: the retry ran
    [record] = [r for r in caplog.records if r.levelno == logging.ERROR]
    assert record.exc_info is not None
    assert isinstance(record.exc_info[1], asyncio.TimeoutError)


def test_a_slow_handler_without_a_qualified_name_is_named_by_a_question_mark(
    verifier: WebhookVerifier,
    client: GatherClient,
    signer: WebhookSigner,
    caplog: pytest.LogCaptureFixture,
) -> None:
    router = Router(verifier=verifier, client=client, deadline=0.05)

    def slow(event: CallGatherEnded, pause: float) -> Command:
        threading.Event().wait(pause)
        return StopGather()

    router.on(CallGatherEnded)(functools.partial(slow, pause=0.1))  # a partial has no __qualname__
    with caplog.at_level(logging.WARNING, "telnyx_gather.router"):
        assert router.handle(BODY, signer.sign(BODY)).reason == "deadline_exceeded"
    [line] = [r.getMessage() for r in caplog.records if "longer than" in r.getMessage()]
    assert line.startswith("handler '?' ran longer than the router's deadline")
