"""`enqueue` and `leave_queue`: hold the call in a named queue."""

from __future__ import annotations

from typing import Annotated, ClassVar

from pydantic import Field

from .._base import Command

__all__ = ["Enqueue", "LeaveQueue"]

_Positive = Annotated[int, Field(ge=1, le=2**31 - 1)]


class Enqueue(Command):
    """Put the call in a queue, creating the queue if needed; Telnyx sends `call.enqueued`.

    Attributes:
        queue_name: The queue's name.
        max_wait_time_secs: Seconds after which the call leaves the queue, at least 1.
        max_size: Most calls the queue holds, at least 1 (Telnyx default 100);
            fixed once the queue exists.
        keep_after_hangup: Keep the call in the queue after it hangs up.
        client_state: Base64 state echoed in every later webhook.
        command_id: Telnyx ignores a repeated `command_id` on the same call.
    """

    action: ClassVar[str] = "enqueue"
    method: ClassVar[str] = "enqueue"

    queue_name: Annotated[str, Field(min_length=1)]
    max_wait_time_secs: _Positive | None = None
    max_size: _Positive | None = None
    keep_after_hangup: bool | None = None


class LeaveQueue(Command):
    """Take the call out of its queue; Telnyx sends `call.dequeued`.

    Attributes:
        client_state: Base64 state echoed in every later webhook.
        command_id: Telnyx ignores a repeated `command_id` on the same call.
    """

    action: ClassVar[str] = "leave_queue"
    method: ClassVar[str] = "leave_queue"
