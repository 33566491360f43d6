"""`refer`: a SIP REFER; `call.refer.started`, then `call.refer.completed` a beat later."""

from __future__ import annotations

from ....commands import Refer
from ....events import CallReferCompleted, CallReferStarted
from .._calls import CallState
from .._plan import BEAT
from .._toolkit import Toolkit
from ._declare import ANSWERED, Behaviour, Reply

__all__: list[str] = []
"""Nothing to import: the engine finds `BEHAVIOURS` here by itself."""


def refer(kit: Toolkit, call: CallState, command: Refer, at: float) -> Reply:
    """The far end accepts the REFER (SIP NOTIFY 200)."""
    kit.emit(call, CallReferStarted, {"sip_notify_response": 100}, at=at)
    kit.later(call, at + BEAT, CallReferCompleted, {"sip_notify_response": 200})
    return None


BEHAVIOURS = (Behaviour(Refer, refer, ANSWERED),)
