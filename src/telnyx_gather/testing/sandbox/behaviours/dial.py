"""`POST /calls` (`Dial`): a new outbound call, rung as a transfer's leg B is (see `_legs`).

Once answered, it gets the answering machine detection webhooks the command
asked for (see `_machine`), and, with `record="record-from-answer"`, is
recorded from then on (see `_recordings`).
"""

from __future__ import annotations

from functools import partial

from ....commands import Dial
from .._calls import CallState
from .._toolkit import Toolkit
from ._declare import NEW_CALL, Behaviour, Reply
from ._machine import detect

__all__: list[str] = []
"""Nothing to import: the engine finds `BEHAVIOURS` here by itself."""

TIMEOUT_SECS = 30
"""How long the call rings when `timeout_secs` is left out (Telnyx's default)."""


def dial(kit: Toolkit, call: CallState, command: Dial, at: float) -> Reply:
    """Ring the new call: its callee answers or refuses, or it rings out."""
    kit.legs.ring(call, command.timeout_secs or TIMEOUT_SECS, partial(_answered, kit, command))
    return {**call.ids(), "is_alive": True, "record_type": "call"}


def _answered(kit: Toolkit, command: Dial, call: CallState, at: float) -> None:
    kit.recorders.from_answer(call, at, command)
    detect(kit, command, call, at)


BEHAVIOURS = (Behaviour(Dial, dial, NEW_CALL),)
