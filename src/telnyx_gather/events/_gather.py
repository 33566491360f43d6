"""`call.gather.ended` and `call.dtmf.received`."""

from typing import Any, ClassVar, Literal

from ._base import CallEvent, PartiesPayload
from ._examples import SPEC_IDS

__all__ = [
    "CallDtmfReceived",
    "CallDtmfReceivedPayload",
    "CallGatherEnded",
    "CallGatherEndedPayload",
    "GatherStatus",
]

GatherStatus = Literal["valid", "invalid", "call_hangup", "cancelled", "cancelled_amd", "timeout"]
"""How a DTMF gather ended. Values Telnyx adds later arrive as plain strings."""


class CallGatherEndedPayload(PartiesPayload):
    """Payload of `call.gather.ended`.

    Attributes:
        digits: The digits collected, without the terminating digit.
        status: How the gather ended; `None` only if Telnyx leaves it out
            (the spec allows it, though every documented delivery has one).
    """

    digits: str | None = None
    status: GatherStatus | str | None = None


class CallGatherEnded(CallEvent):
    """A DTMF gather finished: the caller entered digits, timed out, or hung up."""

    event_type: Literal["call.gather.ended"]
    payload: CallGatherEndedPayload
    example_payload: ClassVar[dict[str, Any]] = {
        **SPEC_IDS,
        "from": "+35319605860",
        "to": "+35319605860",
        "digits": "123",
        "status": "valid",
    }


class CallDtmfReceivedPayload(PartiesPayload):
    """Payload of `call.dtmf.received`.

    Attributes:
        digit: The single DTMF digit or symbol received; `None` only if
            Telnyx leaves it out (the spec allows it).
    """

    digit: str | None = None


class CallDtmfReceived(CallEvent):
    """The caller pressed one DTMF key."""

    event_type: Literal["call.dtmf.received"]
    payload: CallDtmfReceivedPayload
    example_payload: ClassVar[dict[str, Any]] = {
        **SPEC_IDS,
        "from": "+35319605860",
        "to": "+35319605860",
        "digit": "#",
    }
