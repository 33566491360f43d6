"""`hangup`: the app ends the call, or rejects it while it rings."""

from __future__ import annotations

from ....commands import Hangup
from .._calls import CallState
from .._lifecycle import HangupCause, Party
from .._toolkit import Toolkit
from ._declare import LIVE, Behaviour, Reply

__all__: list[str] = []
"""Nothing to import: the engine finds `BEHAVIOURS` here by itself."""


def hangup(kit: Toolkit, call: CallState, command: Hangup, at: float) -> Reply:
    """End the call (`normal_clearing`); on a ringing one the app rejects or cancels it."""
    app: Party = "callee" if call.direction == "incoming" else "caller"
    if call.status == "ringing":
        cause: HangupCause = "call_rejected" if app == "callee" else "originator_cancel"
        kit.unanswered(call, cause, app, at)
    else:
        kit.end_call(call, at, "normal_clearing", app)
    return None


BEHAVIOURS = (Behaviour(Hangup, hangup, LIVE),)
