"""`gather`, `gather_using_audio`, `gather_using_speak` and `gather_using_ai`.

A new gather cuts the running one short (`cancelled`), then plays its plan
against the caller's script: prompts, keys, tries, and the `.ended` event.
"""

from __future__ import annotations

from ....commands import Gather, GatherUsingAI, GatherUsingAudio, GatherUsingSpeak
from .._calls import CallState, Running, new_uuid
from .._plan import DigitsGather, plan_dtmf_gather
from .._plan_ai import plan_ai_gather
from .._toolkit import Toolkit
from ._declare import ANSWERED, Behaviour, Reply

__all__: list[str] = []
"""Nothing to import: the engine finds `BEHAVIOURS` here by itself."""


def gather_digits(kit: Toolkit, call: CallState, command: DigitsGather, at: float) -> Reply:
    """A DTMF gather, with or without a prompt (see `_plan` for the rules)."""
    kit.interrupt(call, at, "cancelled")
    plan = plan_dtmf_gather(command, list(call.script), at)
    kit.run_gather(call, Running(command, plan, at))
    return None


def gather_using_ai(kit: Toolkit, call: CallState, command: GatherUsingAI, at: float) -> Reply:
    """An AI gather: a conversation whose id the response returns (see `_plan_ai`)."""
    kit.interrupt(call, at, "cancelled")
    conversation_id = new_uuid()
    plan = plan_ai_gather(command, list(call.script), at, conversation_id)
    kit.run_gather(call, Running(command, plan, at, conversation_id))
    return {"conversation_id": conversation_id}


BEHAVIOURS = (
    Behaviour(Gather, gather_digits, ANSWERED),
    Behaviour(GatherUsingAudio, gather_digits, ANSWERED),
    Behaviour(GatherUsingSpeak, gather_digits, ANSWERED),
    Behaviour(GatherUsingAI, gather_using_ai, ANSWERED),
)
