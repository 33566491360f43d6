"""Named queues: a call joins at the end (`call.enqueued`) and leaves (`call.dequeued`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ...events import CallDequeued, CallEnqueued
from ._calls import CallState

if TYPE_CHECKING:
    from ._toolkit import Toolkit

__all__ = ["Queues"]


class Queues:
    """The calls waiting in each queue, first first."""

    def __init__(self, kit: Toolkit) -> None:
        self._kit = kit
        self.waiting: dict[str, list[str]] = {}

    def first(self, name: str) -> CallState | None:
        """The call that has waited longest in queue `name`, if any."""
        waiting = self.waiting.get(name)
        return self._kit.calls.get(waiting[0]) if waiting else None

    def join(self, call: CallState, name: str, at: float) -> None:
        """Put `call` at the end of queue `name` (out of any other first): `call.enqueued`."""
        self.leave(call, at, "leave")
        waiting = self.waiting.setdefault(name, [])
        waiting.append(call.call_control_id)
        call.queue, call.queued_at = name, at
        fields = {"queue": name, "current_position": len(waiting), "queue_avg_wait_time_secs": 0}
        self._kit.emit(call, CallEnqueued, fields, at=at)

    def leave(self, call: CallState, at: float, reason: str) -> None:
        """Take `call` out of its queue, if it waits in one: `call.dequeued` with `reason`."""
        name, call.queue = call.queue, None
        if name is None:
            return
        waiting = self.waiting[name]
        position = waiting.index(call.call_control_id) + 1
        waiting.remove(call.call_control_id)
        fields = {
            "queue": name,
            "queue_position": position,
            "reason": reason,
            "wait_time_secs": round(at - call.queued_at),
        }
        self._kit.emit(call, CallDequeued, fields, at=at)
