"""`call.bridged`, `call.hold` and `call.unhold`: the call's audio joined, held, released."""

from typing import Any, ClassVar, Literal

from ._base import CallEvent, PartiesPayload
from ._examples import SDK_IDS, SPEC_IDS

__all__ = [
    "CallBridged",
    "CallBridgedPayload",
    "CallHold",
    "CallHoldPayload",
    "CallUnhold",
    "CallUnholdPayload",
]


class CallBridgedPayload(PartiesPayload):
    """Payload of `call.bridged`: the identifiers and parties of this leg.

    Each leg of a bridge gets its own `call.bridged`; both share one
    `call_session_id` when a transfer created the second leg.
    """


class CallBridged(CallEvent):
    """The call was joined to another call (a `transfer` answered, or a `bridge`)."""

    event_type: Literal["call.bridged"]
    payload: CallBridgedPayload
    example_payload: ClassVar[dict[str, Any]] = {
        **SPEC_IDS,
        "from": "+35319605860",
        "to": "+35319605860",
    }


class CallHoldPayload(PartiesPayload):
    """Payload of `call.hold`: the identifiers and parties of the held call."""


class CallHold(CallEvent):
    """The call was put on hold. Known from the telnyx SDK, which is newer than the spec."""

    event_type: Literal["call.hold"]
    payload: CallHoldPayload
    example_payload: ClassVar[dict[str, Any]] = {
        **SDK_IDS,
        "from": "+35319605860",
        "to": "+13129457420",
    }


class CallUnholdPayload(PartiesPayload):
    """Payload of `call.unhold`: the identifiers and parties of the released call."""


class CallUnhold(CallEvent):
    """The call was taken off hold. Known from the telnyx SDK, which is newer than the spec."""

    event_type: Literal["call.unhold"]
    payload: CallUnholdPayload
    example_payload: ClassVar[dict[str, Any]] = {
        **SDK_IDS,
        "from": "+35319605860",
        "to": "+13129457420",
    }
