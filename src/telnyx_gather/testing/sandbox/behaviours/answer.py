"""`answer`: a ringing incoming call is answered (`call.answered`).

With `record="record-from-answer"` it is recorded from then on, as
`record_start` records (see `_recordings`).
"""

from __future__ import annotations

from ....commands import Answer
from .._calls import CallState
from .._toolkit import Toolkit
from ._declare import RINGING_INBOUND, Behaviour, Reply

__all__: list[str] = []
"""Nothing to import: the engine finds `BEHAVIOURS` here by itself."""


def answer(kit: Toolkit, call: CallState, command: Answer, at: float) -> Reply:
    """Answer the call; its `webhook_url`, when given, takes the call's webhooks from now."""
    if command.webhook_url is not None:
        call.webhook_url = command.webhook_url
    kit.answer(call, at)
    kit.recorders.from_answer(call, at, command)
    return None


BEHAVIOURS = (Behaviour(Answer, answer, RINGING_INBOUND),)
