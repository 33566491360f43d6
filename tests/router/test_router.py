"""The router over the real client and loopback HTTP: dispatch, command ids, outcomes."""

from __future__ import annotations

import asyncio
import json
import logging
import threading
import uuid
from collections.abc import Sequence
from typing import Literal

import pytest
from pydantic import BaseModel
from syrupy.assertion import SnapshotAssertion

from telnyx_gather import (
    CallConversationEnded,
    CallDtmfReceived,
    CallGatherEnded,
    GatherClient,
    GatherUsingSpeak,
    Router,
    StopGather,
    UnknownEvent,
    WebhookVerifier,
    encode_client_state,
)
from telnyx_gather.commands import Command
from telnyx_gather.router import NAMESPACE, Outcome, command_id
from telnyx_gather.stores import Claim, MemoryStore
from telnyx_gather.testing import (
    WebhookSigner,
    call_dtmf_received,
    call_gather_ended,
    webhook_body,
)
from tests.loopback import Recorder, Reply

CALL = "v3:test-call-control-id"
CALL_ENDED = {"errors": [{"code": "90018", "title": "Call has already ended"}]}
SPEAK = GatherUsingSpeak(payload="Press 1 for sales", voice="Telnyx.KokoroTTS.af")


class Flow(BaseModel):
    step: Literal["menu", "pin"]
    tries: int = 0


def deliver(
    router: Router[object] | Router[Flow] | Router[None], signer: WebhookSigner, body: bytes
) -> Outcome:
    return router.handle(body, signer.sign(body))


def sent_bodies(recorder: Recorder) -> list[dict[str, object]]:
    return [request.json() for request in recorder.requests]


def test_one_command_goes_to_the_events_call_with_a_derived_command_id(
    verifier: WebhookVerifier, client: GatherClient, signer: WebhookSigner, recorder: Recorder
) -> None:
    router = Router(verifier=verifier, client=client)
    seen: list[CallGatherEnded] = []

    @router.on(CallGatherEnded)
    def ended(event: CallGatherEnded) -> Command:
        seen.append(event)
        return SPEAK

    outcome = deliver(
        router, signer, call_gather_ended(event_id="ev-1", call_control_id=CALL, digits="1234")
    )

    assert (outcome.status, outcome.reason, outcome.ok) == (200, "handled", True)
    assert outcome.event is seen[0]
    assert seen[0].payload.digits == "1234"
    [request] = recorder.requests
    assert request.path == f"/v2/calls/{CALL}/actions/gather_using_speak"
    expected_id = str(uuid.uuid5(NAMESPACE, "ev-1/0"))
    assert request.json() == {**SPEAK.to_params(), "command_id": expected_id}
    assert outcome.sent == (SPEAK.model_copy(update={"command_id": expected_id}),)
    assert command_id("ev-1", 0) == expected_id


def test_a_sequence_is_sent_in_order_and_a_handler_set_command_id_is_kept(
    verifier: WebhookVerifier,
    client: GatherClient,
    signer: WebhookSigner,
    recorder: Recorder,
    snapshot: SnapshotAssertion,
) -> None:
    router = Router(verifier=verifier, client=client)

    @router.on(CallDtmfReceived)
    def dtmf(event: CallDtmfReceived) -> Sequence[Command]:
        return [StopGather(), SPEAK, StopGather(command_id="mine")]

    outcome = deliver(router, signer, call_dtmf_received(event_id="ev-seq"))

    assert outcome.status == 200
    assert [r.path.rsplit("/", 1)[1] for r in recorder.requests] == [
        "gather_stop",
        "gather_using_speak",
        "gather_stop",
    ]
    ids = [body["command_id"] for body in sent_bodies(recorder)]
    assert ids == [command_id("ev-seq", 0), command_id("ev-seq", 1), "mine"]
    assert [c.command_id for c in outcome.sent] == ids
    assert sent_bodies(recorder) == snapshot


def test_a_finished_event_is_acknowledged_and_runs_nothing(
    verifier: WebhookVerifier, client: GatherClient, signer: WebhookSigner, recorder: Recorder
) -> None:
    router = Router(verifier=verifier, client=client)
    runs: list[str] = []

    @router.on(CallGatherEnded)
    def ended(event: CallGatherEnded) -> Command:
        runs.append(event.id)
        return SPEAK

    first = call_gather_ended(event_id="ev-dup", attempt=1)
    again = call_gather_ended(event_id="ev-dup", attempt=2)
    assert deliver(router, signer, first).reason == "handled"
    outcome = deliver(router, signer, again)

    assert (outcome.status, outcome.reason, outcome.sent) == (200, "duplicate", ())
    assert runs == ["ev-dup"]
    assert len(recorder.requests) == 1


def test_none_sends_nothing_and_unhandled_types_are_acknowledged(
    verifier: WebhookVerifier, client: GatherClient, signer: WebhookSigner, recorder: Recorder
) -> None:
    store = MemoryStore()
    router = Router(verifier=verifier, client=client, store=store)

    @router.on(CallGatherEnded)
    def ended(event: CallGatherEnded) -> None:
        return None

    assert deliver(router, signer, call_gather_ended()).reason == "handled"
    unhandled = deliver(router, signer, call_dtmf_received())
    unknown = deliver(router, signer, webhook_body("conference.created", {"call_control_id": CALL}))

    assert (unhandled.status, unhandled.reason) == (200, "unhandled")
    assert isinstance(unhandled.event, CallDtmfReceived)
    assert (unknown.status, unknown.reason) == (200, "unhandled")
    assert isinstance(unknown.event, UnknownEvent)
    assert recorder.requests == []
    assert len(store) == 1  # only the handled event was claimed


def test_unknown_events_reach_an_unknown_event_handler(
    verifier: WebhookVerifier, client: GatherClient, signer: WebhookSigner, recorder: Recorder
) -> None:
    router = Router(verifier=verifier, client=client)

    @router.on(UnknownEvent)
    def other(event: UnknownEvent) -> Command:
        return StopGather()

    outcome = deliver(router, signer, webhook_body("conference.created", {"call_control_id": CALL}))

    assert outcome.reason == "handled"
    assert outcome == Outcome("handled", outcome.event, outcome.sent)  # no detail, no Retry-After
    assert (outcome.status, outcome.text, outcome.headers) == (200, "handled", {})
    assert recorder.requests[0].path == f"/v2/calls/{CALL}/actions/gather_stop"


def test_the_flow_step_in_client_state_picks_the_handler(
    verifier: WebhookVerifier, client: GatherClient, signer: WebhookSigner, recorder: Recorder
) -> None:
    router = Router(verifier=verifier, client=client, state=Flow)
    calls: list[tuple[str, object]] = []

    @router.on(CallGatherEnded, step="menu")
    def menu(event: CallGatherEnded, state: Flow) -> Command:
        calls.append(("menu", state))
        return SPEAK.model_copy(
            update={"client_state": encode_client_state(Flow(step="pin", tries=state.tries))}
        )

    @router.on(CallGatherEnded, step="pin")
    def pin(event: CallGatherEnded, state: Flow) -> None:
        calls.append(("pin", router.state(event)))  # the same state, decoded on demand

    @router.on(CallGatherEnded)
    def anywhere(event: CallGatherEnded) -> None:
        calls.append(("plain", router.state(event)))

    deliver(router, signer, call_gather_ended(client_state=encode_client_state(Flow(step="menu"))))
    state = recorder.requests[0].json()["client_state"]
    deliver(router, signer, call_gather_ended(client_state=state))
    deliver(router, signer, call_gather_ended(client_state=None))
    deliver(router, signer, call_gather_ended(client_state=encode_client_state({"step": "gone"})))
    deliver(router, signer, call_gather_ended(client_state=encode_client_state("not a flow")))

    assert calls == [
        ("menu", Flow(step="menu")),
        ("pin", Flow(step="pin")),
        ("plain", None),
        ("plain", None),
        ("plain", None),
    ]


def test_registration_mistakes_are_refused(verifier: WebhookVerifier, client: GatherClient) -> None:
    plain = Router(verifier=verifier, client=client)
    with pytest.raises(TypeError, match="needs a state type"):
        plain.on(CallGatherEnded, step="menu")
    with pytest.raises(TypeError, match="event class"):
        plain.on(dict)  # type: ignore[type-var]  # pyright: ignore[reportArgumentType]

    class NoStep(BaseModel):
        tries: int

    with pytest.raises(TypeError, match="no 'step' field"):
        Router(verifier=verifier, client=client, state=NoStep).on(CallGatherEnded, step="menu")

    plain.on(CallGatherEnded)(lambda event: None)
    with pytest.raises(ValueError, match="already registered"):
        plain.on(CallGatherEnded)(lambda event: None)


def test_a_failing_handler_answers_500_is_logged_without_the_body_and_runs_again(
    verifier: WebhookVerifier,
    client: GatherClient,
    signer: WebhookSigner,
    recorder: Recorder,
    caplog: pytest.LogCaptureFixture,
) -> None:
    router = Router(verifier=verifier, client=client)
    attempts: list[int] = []

    @router.on(CallGatherEnded)
    def flaky(event: CallGatherEnded) -> Command:
        attempts.append(1)
        if len(attempts) == 1:
            raise RuntimeError("database down")
        return SPEAK

    body = call_gather_ended(event_id="ev-flaky", digits="SECRET-DIGITS-4711")
    with caplog.at_level(logging.ERROR, logger="telnyx_gather.router"):
        failed = deliver(router, signer, body)

    assert (failed.status, failed.reason, failed.sent) == (500, "handler_failed", ())
    [record] = caplog.records
    assert "'ev-flaky'" in record.getMessage()
    assert "'call.gather.ended'" in record.getMessage()
    assert "RuntimeError" in record.getMessage()
    assert "SECRET-DIGITS-4711" not in caplog.text
    assert recorder.requests == []

    again = deliver(router, signer, body)
    assert (again.status, again.reason) == (200, "handled")
    assert len(attempts) == 2
    assert recorder.requests[0].json()["command_id"] == command_id("ev-flaky", 0)


def test_a_failed_send_releases_the_event_and_the_redelivery_sends_the_same_ids(
    verifier: WebhookVerifier, client: GatherClient, signer: WebhookSigner, recorder: Recorder
) -> None:
    router = Router(verifier=verifier, client=client)

    @router.on(CallGatherEnded)
    def ended(event: CallGatherEnded) -> Sequence[Command]:
        return [StopGather(), SPEAK]

    recorder.reply(Reply(), Reply(500, {"errors": [{"code": "10007", "title": "Unexpected"}]}))
    body = call_gather_ended(event_id="ev-send")
    failed = deliver(router, signer, body)

    assert (failed.status, failed.reason) == (502, "send_failed")
    assert [c.action for c in failed.sent] == ["gather_stop"]
    again = deliver(router, signer, body)
    assert again.reason == "handled"
    ids = [r.json()["command_id"] for r in recorder.requests]
    assert ids == [command_id("ev-send", i) for i in (0, 1, 0, 1)]


@pytest.mark.parametrize(
    "result",
    [pytest.param("speak", id="a string"), pytest.param([SPEAK, 3], id="a list with an int")],
)
def test_a_handler_returning_something_else_is_a_handler_failure(
    verifier: WebhookVerifier,
    client: GatherClient,
    signer: WebhookSigner,
    recorder: Recorder,
    result: object,
) -> None:
    router = Router(verifier=verifier, client=client)
    router.on(CallGatherEnded)(lambda event: result)  # type: ignore[arg-type,return-value]

    outcome = deliver(router, signer, call_gather_ended())

    assert (outcome.status, outcome.reason) == (500, "handler_failed")
    assert recorder.requests == []


def test_events_without_an_id_run_every_time_and_without_a_call_cannot_send(
    verifier: WebhookVerifier, client: GatherClient, signer: WebhookSigner, recorder: Recorder
) -> None:
    # Telnyx documents a call.conversation.ended with no id and no call ids.
    body = json.dumps(
        {"data": {"event_type": "call.session.note", "payload": {"reason": "customer_disconnect"}}}
    ).encode()
    store = MemoryStore()
    router = Router(verifier=verifier, client=client, store=store)
    runs: list[UnknownEvent] = []

    @router.on(UnknownEvent)
    def note(event: UnknownEvent) -> Command | None:
        runs.append(event)
        return None if len(runs) < 3 else StopGather()

    assert [deliver(router, signer, body).reason for _ in range(3)] == [
        "handled",
        "handled",
        "handler_failed",
    ]
    assert len(runs) == 3
    assert len(store) == 0
    assert recorder.requests == []


def test_the_documented_conversation_ended_without_ids_runs_its_handler_each_time(
    verifier: WebhookVerifier, client: GatherClient, signer: WebhookSigner, recorder: Recorder
) -> None:
    body = b'{"data": {"event_type": "call.conversation.ended", "payload": {"reason": "customer_disconnect"}}}'
    store = MemoryStore()
    router = Router(verifier=verifier, client=client, store=store)
    reasons: list[str | None] = []

    @router.on(CallConversationEnded)
    def ended(event: CallConversationEnded) -> None:
        reasons.append(event.payload.reason)

    outcomes = [deliver(router, signer, body) for _ in range(2)]

    assert [(o.status, o.reason) for o in outcomes] == [(200, "handled")] * 2
    assert reasons == ["customer_disconnect"] * 2
    assert len(store) == 0
    assert recorder.requests == []


@pytest.mark.parametrize(
    ("reply", "reason", "status", "again"),
    [
        pytest.param(Reply(422, CALL_ENDED), "send_refused", 200, "duplicate", id="422 call ended"),
        pytest.param(Reply(400, CALL_ENDED), "send_refused", 200, "duplicate", id="400"),
        pytest.param(Reply(404, CALL_ENDED), "send_refused", 200, "duplicate", id="404"),
        pytest.param(Reply(499, CALL_ENDED), "send_refused", 200, "duplicate", id="499"),
        *(
            pytest.param(Reply(code, CALL_ENDED), "send_failed", 502, "handled", id=f"{code} later")
            for code in (408, 409, 425, 429, 500, 503)
        ),
    ],
)
def test_a_command_telnyx_refuses_for_good_finishes_the_event(
    verifier: WebhookVerifier,
    client: GatherClient,
    signer: WebhookSigner,
    recorder: Recorder,
    reply: Reply,
    reason: str,
    status: int,
    again: str,
) -> None:
    router = Router(verifier=verifier, client=client)
    router.on(CallGatherEnded)(lambda event: [StopGather(), SPEAK])
    recorder.reply(reply)
    body = call_gather_ended(event_id="ev-refused")

    first = deliver(router, signer, body)
    second = deliver(router, signer, body)

    assert (first.status, first.reason, first.sent) == (status, reason, ())
    assert second.reason == again


def test_a_store_assigned_later_is_the_one_used(
    verifier: WebhookVerifier, client: GatherClient, signer: WebhookSigner, recorder: Recorder
) -> None:
    first = MemoryStore()
    router = Router(verifier=verifier, client=client, store=first, deadline=3.0, busy_wait=0.5)
    router.on(CallGatherEnded)(lambda event: StopGather())
    body = call_gather_ended(event_id="ev-swap")
    assert router.handle(body, signer.sign(body)).reason == "handled"
    assert router.handle(body, signer.sign(body)).reason == "duplicate"

    second = MemoryStore()
    router.store = second
    assert router.store is second
    assert router.handle(body, signer.sign(body)).reason == "handled"  # the new store is empty
    assert second.claim("ev-swap").state == "done"
    assert len(recorder.requests) == 2  # the same client sends after the swap


class HolderChecked(MemoryStore):
    """A store of an app's own that finishes an event only for the worker holding it."""

    def __init__(self) -> None:
        super().__init__()
        self.tokens: dict[str, str] = {}
        self.finished: list[tuple[str, str]] = []

    def claim(self, key: str) -> Claim:
        claim = super().claim(key)
        if claim.token is not None:
            self.tokens[key] = claim.token
        return claim

    def finish(self, key: str, token: str) -> None:
        self.finished.append((key, token))
        super().finish(key, token)


@pytest.mark.parametrize("entry", ["handle", "handle_async"])
def test_a_store_finishes_an_event_with_the_token_its_claim_gave(
    verifier: WebhookVerifier, client: GatherClient, signer: WebhookSigner, entry: str
) -> None:
    store = HolderChecked()
    router = Router(verifier=verifier, client=client, store=store)
    router.on(CallGatherEnded)(lambda event: None)
    body = call_gather_ended(event_id="ev-token")

    if entry == "handle":
        outcome = router.handle(body, signer.sign(body))
    else:
        outcome = asyncio.run(router.handle_async(body, signer.sign(body)))

    assert outcome.reason == "handled"
    assert store.finished == [("ev-token", store.tokens["ev-token"])]


@pytest.mark.parametrize("entry", ["handle", "handle_async"])
def test_an_event_without_an_id_holds_no_lease_however_long_it_runs(
    verifier: WebhookVerifier,
    client: GatherClient,
    signer: WebhookSigner,
    recorder: Recorder,
    entry: str,
) -> None:
    body = json.dumps(
        {"data": {"event_type": "call.session.note", "payload": {"call_control_id": "v3:n"}}}
    ).encode()
    # A lease this short is renewed while a handler runs: a renewal of no key would fail.
    router = Router(verifier=verifier, client=client, store=MemoryStore(lease=0.3), deadline=None)

    if entry == "handle":

        @router.on(UnknownEvent)
        def note(event: UnknownEvent) -> Command:
            threading.Event().wait(0.5)
            return StopGather()

        outcome = router.handle(body, signer.sign(body))
    else:

        @router.on(UnknownEvent)
        async def later(event: UnknownEvent) -> Command:
            await asyncio.sleep(0.5)
            return StopGather()

        outcome = asyncio.run(router.handle_async(body, signer.sign(body)))

    assert (outcome.status, outcome.reason) == (200, "handled")
    assert len(recorder.requests) == 1
