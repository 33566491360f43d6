"""`bridge`: join the call to another answered call, or to the first call waiting in a queue.

With `record="record-from-answer"`, the call the command was sent to is
recorded from the bridge on, as `record_start` records (see `_recordings`).
"""

from __future__ import annotations

from ....commands import Bridge
from .._calls import CallState
from .._errors import unknown_call
from .._toolkit import Toolkit
from ._declare import ANSWERED, Behaviour, Reply

__all__: list[str] = []
"""Nothing to import: the engine finds `BEHAVIOURS` here by itself."""


def bridge(kit: Toolkit, call: CallState, command: Bridge, at: float) -> Reply:
    """`call.bridged` on both calls; each ends with the other unless parked or held after."""
    if command.queue is not None:
        other = kit.queues.first(command.queue)
    else:
        other = kit.calls.get(command.call_control_id or "")
    if other is None or other is call or other.status != "answered":
        raise unknown_call()
    kit.queues.leave(other, at, "bridged")
    call.park_after_unbridge = command.park_after_unbridge == "self"
    call.hold_after_unbridge = bool(command.hold_after_unbridge)
    kit.legs.bridge(call, other, at)
    kit.recorders.from_answer(call, at, command)
    return None


BEHAVIOURS = (Behaviour(Bridge, bridge, ANSWERED),)
