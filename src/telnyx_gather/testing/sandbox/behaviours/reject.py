"""`reject`: a ringing incoming call ends unanswered, with the hang-up cause the command names."""

from __future__ import annotations

from ....commands import Reject
from .._calls import CallState
from .._lifecycle import HangupCause
from .._toolkit import Toolkit
from ._declare import RINGING_INBOUND, Behaviour, Reply

__all__: list[str] = []
"""Nothing to import: the engine finds `BEHAVIOURS` here by itself."""

_CAUSES: dict[str, HangupCause] = {
    "CALL_REJECTED": "call_rejected",
    "USER_BUSY": "user_busy",
    "NOT_FOUND": "unallocated_number",
    "TEMPORARILY_UNAVAILABLE": "temporarily_unavailable",
}


def reject(kit: Toolkit, call: CallState, command: Reject, at: float) -> Reply:
    """`call.hangup` with the matching `hangup_cause`, the app (callee) as its source."""
    kit.unanswered(call, _CAUSES.get(command.cause, "call_rejected"), "callee", at)
    return None


BEHAVIOURS = (Behaviour(Reject, reject, RINGING_INBOUND),)
