"""`send_dtmf`: no webhook; the scripted party on the call hears the digits."""

from __future__ import annotations

from ....commands import SendDtmf
from ....events import CallDtmfReceived
from .._calls import CallState
from .._script import Press
from .._toolkit import Toolkit
from ._declare import ANSWERED, Behaviour, Reply

__all__: list[str] = []
"""Nothing to import: the engine finds `BEHAVIOURS` here by itself."""


def send_dtmf(kit: Toolkit, call: CallState, command: SendDtmf, at: float) -> Reply:
    """The party hears the digits; a `Press(after=...)` waiting for them is pressed now.

    Outside a gather, its keys each send `call.dtmf.received`.
    """
    call.heard += command.digits
    step = call.script[0] if call.script else None
    if not isinstance(step, Press) or step.after is None or call.gather is not None:
        return None
    if step.after in call.heard:
        call.script.popleft()
        for index, key in enumerate(step.digits):
            when = at + step.delay + index * step.gap
            kit.later(call, when, CallDtmfReceived, {"digit": key})
    return None


BEHAVIOURS = (Behaviour(SendDtmf, send_dtmf, ANSWERED),)
