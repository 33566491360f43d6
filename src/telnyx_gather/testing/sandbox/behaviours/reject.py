"""`reject`: the app turns down an incoming call while it rings."""

from __future__ import annotations

from ....commands import Reject
from .._calls import CallState
from .._toolkit import Toolkit
from ._declare import RINGING_INBOUND, Behaviour, Reply

__all__: list[str] = []
"""Nothing to import: the engine finds `BEHAVIOURS` here by itself."""


def reject(kit: Toolkit, call: CallState, command: Reject, at: float) -> Reply:
    """End the ringing call: `call.hangup` with `call_rejected`, by the app (the callee)."""
    kit.unanswered(call, "call_rejected", "callee", at)
    return None


BEHAVIOURS = (Behaviour(Reject, reject, RINGING_INBOUND),)
