"""What an outcome carries besides its status: the event, the commands sent, the detail,
`Retry-After`, and the traceback of a logged failure.

These pin the parts of `Outcome` that mutation testing found unchecked
(docs/development.md): each answer keeps the verified event, the commands
that did go out, and the headers the integrations send.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence

import pytest

from telnyx_gather import (
    CallGatherEnded,
    GatherClient,
    Router,
    StopGather,
    WebhookVerificationError,
    WebhookVerifier,
)
from telnyx_gather.commands import Command
from telnyx_gather.router import Outcome, command_id
from telnyx_gather.stores import MemoryStore, RedisStore
from telnyx_gather.testing import WebhookSigner, call_gather_ended
from tests.loopback import Recorder, Reply, free_port
from tests.router.redis_server import RedisServer

CALL_ENDED = {"errors": [{"code": "90018", "title": "Call has already ended"}]}


def _event_id(outcome: Outcome) -> object:
    return getattr(outcome.event, "id", None)


def _deliver(router: Router[None], entry: str, body: bytes, headers: dict[str, str]) -> Outcome:
    if entry == "handle":
        return router.handle(body, headers)
    return asyncio.run(router.handle_async(body, headers))


@pytest.mark.parametrize("oversize", [False, True], ids=["tampered", "oversize"])
def test_a_rejection_carries_the_verifiers_reason_as_its_detail(
    verifier: WebhookVerifier, client: GatherClient, signer: WebhookSigner, oversize: bool
) -> None:
    router = Router(verifier=verifier, client=client)
    if oversize:
        body = call_gather_ended(event_id="ev-big", padding="x" * 2_000_000)
        headers = signer.sign(body)
    else:
        body, headers = call_gather_ended(event_id="ev-forged"), signer.sign(b"{}")
    with pytest.raises(WebhookVerificationError) as raised:
        verifier.verify(body, headers)

    outcome = router.handle(body, headers)

    assert outcome.detail == raised.value.reason
    assert outcome.text == f"{outcome.reason}: {raised.value.reason}"


@pytest.mark.parametrize("entry", ["handle", "handle_async"])
def test_a_failing_handler_logs_its_traceback_and_the_outcome_keeps_the_event(
    verifier: WebhookVerifier,
    client: GatherClient,
    signer: WebhookSigner,
    caplog: pytest.LogCaptureFixture,
    entry: str,
) -> None:
    router = Router(verifier=verifier, client=client)
    boom = RuntimeError("database down")

    @router.on(CallGatherEnded)
    def failing(event: CallGatherEnded) -> Command:
        raise boom

    body = call_gather_ended(event_id="ev-trace")
    with caplog.at_level(logging.ERROR, logger="telnyx_gather.router"):
        outcome = _deliver(router, entry, body, signer.sign(body))

    assert (outcome.reason, _event_id(outcome)) == ("handler_failed", "ev-trace")
    [record] = [r for r in caplog.records if r.levelno == logging.ERROR]
    assert record.exc_info is not None
    assert record.exc_info[1] is boom


def test_a_refusal_after_a_sent_command_keeps_the_event_and_what_was_sent(
    verifier: WebhookVerifier, client: GatherClient, signer: WebhookSigner, recorder: Recorder
) -> None:
    router = Router(verifier=verifier, client=client)

    @router.on(CallGatherEnded)
    def two(event: CallGatherEnded) -> Sequence[Command]:
        return [StopGather(), StopGather()]

    recorder.reply(Reply(), Reply(422, CALL_ENDED))
    body = call_gather_ended(event_id="ev-half")
    outcome = router.handle(body, signer.sign(body))

    assert (outcome.status, outcome.reason, _event_id(outcome)) == (200, "send_refused", "ev-half")
    assert [c.command_id for c in outcome.sent] == [command_id("ev-half", 0)]
    assert len(recorder.requests) == 2


def test_a_store_that_cannot_be_reached_answers_retry_after_one_second(
    verifier: WebhookVerifier, client: GatherClient, signer: WebhookSigner
) -> None:
    store = RedisStore.from_url(f"redis://127.0.0.1:{free_port()}/0", socket_connect_timeout=1)
    router = Router(verifier=verifier, client=client, store=store)
    router.on(CallGatherEnded)(lambda event: StopGather())
    body = call_gather_ended(event_id="ev-down")

    outcome = router.handle(body, signer.sign(body))

    assert (outcome.status, outcome.reason, _event_id(outcome)) == (
        503,
        "store_unavailable",
        "ev-down",
    )
    assert outcome.headers == {"Retry-After": "1"}


def test_a_lease_under_a_second_is_answered_retry_after_one_second(
    verifier: WebhookVerifier, client: GatherClient, signer: WebhookSigner
) -> None:
    store = MemoryStore(lease=0.5, clock=lambda: 100.0)  # a stopped clock: the claim never ends
    assert store.claim("ev-held").state == "claimed"
    router = Router(verifier=verifier, client=client, store=store, busy_wait=0)
    router.on(CallGatherEnded)(lambda event: StopGather())
    body = call_gather_ended(event_id="ev-held")

    outcome = router.handle(body, signer.sign(body))

    assert (outcome.status, outcome.reason, outcome.headers) == (
        503,
        "in_progress",
        {"Retry-After": "1"},
    )


@pytest.mark.parametrize("entry", ["handle", "handle_async"])
def test_a_failed_send_logs_its_traceback(
    verifier: WebhookVerifier,
    client: GatherClient,
    signer: WebhookSigner,
    recorder: Recorder,
    caplog: pytest.LogCaptureFixture,
    entry: str,
) -> None:
    router = Router(verifier=verifier, client=client)
    router.on(CallGatherEnded)(lambda event: StopGather())
    recorder.reply(Reply(500))
    body = call_gather_ended(event_id="ev-send-trace")
    with caplog.at_level(logging.ERROR, logger="telnyx_gather.router"):
        outcome = _deliver(router, entry, body, signer.sign(body))

    assert outcome.reason == "send_failed"
    [record] = [r for r in caplog.records if r.levelno == logging.ERROR]
    assert record.exc_info is not None
    assert isinstance(record.exc_info[1], Exception)


@pytest.mark.parametrize("entry", ["handle", "handle_async"])
def test_a_refusal_that_cannot_be_recorded_is_answered_503(
    verifier: WebhookVerifier,
    client: GatherClient,
    signer: WebhookSigner,
    recorder: Recorder,
    entry: str,
) -> None:
    own = RedisServer()
    try:
        store = RedisStore.from_url(own.url, socket_connect_timeout=1, socket_timeout=1)
        router = Router(verifier=verifier, client=client, store=store)

        @router.on(CallGatherEnded)
        def ended(event: CallGatherEnded) -> Command:
            own.stop()  # claimed; finishing the event after the refusal fails
            return StopGather()

        recorder.reply(Reply(422, CALL_ENDED))
        body = call_gather_ended(event_id="ev-refused-lost")
        outcome = _deliver(router, entry, body, signer.sign(body))
    finally:
        own.stop()

    # Not `send_refused` (200): that would acknowledge an event the store never recorded.
    assert (outcome.status, outcome.reason) == (503, "store_unavailable")
