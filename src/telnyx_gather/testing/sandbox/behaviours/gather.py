"""`gather`, `gather_using_audio` and `gather_using_speak`.

A new gather cuts the running one short (`cancelled`), then plays its plan
against the caller's script: prompts, keys, tries, and the `.ended` event.
"""

from __future__ import annotations

from ....commands import Gather, GatherUsingAudio, GatherUsingSpeak
from .._calls import CallState, Running
from .._plan import DigitsGather, plan_dtmf_gather
from .._toolkit import Toolkit
from ._declare import ANSWERED, Behaviour, Reply

__all__: list[str] = []
"""Nothing to import: the engine finds `BEHAVIOURS` here by itself."""


def gather_digits(kit: Toolkit, call: CallState, command: DigitsGather, at: float) -> Reply:
    """A DTMF gather, with or without a prompt (see `_plan` for the rules)."""
    kit.interrupt(call, at, "cancelled")
    plan = plan_dtmf_gather(command, call.ready_script(), at)
    kit.run_gather(call, Running(command, plan, at))
    return None


BEHAVIOURS = (
    Behaviour(Gather, gather_digits, ANSWERED),
    Behaviour(GatherUsingAudio, gather_digits, ANSWERED),
    Behaviour(GatherUsingSpeak, gather_digits, ANSWERED),
)
