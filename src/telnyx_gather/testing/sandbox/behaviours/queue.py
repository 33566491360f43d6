"""`enqueue` and `leave_queue`: `call.enqueued` with the call's place, then `call.dequeued`."""

from __future__ import annotations

from ....commands import Enqueue, LeaveQueue
from .._calls import CallState
from .._toolkit import Toolkit
from ._declare import ANSWERED, Behaviour, Reply

__all__: list[str] = []
"""Nothing to import: the engine finds `BEHAVIOURS` here by itself."""


def enqueue(kit: Toolkit, call: CallState, command: Enqueue, at: float) -> Reply:
    """Put the call at the end of the queue (out of any other first)."""
    kit.queues.join(call, command.queue_name, at)
    return None


def leave_queue(kit: Toolkit, call: CallState, command: LeaveQueue, at: float) -> Reply:
    """Take the call out of its queue (`reason` `leave`)."""
    kit.queues.leave(call, at, "leave")
    return None


BEHAVIOURS = (
    Behaviour(Enqueue, enqueue, ANSWERED),
    Behaviour(LeaveQueue, leave_queue, ANSWERED),
)
