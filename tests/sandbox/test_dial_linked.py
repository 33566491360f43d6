"""`Dial`'s bridge options: `link_to`, `bridge_on_answer`, `bridge_intent`,
`park_after_unbridge` and `prevent_double_bridge`.

The unmodified telnyx client dials (`POST /calls`) over loopback HTTP; a
callee scripted with `sandbox.callee` answers the new call.
"""

from __future__ import annotations

import pytest
import telnyx

from telnyx_gather import CallBridged, CallHangup, CallInitiated
from telnyx_gather.testing import Sandbox, SandboxCall

AGENT = "+13125550142"
CLINIC = "+13125550100"
PATIENT = "+13125550199"
VOICE = "Telnyx.KokoroTTS.af"


def kinds(sandbox: Sandbox, call: SandboxCall) -> list[str]:
    sandbox.wait_idle()
    return [e.event_type for e in call.events()]


def dial_agent(
    client: telnyx.Telnyx, sandbox: Sandbox, link_to: str, **options: bool | str
) -> SandboxCall:
    dialled = client.calls.dial(
        connection_id="c1",
        from_=CLINIC,
        to=AGENT,
        link_to=link_to,
        **options,  # type: ignore[arg-type]
    )
    assert dialled.data is not None
    return sandbox.call(dialled.data.call_control_id)


def session_of(call: SandboxCall) -> str | None:
    return call.events()[0].payload.call_session_id


def test_link_to_shares_the_linked_calls_session_and_bridges_nothing(
    sandbox: Sandbox, client: telnyx.Telnyx
) -> None:
    sandbox.callee(AGENT, answer_after=2)
    caller = sandbox.ring(
        patience=86_400
    )  # an inbound call, answered: its webhooks name its session
    client.calls.actions.answer(caller.call_control_id)
    dialled = client.calls.dial(
        connection_id="c1", from_=CLINIC, to=AGENT, link_to=caller.call_control_id
    )
    assert dialled.data is not None
    agent = sandbox.call(dialled.data.call_control_id)
    sandbox.wait_for("call.answered", call_control_id=agent.call_control_id)
    assert kinds(sandbox, agent) == ["call.initiated", "call.answered"]
    assert dialled.data.call_session_id == session_of(caller)
    assert session_of(agent) == session_of(caller)
    initiated = agent.events()[0]
    assert isinstance(initiated, CallInitiated)
    assert initiated.payload.from_ == CLINIC
    assert "call.bridged" not in kinds(sandbox, caller)


def test_bridge_on_answer_bridges_the_new_call_to_the_linked_one(
    sandbox: Sandbox, client: telnyx.Telnyx
) -> None:
    sandbox.callee(AGENT, answer_after=2)
    caller = sandbox.dial(from_=PATIENT)
    agent = dial_agent(client, sandbox, caller.call_control_id, bridge_on_answer=True)
    first, second = (
        sandbox.wait_for("call.bridged", call_control_id=c.call_control_id).event
        for c in (caller, agent)
    )
    assert isinstance(first, CallBridged)
    assert isinstance(second, CallBridged)
    assert first.occurred_at == second.occurred_at
    assert first.payload.call_control_id == caller.call_control_id
    assert second.payload.call_control_id == agent.call_control_id
    assert second.payload.call_session_id == first.payload.call_session_id
    assert second.payload.from_ == CLINIC  # no bridge_intent: the dial's own caller id
    assert kinds(sandbox, agent) == ["call.initiated", "call.answered", "call.bridged"]
    assert kinds(sandbox, caller) == ["call.bridged"]
    agent.hang_up_now()  # the agent hangs up: the caller, not parked, too
    assert kinds(sandbox, agent)[-1] == "call.hangup"
    assert kinds(sandbox, caller) == ["call.bridged", "call.hangup"]
    gone = caller.events()[-1]
    assert isinstance(gone, CallHangup)
    assert gone.payload.hangup_cause == "normal_clearing"
    assert caller.ended


def test_bridge_intent_takes_the_linked_calls_from(sandbox: Sandbox, client: telnyx.Telnyx) -> None:
    sandbox.callee(AGENT, answer_after=1)
    caller = sandbox.dial(from_=PATIENT)
    agent = dial_agent(
        client, sandbox, caller.call_control_id, bridge_intent=True, bridge_on_answer=True
    )
    sandbox.wait_for("call.bridged", count=2)
    initiated, *_ = agent.events()
    assert isinstance(initiated, CallInitiated)
    assert initiated.payload.from_ == PATIENT
    assert initiated.payload.to == AGENT


def test_park_after_unbridge_keeps_the_new_call_when_the_linked_one_hangs_up(
    sandbox: Sandbox, client: telnyx.Telnyx
) -> None:
    sandbox.callee(AGENT, answer_after=1)
    caller = sandbox.dial()
    agent = dial_agent(
        client, sandbox, caller.call_control_id, bridge_on_answer=True, park_after_unbridge="self"
    )
    sandbox.wait_for("call.bridged", count=2)
    caller.hang_up_now()  # the caller leaves: the agent stays, parked
    sandbox.wait_idle()
    assert agent.status == "answered"
    client.calls.actions.speak(agent.call_control_id, payload="Still here.", voice=VOICE)
    sandbox.wait_for("call.speak.ended", call_control_id=agent.call_control_id)
    assert kinds(sandbox, agent) == [
        "call.initiated",
        "call.answered",
        "call.bridged",
        "call.speak.started",
        "call.speak.ended",
    ]
    assert kinds(sandbox, caller) == ["call.bridged", "call.hangup"]


@pytest.mark.parametrize("prevent", [True, False])
def test_prevent_double_bridge_hangs_up_rather_than_take_a_bridged_call(
    sandbox: Sandbox, client: telnyx.Telnyx, prevent: bool
) -> None:
    sandbox.callee(AGENT, answer_after=1)
    caller = sandbox.dial()
    other = sandbox.dial(to=CLINIC)
    target = other.call_control_id
    client.calls.actions.bridge(caller.call_control_id, call_control_id_to_bridge_with=target)
    agent = dial_agent(
        client,
        sandbox,
        caller.call_control_id,
        bridge_on_answer=True,
        prevent_double_bridge=prevent,
    )
    sandbox.wait_for("call.answered", call_control_id=agent.call_control_id)
    sandbox.wait_idle()
    if prevent:  # the caller stays bridged to the other call; the new call hangs up
        assert kinds(sandbox, agent) == ["call.initiated", "call.answered", "call.hangup"]
        assert kinds(sandbox, caller) == ["call.bridged"]
        assert other.status == "answered"
    else:  # the caller leaves the other call, which hangs up, for the new one
        assert kinds(sandbox, agent) == ["call.initiated", "call.answered", "call.bridged"]
        assert kinds(sandbox, caller) == ["call.bridged", "call.bridged"]
        assert kinds(sandbox, other) == ["call.bridged", "call.hangup"]


def test_bridge_on_answer_bridges_nothing_when_nobody_answers(
    sandbox: Sandbox, client: telnyx.Telnyx
) -> None:
    sandbox.callee(AGENT, refuse="user_busy")
    caller = sandbox.dial()
    agent = dial_agent(client, sandbox, caller.call_control_id, bridge_on_answer=True)
    sandbox.wait_for("call.hangup")
    assert kinds(sandbox, agent) == ["call.initiated", "call.hangup"]
    assert caller.events() == []
    assert caller.status == "answered"


@pytest.mark.parametrize("gone", ["unknown", "ended"])
def test_link_to_a_call_that_is_not_up_is_refused_and_places_no_call(
    sandbox: Sandbox, client: telnyx.Telnyx, gone: str
) -> None:
    link_to = "v3:no-such-call"
    if gone == "ended":
        ended = sandbox.dial()
        ended.hang_up_now()
        sandbox.wait_idle()
        link_to = ended.call_control_id
    seen = len(sandbox.events())
    with pytest.raises(telnyx.UnprocessableEntityError) as refused:
        client.calls.dial(
            connection_id="c1", from_=CLINIC, to=AGENT, link_to=link_to, bridge_on_answer=True
        )
    assert refused.value.status_code == 422
    assert "link_to" in str(refused.value.body)
    sandbox.wait_idle()
    assert len(sandbox.events()) == seen  # no call.initiated: no call was placed
    assert [c.command.action for c in sandbox.commands()] == []
