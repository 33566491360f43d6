"""Answering machine detection: `call.machine.*` and `call.machine.premium.*`.

The spec's examples of these events carry no `call_control_id`, so every
payload here has it optional; correlate on `call_leg_id` when it is absent.
"""

from typing import Any, ClassVar, Literal

from pydantic import Field

from ._base import CallEvent, CallIdentifiers

__all__ = [
    "CallMachineDetectionEnded",
    "CallMachineDetectionEndedPayload",
    "CallMachineGreetingEnded",
    "CallMachineGreetingEndedPayload",
    "CallMachinePremiumCallScreeningDetected",
    "CallMachinePremiumCallScreeningDetectedPayload",
    "CallMachinePremiumDetectionEnded",
    "CallMachinePremiumDetectionEndedPayload",
    "CallMachinePremiumDetectionStarted",
    "CallMachinePremiumDetectionStartedPayload",
    "CallMachinePremiumGreetingEnded",
    "CallMachinePremiumGreetingEndedPayload",
    "MachineDetectionResult",
    "MachineGreetingResult",
    "PremiumDetectionResult",
    "PremiumGreetingResult",
]

MachineDetectionResult = Literal["human", "machine", "not_sure"]
"""Who answered, per standard detection. Values Telnyx adds later arrive as plain strings."""

MachineGreetingResult = Literal["beep_detected", "ended", "not_sure"]
"""How a machine's greeting ended. Values Telnyx adds later arrive as plain strings."""

PremiumDetectionResult = Literal[
    "human_residence", "human_business", "machine", "silence", "fax_detected", "not_sure"
]
"""Who answered, per premium detection. Values Telnyx adds later arrive as plain strings."""

PremiumGreetingResult = Literal["beep_detected", "no_beep_detected", "prompt_ended"]
"""How a greeting ended, per premium detection. Later values arrive as plain strings."""

_EXAMPLE_IDS: dict[str, Any] = {
    "connection_id": "7267xxxxxxxxxxxxxx",
    "call_leg_id": "428c31b6-7af4-4bcb-b7f5-5013ef9657c1",
    "call_session_id": "428c31b6-7af4-4bcb-b7f5-5013ef9657c1",
    "client_state": "aGF2ZSBhIG5pY2UgZGF5ID1d",
    "from": "+35319605860",
    "to": "+35319605860",
}


class _DetectionPayload(CallIdentifiers):
    call_control_id: str | None = None
    """The call, when Telnyx names it (the spec's examples leave it out)."""
    from_: str | None = Field(default=None, alias="from")
    """Number or SIP URI placing the call."""
    to: str | None = None
    """Destination number or SIP URI of the call."""


class CallMachineDetectionEndedPayload(_DetectionPayload):
    """Payload of `call.machine.detection.ended`.

    Attributes:
        result: `human`, `machine` or `not_sure`.
    """

    result: MachineDetectionResult | str | None = None


class CallMachineDetectionEnded(CallEvent):
    """Answering machine detection (asked for on `dial` or `transfer`) decided."""

    event_type: Literal["call.machine.detection.ended"]
    payload: CallMachineDetectionEndedPayload
    example_payload: ClassVar[dict[str, Any]] = {**_EXAMPLE_IDS, "result": "human"}


class CallMachineGreetingEndedPayload(_DetectionPayload):
    """Payload of `call.machine.greeting.ended`.

    Attributes:
        result: `beep_detected` (leave the message now), `ended` or `not_sure`.
    """

    result: MachineGreetingResult | str | None = None


class CallMachineGreetingEnded(CallEvent):
    """The answering machine's greeting ended (with `detect_beep` or `greeting_end` detection)."""

    event_type: Literal["call.machine.greeting.ended"]
    payload: CallMachineGreetingEndedPayload
    example_payload: ClassVar[dict[str, Any]] = {**_EXAMPLE_IDS, "result": "ended"}


class CallMachinePremiumDetectionStartedPayload(_DetectionPayload):
    """Payload of `call.machine.premium.detection.started`: the identifiers and parties."""


class CallMachinePremiumDetectionStarted(CallEvent):
    """Premium machine detection started. Known from the telnyx SDK, newer than the spec."""

    event_type: Literal["call.machine.premium.detection.started"]
    payload: CallMachinePremiumDetectionStartedPayload
    example_payload: ClassVar[dict[str, Any]] = {**_EXAMPLE_IDS}


class CallMachinePremiumDetectionEndedPayload(_DetectionPayload):
    """Payload of `call.machine.premium.detection.ended`.

    Attributes:
        result: A person at home or at work, a machine, silence, a fax, or
            `not_sure`.
    """

    result: PremiumDetectionResult | str | None = None


class CallMachinePremiumDetectionEnded(CallEvent):
    """Premium answering machine detection decided."""

    event_type: Literal["call.machine.premium.detection.ended"]
    payload: CallMachinePremiumDetectionEndedPayload
    example_payload: ClassVar[dict[str, Any]] = {**_EXAMPLE_IDS, "result": "machine"}


class CallMachinePremiumGreetingEndedPayload(_DetectionPayload):
    """Payload of `call.machine.premium.greeting.ended`.

    Attributes:
        result: `beep_detected`, `no_beep_detected`, or (from the SDK)
            `prompt_ended`.
    """

    result: PremiumGreetingResult | str | None = None


class CallMachinePremiumGreetingEnded(CallEvent):
    """The answering machine's greeting ended, per premium detection."""

    event_type: Literal["call.machine.premium.greeting.ended"]
    payload: CallMachinePremiumGreetingEndedPayload
    example_payload: ClassVar[dict[str, Any]] = {**_EXAMPLE_IDS, "result": "beep_detected"}


class CallMachinePremiumCallScreeningDetectedPayload(_DetectionPayload):
    """Payload of `call.machine.premium.call_screening.detected`.

    Attributes:
        result: `screening`.
    """

    result: Literal["screening"] | str | None = None


class CallMachinePremiumCallScreeningDetected(CallEvent):
    """A call screening service answered. Known from the telnyx SDK, newer than the spec."""

    event_type: Literal["call.machine.premium.call_screening.detected"]
    payload: CallMachinePremiumCallScreeningDetectedPayload
    example_payload: ClassVar[dict[str, Any]] = {**_EXAMPLE_IDS, "result": "screening"}
