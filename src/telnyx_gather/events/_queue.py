"""`call.enqueued` and `call.dequeued`: the call joined or left a queue."""

from typing import Any, ClassVar, Literal

from ._base import CallEvent, CallPayload
from ._examples import SPEC_IDS

__all__ = [
    "CallDequeued",
    "CallDequeuedPayload",
    "CallEnqueued",
    "CallEnqueuedPayload",
    "DequeueReason",
]

DequeueReason = Literal["bridged", "bridging-in-process", "hangup", "leave", "timeout"]
"""Why a call left its queue. Values Telnyx adds later arrive as plain strings."""


class CallEnqueuedPayload(CallPayload):
    """Payload of `call.enqueued`.

    Attributes:
        queue: The queue's name.
        current_position: The call's place in the queue, 1 being next.
        queue_avg_wait_time_secs: The queue's average wait, in seconds.
    """

    queue: str | None = None
    current_position: int | None = None
    queue_avg_wait_time_secs: int | None = None


class CallEnqueued(CallEvent):
    """The call was placed in a queue (`enqueue`)."""

    event_type: Literal["call.enqueued"]
    payload: CallEnqueuedPayload
    example_payload: ClassVar[dict[str, Any]] = {
        **SPEC_IDS,
        "queue": "support",
        "current_position": 5,
    }


class CallDequeuedPayload(CallPayload):
    """Payload of `call.dequeued`.

    Attributes:
        queue: The queue's name.
        queue_position: The place the call held in the queue when it left.
        reason: Why it left: bridged to an agent, hung up, `leave_queue`, or
            the queue's timeout.
        wait_time_secs: How long the call waited, in seconds.
    """

    queue: str | None = None
    queue_position: int | None = None
    reason: DequeueReason | str | None = None
    wait_time_secs: int | None = None


class CallDequeued(CallEvent):
    """The call left its queue. The spec names this webhook `callLeftQueue`."""

    event_type: Literal["call.dequeued"]
    payload: CallDequeuedPayload
    example_payload: ClassVar[dict[str, Any]] = {
        **SPEC_IDS,
        "queue": "support",
        "queue_position": 3,
        "reason": "leave",
    }
