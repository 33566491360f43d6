"""`gather_using_ai`: a conversation that gathers what its `parameters` schema asks for.

A new gather cuts the running one short (`cancelled`); the plan (see
`_plan_ai`) plays the greeting, the caller's answer and the results.
"""

from __future__ import annotations

from ....commands import GatherUsingAI
from .._calls import CallState, Running, new_uuid
from .._plan_ai import plan_ai_gather
from .._toolkit import Toolkit
from ._declare import ANSWERED, Behaviour, Reply

__all__: list[str] = []
"""Nothing to import: the engine finds `BEHAVIOURS` here by itself."""


def gather_using_ai(kit: Toolkit, call: CallState, command: GatherUsingAI, at: float) -> Reply:
    """An AI gather: a conversation whose id the response returns (see `_plan_ai`)."""
    kit.interrupt(call, at, "cancelled")
    conversation_id = new_uuid()
    plan = plan_ai_gather(command, call.ready_script(), at, conversation_id)
    kit.run_gather(call, Running(command, plan, at, conversation_id))
    return {"conversation_id": conversation_id}


BEHAVIOURS = (Behaviour(GatherUsingAI, gather_using_ai, ANSWERED),)
