"""`siprec.started`, `siprec.stopped` and `siprec.failed`: a SIPREC recording session.

Telnyx sends these three without the `call.` prefix on `event_type`.
"""

from typing import Any, ClassVar, Literal

from ._base import CallEvent, CallPayload
from ._examples import SPEC_MEDIA_IDS

__all__ = [
    "CallSiprecFailed",
    "CallSiprecFailedPayload",
    "CallSiprecStarted",
    "CallSiprecStartedPayload",
    "CallSiprecStopped",
    "CallSiprecStoppedPayload",
]


class CallSiprecStartedPayload(CallPayload):
    """Payload of `siprec.started`: the call identifiers."""


class CallSiprecStarted(CallEvent):
    """A SIPREC session to the recording server started (`siprec_start`)."""

    event_type: Literal["siprec.started"]
    payload: CallSiprecStartedPayload
    example_payload: ClassVar[dict[str, Any]] = {
        **SPEC_MEDIA_IDS,
    }


class CallSiprecStoppedPayload(CallPayload):
    """Payload of `siprec.stopped`.

    Attributes:
        hangup_cause: Why the SIPREC session ended (`normal_clearing`, ...).
    """

    hangup_cause: str | None = None


class CallSiprecStopped(CallEvent):
    """The SIPREC session ended (`siprec_stop`, or the call ended)."""

    event_type: Literal["siprec.stopped"]
    payload: CallSiprecStoppedPayload
    example_payload: ClassVar[dict[str, Any]] = {
        **SPEC_MEDIA_IDS,
        "hangup_cause": "normal_clearing",
    }


class CallSiprecFailedPayload(CallPayload):
    """Payload of `siprec.failed`.

    Attributes:
        failure_cause: Why the session could not start (`no_answer`, ...).
    """

    failure_cause: str | None = None


class CallSiprecFailed(CallEvent):
    """The SIPREC session could not be established."""

    event_type: Literal["siprec.failed"]
    payload: CallSiprecFailedPayload
    example_payload: ClassVar[dict[str, Any]] = {
        **SPEC_MEDIA_IDS,
        "failure_cause": "no_answer",
    }
