"""`call.speak.started` and `call.speak.ended`: text-to-speech on the call."""

from typing import Any, ClassVar, Literal

from ._base import CallEvent, CallPayload
from ._examples import SPEC_IDS

__all__ = [
    "CallSpeakEnded",
    "CallSpeakEndedPayload",
    "CallSpeakStarted",
    "CallSpeakStartedPayload",
    "SpeakStatus",
]

SpeakStatus = Literal["completed", "call_hangup", "cancelled_amd"]
"""How a speak ended. Values Telnyx adds later arrive as plain strings."""


class CallSpeakStartedPayload(CallPayload):
    """Payload of `call.speak.started`: the call identifiers, and no parties.

    Real deliveries carry no `from` or `to`; any field Telnyx adds is kept in
    `model_extra`.
    """


class CallSpeakStarted(CallEvent):
    """Text-to-speech started on the call, from a `speak` command or a spoken prompt."""

    event_type: Literal["call.speak.started"]
    payload: CallSpeakStartedPayload
    example_payload: ClassVar[dict[str, Any]] = {
        **SPEC_IDS,
    }


class CallSpeakEndedPayload(CallSpeakStartedPayload):
    """Payload of `call.speak.ended`.

    Attributes:
        status: How the speak ended: `completed` when all of it was spoken,
            `call_hangup` when the call ended during it, `cancelled_amd` when
            answering machine detection cut it off. `None` only if Telnyx
            leaves it out (the spec allows it).
    """

    status: SpeakStatus | str | None = None


class CallSpeakEnded(CallEvent):
    """Text-to-speech stopped on the call: it finished, or the call ended or was detected.

    The moment to send what follows a spoken goodbye (`hangup`): sent right
    behind the `speak`, it would cut the words off.
    """

    event_type: Literal["call.speak.ended"]
    payload: CallSpeakEndedPayload
    example_payload: ClassVar[dict[str, Any]] = {
        **SPEC_IDS,
        "status": "completed",
    }
