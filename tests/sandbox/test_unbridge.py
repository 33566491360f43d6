"""When one side of a bridge hangs up: the other hangs up too, unless it is parked or held.

`bridge` takes `park_after_unbridge="self"` and `hold_after_unbridge=True`;
`transfer` takes `park_after_unbridge="self"`. Each applies to the call the
command was sent to. The unmodified telnyx client sends the commands.
"""

from __future__ import annotations

import pytest
import telnyx

from telnyx_gather import CallHangup, CallHold
from telnyx_gather.testing import Sandbox, SandboxCall

VOICE = "Telnyx.KokoroTTS.af"
AGENT = "+13125550142"


def kinds(sandbox: Sandbox, call: SandboxCall) -> list[str]:
    sandbox.wait_idle()
    return [e.event_type for e in call.events()]


def still_takes_commands(sandbox: Sandbox, client: telnyx.Telnyx, call: SandboxCall) -> None:
    assert call.status == "answered"
    client.calls.actions.speak(call.call_control_id, payload="Still here.", voice=VOICE)
    sandbox.wait_for("call.speak.ended", call_control_id=call.call_control_id)


def test_hold_after_unbridge_puts_the_call_on_hold_when_its_peer_hangs_up(
    sandbox: Sandbox, client: telnyx.Telnyx
) -> None:
    a = sandbox.dial(from_="+13125550100", to="+13125550199")
    b = sandbox.dial()
    client.calls.actions.bridge(
        a.call_control_id,
        call_control_id_to_bridge_with=b.call_control_id,
        hold_after_unbridge=True,
    )
    sandbox.wait_for("call.bridged", count=2)
    b.hang_up_now()
    held = sandbox.wait_for("call.hold").event
    assert isinstance(held, CallHold)
    sandbox.wait_idle()  # b's webhooks go out on their own queue, in their own time
    payload = held.payload
    assert payload.call_control_id == a.call_control_id
    assert (payload.from_, payload.to) == ("+13125550100", "+13125550199")
    gone = sandbox.events(b.call_control_id)[-1]
    assert isinstance(gone, CallHangup)
    assert gone.occurred_at == held.occurred_at
    still_takes_commands(sandbox, client, a)
    assert kinds(sandbox, a) == [
        "call.bridged",
        "call.hold",
        "call.speak.started",
        "call.speak.ended",
    ]
    assert kinds(sandbox, b) == ["call.bridged", "call.hangup"]
    assert [c.command.action for c in sandbox.commands()] == ["bridge", "speak"]
    bridge = sandbox.commands()[0].command.to_params()
    assert bridge["hold_after_unbridge"] is True


@pytest.mark.parametrize("keep", ["hold", "park"])
def test_the_option_keeps_only_the_call_it_was_sent_to(
    sandbox: Sandbox, client: telnyx.Telnyx, keep: str
) -> None:
    a, b = sandbox.dial(), sandbox.dial()
    client.calls.actions.bridge(
        a.call_control_id,
        call_control_id_to_bridge_with=b.call_control_id,
        hold_after_unbridge=keep == "hold",
        park_after_unbridge="self" if keep == "park" else telnyx.omit,
    )
    sandbox.wait_for("call.bridged", count=2)
    a.hang_up_now()  # the kept call itself hangs up: its peer, with no option, ends too
    assert kinds(sandbox, a) == ["call.bridged", "call.hangup"]
    assert kinds(sandbox, b) == ["call.bridged", "call.hangup"]
    assert b.ended


def test_a_transfer_with_park_after_unbridge_keeps_leg_a_when_leg_b_hangs_up(
    sandbox: Sandbox, client: telnyx.Telnyx
) -> None:
    sandbox.callee(AGENT, answer_after=2)
    call = sandbox.dial()
    client.calls.actions.transfer(call.call_control_id, to=AGENT, park_after_unbridge="self")
    answered = sandbox.wait_for("call.answered").event  # leg B's: the only call answered
    leg_b = sandbox.call(answered.payload.call_control_id or "")
    sandbox.wait_for("call.bridged", call_control_id=leg_b.call_control_id)
    assert leg_b.call_control_id != call.call_control_id
    leg_b.hang_up_now()  # the agent hangs up: the caller stays, parked
    still_takes_commands(sandbox, client, call)
    assert kinds(sandbox, call) == ["call.bridged", "call.speak.started", "call.speak.ended"]
    assert kinds(sandbox, leg_b) == [
        "call.initiated",
        "call.answered",
        "call.bridged",
        "call.hangup",
    ]


def test_a_transfer_does_not_inherit_an_earlier_bridges_hold(
    sandbox: Sandbox, client: telnyx.Telnyx
) -> None:
    sandbox.callee(AGENT, answer_after=2)
    a, b = sandbox.dial(), sandbox.dial()
    client.calls.actions.bridge(
        a.call_control_id,
        call_control_id_to_bridge_with=b.call_control_id,
        hold_after_unbridge=True,
    )
    b.hang_up_now()
    sandbox.wait_for("call.hold")
    client.calls.actions.transfer(a.call_control_id, to=AGENT)
    answered = sandbox.wait_for("call.answered").event  # leg B's: the only call answered
    leg_b = answered.payload.call_control_id or ""
    sandbox.wait_for("call.bridged", call_control_id=leg_b)
    sandbox.call(leg_b).hang_up_now()
    assert kinds(sandbox, a) == ["call.bridged", "call.hold", "call.bridged", "call.hangup"]
    assert a.ended
