"""Whole calls: ring, answer, the scripted caller, hang-ups by either side, and outbound dials.

The unmodified `telnyx` client and the facade send the commands over
loopback HTTP; every lifecycle webhook parses to its typed class.
"""

from __future__ import annotations

import json
from typing import Literal

import pytest
import telnyx
from pydantic import BaseModel

from telnyx_gather import (
    CallAIGatherEnded,
    CallAnswered,
    CallGatherEnded,
    CallHangup,
    CallInitiated,
    encode_client_state,
)
from telnyx_gather.client import GatherClient
from telnyx_gather.testing import Press, Sandbox

from .conftest import FAST
from .receivers import Receiver

PATIENT = 60_000
"""A caller who waits 60 s of real time at the tests' time scale: the test answers first."""


def hangup(sandbox: Sandbox) -> CallHangup:
    event = sandbox.wait_for("call.hangup").event
    assert isinstance(event, CallHangup)
    return event


def test_an_inbound_call_rings_is_answered_and_hung_up_by_the_app(
    sandbox: Sandbox, client: telnyx.Telnyx
) -> None:
    call = sandbox.ring(from_="+13125550199", patience=PATIENT).press("12#")
    initiated = sandbox.wait_for("call.initiated").event
    assert isinstance(initiated, CallInitiated)
    assert initiated.payload.direction == "incoming"
    assert initiated.payload.state == "parked"
    assert initiated.payload.call_control_id == call.call_control_id
    assert call.status == "ringing"

    with pytest.raises(telnyx.UnprocessableEntityError) as early:
        client.calls.actions.gather(call.call_control_id)
    assert early.value.body["errors"][0]["title"] == "Call has not been answered"

    client.calls.actions.answer(call.call_control_id, client_state=encode_client_state("menu"))
    answered = sandbox.wait_for("call.answered").event
    assert isinstance(answered, CallAnswered)
    assert answered.payload.client_state == encode_client_state("menu")
    assert call.status == "answered"

    client.calls.actions.gather(call.call_control_id, maximum_digits=2)
    ended = sandbox.wait_for("call.gather.ended").event
    assert isinstance(ended, CallGatherEnded)
    assert ended.payload.digits == "12"

    client.calls.actions.hangup(call.call_control_id)
    gone = hangup(sandbox)
    assert (gone.payload.hangup_cause, gone.payload.hangup_source) == ("normal_clearing", "callee")
    assert call.ended
    sandbox.wait_idle()
    assert [d.event_type for d in sandbox.deliveries] == [
        "call.initiated",
        "call.answered",
        "call.dtmf.received",
        "call.dtmf.received",
        "call.gather.ended",
        "call.hangup",
    ]
    with pytest.raises(telnyx.UnprocessableEntityError):
        client.calls.actions.hangup(call.call_control_id)


def test_the_caller_hangs_up_mid_gather(sandbox: Sandbox, client: telnyx.Telnyx) -> None:
    call = sandbox.ring(patience=PATIENT).hang_up(delay=2)
    client.calls.actions.answer(call.call_control_id)
    client.calls.actions.gather(call.call_control_id)
    gone = hangup(sandbox)
    assert (gone.payload.hangup_cause, gone.payload.hangup_source) == ("normal_clearing", "caller")
    statuses = [json.loads(d.body)["data"]["payload"].get("status") for d in sandbox.deliveries]
    assert "call_hangup" in statuses


def test_a_caller_nobody_answers_gives_up(sandbox: Sandbox) -> None:
    call = sandbox.ring(patience=20)
    gone = hangup(sandbox)
    assert (gone.payload.hangup_cause, gone.payload.hangup_source) == (
        "originator_cancel",
        "caller",
    )
    assert [d.event_type for d in sandbox.deliveries] == ["call.initiated", "call.hangup"]
    assert call.ended


def test_the_app_rejects_a_ringing_call(sandbox: Sandbox, client: telnyx.Telnyx) -> None:
    call = sandbox.ring(patience=PATIENT)
    client.calls.actions.hangup(call.call_control_id)
    gone = hangup(sandbox)
    assert (gone.payload.hangup_cause, gone.payload.hangup_source) == ("call_rejected", "callee")


def test_only_a_ringing_inbound_call_can_be_answered(
    sandbox: Sandbox, client: telnyx.Telnyx
) -> None:
    ringing = sandbox.ring(patience=PATIENT)
    client.calls.actions.answer(ringing.call_control_id)
    for call_control_id in (ringing.call_control_id, sandbox.dial().call_control_id):
        with pytest.raises(telnyx.UnprocessableEntityError) as caught:
            client.calls.actions.answer(call_control_id)
        assert caught.value.body["errors"][0]["title"] == "Call is not ringing"
    sandbox.wait_idle()
    assert [d.event_type for d in sandbox.deliveries] == ["call.initiated", "call.answered"]


def test_answer_can_move_the_calls_webhooks() -> None:
    with Sandbox(time_scale=FAST) as sandbox, Receiver(sandbox.public_key) as elsewhere:
        call = sandbox.ring(patience=PATIENT)
        with GatherClient(api_key=sandbox.api_key, base_url=sandbox.base_url) as client:
            client.call(call.call_control_id).answer(webhook_url=elsewhere.url)
        sandbox.wait_idle()
    assert [d.url for d in sandbox.deliveries] == [None, elsewhere.url]
    assert [g.body["data"]["event_type"] for g in elsewhere.got] == ["call.answered"]


def test_an_outbound_call_to_a_scripted_callee(sandbox: Sandbox, client: telnyx.Telnyx) -> None:
    sandbox.callee("+13125550123", Press(digits="7"), answer_after=2)
    dialled = client.calls.dial(connection_id="c1", from_="+13125550100", to="+13125550123")
    assert dialled.data is not None
    call_control_id = dialled.data.call_control_id
    answered = sandbox.wait_for("call.answered").event
    assert isinstance(answered, CallAnswered)
    assert answered.payload.call_control_id == call_control_id
    client.calls.actions.gather(call_control_id, maximum_digits=1)
    ended = sandbox.wait_for("call.gather.ended").event
    assert isinstance(ended, CallGatherEnded)
    assert ended.payload.digits == "7"
    sandbox.call(call_control_id).hang_up_now()
    gone = hangup(sandbox)
    assert gone.payload.hangup_source == "callee"
    initiated = sandbox.deliveries[0].event
    assert isinstance(initiated, CallInitiated)
    assert (initiated.payload.direction, initiated.payload.state) == ("outgoing", "bridging")


def test_an_outbound_call_nobody_answers_times_out(sandbox: Sandbox, client: telnyx.Telnyx) -> None:
    client.calls.dial(connection_id="c1", from_="+13125550100", to="+13125550999", timeout_secs=5)
    gone = hangup(sandbox)
    assert (gone.payload.hangup_cause, gone.payload.hangup_source) == ("timeout", "callee")


@pytest.mark.parametrize(("refuse", "sip"), [("user_busy", "486"), ("call_rejected", "603")])
def test_a_callee_that_refuses_ends_the_leg_with_its_cause(
    sandbox: Sandbox, client: telnyx.Telnyx, refuse: Literal["user_busy", "call_rejected"], sip: str
) -> None:
    sandbox.callee("+13125550124", answer_after=2, refuse=refuse)
    client.calls.dial(connection_id="c1", from_="+13125550100", to="+13125550124")
    gone = hangup(sandbox)
    assert (gone.payload.hangup_cause, gone.payload.hangup_source) == (refuse, "callee")
    assert gone.payload.sip_hangup_cause == sip
    assert [e.event_type for e in sandbox.events()] == ["call.initiated", "call.hangup"]


def test_a_callee_refusal_must_be_one_the_api_has(sandbox: Sandbox) -> None:
    with pytest.raises(ValueError, match="refuse must be"):
        sandbox.callee("+13125550124", refuse="maybe")  # type: ignore[arg-type]


def test_a_bad_dial_body_gets_422(sandbox: Sandbox, client: telnyx.Telnyx) -> None:
    with pytest.raises(telnyx.UnprocessableEntityError) as caught:
        client.calls.dial(connection_id="c1", from_="+1", to="+2", timeout_secs=2)
    assert caught.value.body["errors"][0]["source"]["pointer"] == "/timeout_secs"
    assert sandbox.deliveries == []


class Booking(BaseModel):
    """What the assistant collects."""

    name: str
    party: int


def test_the_caller_answers_an_ai_gather_with_a_model(
    sandbox: Sandbox, client: telnyx.Telnyx
) -> None:
    call = sandbox.ring(patience=PATIENT).answer_ai(Booking(name="Ada", party=4))
    client.calls.actions.answer(call.call_control_id)
    client.calls.actions.gather_using_ai(
        call.call_control_id, parameters=Booking.model_json_schema()
    )
    ended = sandbox.wait_for("call.ai_gather.ended").event
    assert isinstance(ended, CallAIGatherEnded)
    assert ended.payload.status == "valid"
    assert ended.payload.result_as(Booking) == Booking(name="Ada", party=4)


def test_the_control_api_can_ring(sandbox: Sandbox) -> None:
    from .test_http_face import auth, exchange, request

    body = b'{"ring": true, "patience": 1}'
    raw = request(
        sandbox, "POST", "/v2/_sandbox/calls", [auth(sandbox), f"Content-Length: {len(body)}"], body
    )
    status, answer, _ = exchange(sandbox, raw)
    assert status == 200
    gone = hangup(sandbox)
    assert gone.payload.call_control_id == answer["data"]["call_control_id"]
    assert gone.payload.hangup_cause == "originator_cancel"
