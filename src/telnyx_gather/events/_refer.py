"""`call.refer.started`, `call.refer.completed` and `call.refer.failed`: a SIP REFER's progress."""

from typing import Any, ClassVar, Literal

from ._base import CallEvent, PartiesPayload

__all__ = [
    "CallReferCompleted",
    "CallReferCompletedPayload",
    "CallReferFailed",
    "CallReferFailedPayload",
    "CallReferStarted",
    "CallReferStartedPayload",
]

_EXAMPLE_IDS: dict[str, Any] = {
    "call_control_id": "v2:OycMASgvIjsGIAVEx8x3n9rYeKnUJx6a3V8VGhs5futnr17KZhujZA",
    "call_leg_id": "817f7de8-728a-11ea-9ce6-02420a0f8969",
    "call_session_id": "817f8c2a-728a-11ea-9cbe-02420a0f8969",
    "client_state": "aGF2ZSBhIG5pY2UgZGF5ID1d",
    "connection_id": "1289082222292239760",
    "from": "+35319605860",
}


class CallReferStartedPayload(PartiesPayload):
    """Payload of `call.refer.started`.

    Attributes:
        sip_notify_response: The SIP status the far end reported in its
            NOTIFY (`100` while trying).
    """

    sip_notify_response: int | None = None


class CallReferStarted(CallEvent):
    """The far end accepted the `refer` and started calling the new target."""

    event_type: Literal["call.refer.started"]
    payload: CallReferStartedPayload
    example_payload: ClassVar[dict[str, Any]] = {
        **_EXAMPLE_IDS,
        "sip_notify_response": 100,
        "to": "+13129457420",
    }


class CallReferCompletedPayload(CallReferStartedPayload):
    """Payload of `call.refer.completed`; `sip_notify_response` is the final success (`200`)."""


class CallReferCompleted(CallEvent):
    """The `refer` succeeded: the call now goes to the new target."""

    event_type: Literal["call.refer.completed"]
    payload: CallReferCompletedPayload
    example_payload: ClassVar[dict[str, Any]] = {
        **_EXAMPLE_IDS,
        "sip_notify_response": 200,
        "to": "+13129457420",
    }


class CallReferFailedPayload(CallReferStartedPayload):
    """Payload of `call.refer.failed`; `sip_notify_response` is the failure (`603`, ...)."""


class CallReferFailed(CallEvent):
    """The `refer` failed; the call stays where it was."""

    event_type: Literal["call.refer.failed"]
    payload: CallReferFailedPayload
    example_payload: ClassVar[dict[str, Any]] = {
        **_EXAMPLE_IDS,
        "sip_notify_response": 603,
        "to": "+13129457420",
    }
