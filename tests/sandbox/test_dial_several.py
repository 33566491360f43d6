"""`Dial` to a list of numbers: the sandbox rings the first one only.

The spec and the SDK accept `to` as a list ("multiple DID or SIP URIs") but
document neither how the others ring nor what the response says of them
(it names one call), so the sandbox does not guess at a simultaneous ring.
"""

from __future__ import annotations

import telnyx

from telnyx_gather import CallInitiated, Dial
from telnyx_gather.testing import Sandbox

FIRST, SECOND = "+13125550123", "+13125550124"


def test_a_list_of_numbers_rings_the_first(sandbox: Sandbox, client: telnyx.Telnyx) -> None:
    sandbox.callee(FIRST, answer_after=1)
    sandbox.callee(SECOND, answer_after=1)
    dialled = client.calls.dial(connection_id="c1", from_="+13125550100", to=[FIRST, SECOND])
    assert dialled.data is not None
    answered = sandbox.wait_for("call.answered").event
    assert answered.payload.call_control_id == dialled.data.call_control_id
    sandbox.wait_idle()
    assert [e.event_type for e in sandbox.events()] == ["call.initiated", "call.answered"]
    initiated = sandbox.events()[0]
    assert isinstance(initiated, CallInitiated)
    assert initiated.payload.to == FIRST
    (sent,) = sandbox.commands()
    assert isinstance(sent.command, Dial)
    assert sent.command.to == [FIRST, SECOND]
