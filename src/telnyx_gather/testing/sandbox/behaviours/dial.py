"""`POST /calls` (`Dial`): a new outbound call, rung as a transfer's leg B is (see `_legs`).

Once answered, it gets the answering machine detection webhooks the command
asked for (see `_machine`), and, with `record="record-from-answer"`, is
recorded from then on (see `_recordings`).

`link_to` names a live call whose session the new call joins (one
`call_session_id`; a call the sandbox does not know, or one that ended, is
refused with 422 and no call is placed). With it:

- `bridge_on_answer` bridges the two once the new call answers, as
  `bridge` does (`call.bridged` on both), if the linked call is answered and up;
  with `prevent_double_bridge`, a linked call already bridged to another is
  left alone and the new call hangs up instead;
- `bridge_intent` takes the linked call's `from` as the new call's;
- `park_after_unbridge="self"` keeps the new call up, alone, when the
  linked call hangs up.
"""

from __future__ import annotations

from functools import partial

from ....commands import Dial
from .._calls import CallState
from .._errors import unknown_call
from .._toolkit import Toolkit
from ._declare import NEW_CALL, Behaviour, Reply
from ._machine import detect

__all__: list[str] = []
"""Nothing to import: the engine finds `BEHAVIOURS` here by itself."""

TIMEOUT_SECS = 30
"""How long the call rings when `timeout_secs` is left out (Telnyx's default)."""


def dial(kit: Toolkit, call: CallState, command: Dial, at: float) -> Reply:
    """Ring the new call: its callee answers or refuses, or it rings out."""
    linked = _link(kit, call, command)
    answered = partial(_answered, kit, command, linked)
    kit.legs.ring(call, command.timeout_secs or TIMEOUT_SECS, answered)
    return {**call.ids(), "is_alive": True, "record_type": "call"}


def _link(kit: Toolkit, call: CallState, command: Dial) -> CallState | None:
    if command.link_to is None:
        return None
    linked = kit.calls.get(command.link_to)
    if linked is None or linked.ended:
        raise unknown_call("link_to")
    call.call_session_id = linked.call_session_id
    if command.bridge_intent:
        call.from_ = linked.from_
    call.park_after_unbridge = command.park_after_unbridge == "self"
    return linked


def _answered(
    kit: Toolkit, command: Dial, linked: CallState | None, call: CallState, at: float
) -> None:
    if command.bridge_on_answer and linked is not None and linked.status == "answered":
        if command.prevent_double_bridge and linked.peer is not None:
            kit.end_call(call, at, "normal_clearing", "caller")
            return
        kit.legs.bridge(linked, call, at)
    kit.recorders.from_answer(call, at, command)
    detect(kit, command, call, at)


BEHAVIOURS = (Behaviour(Dial, dial, NEW_CALL),)
