"""`call.fork.started` and `call.fork.stopped`: the call's media forked to another target."""

from typing import Any, ClassVar, Literal

from ._base import CallEvent, CallPayload

__all__ = [
    "CallForkStarted",
    "CallForkStartedPayload",
    "CallForkStopped",
    "CallForkStoppedPayload",
]

_EXAMPLE: dict[str, Any] = {
    "connection_id": "7267xxxxxxxxxxxxxx",
    "call_control_id": "v2:OycMASgvIjsGIAVEx8x3n9rYeKnUJx6a3V8VGhs5futnr17KZhujZA",
    "call_leg_id": "428c31b6-7af4-4bcb-b7f5-5013ef9657c1",
    "call_session_id": "428c31b6-7af4-4bcb-b7f5-5013ef9657c1",
    "client_state": "aGF2ZSBhIG5pY2UgZGF5ID1d",
    "stream_type": "decrypted",
}


class CallForkStartedPayload(CallPayload):
    """Payload of `call.fork.started`.

    Attributes:
        stream_type: The kind of media forked: `decrypted` today.
    """

    stream_type: Literal["decrypted"] | str | None = None


class CallForkStarted(CallEvent):
    """Forking of the call's media started (`fork_start`)."""

    event_type: Literal["call.fork.started"]
    payload: CallForkStartedPayload
    example_payload: ClassVar[dict[str, Any]] = {
        **_EXAMPLE,
    }


class CallForkStoppedPayload(CallForkStartedPayload):
    """Payload of `call.fork.stopped`: the same fields as when it started."""


class CallForkStopped(CallEvent):
    """Forking of the call's media stopped (`fork_stop`, or the call ended)."""

    event_type: Literal["call.fork.stopped"]
    payload: CallForkStoppedPayload
    example_payload: ClassVar[dict[str, Any]] = {
        **_EXAMPLE,
    }
