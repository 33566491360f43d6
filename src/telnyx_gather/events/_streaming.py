"""`streaming.started`, `streaming.stopped` and `streaming.failed`: media streamed out of the call.

Telnyx sends these three without the `call.` prefix on `event_type`.
"""

from typing import Any, ClassVar, Literal

from ._base import CallEvent, CallPayload, EventModel
from ._examples import SPEC_MEDIA_IDS

__all__ = [
    "CallStreamingFailed",
    "CallStreamingFailedPayload",
    "CallStreamingStarted",
    "CallStreamingStartedPayload",
    "CallStreamingStopped",
    "CallStreamingStoppedPayload",
    "StreamParams",
]


class CallStreamingStartedPayload(CallPayload):
    """Payload of `streaming.started`.

    Attributes:
        stream_url: The WebSocket URL the media is streamed to.
    """

    stream_url: str | None = None


class CallStreamingStarted(CallEvent):
    """Streaming of the call's media started (`streaming_start`)."""

    event_type: Literal["streaming.started"]
    payload: CallStreamingStartedPayload
    example_payload: ClassVar[dict[str, Any]] = {
        **SPEC_MEDIA_IDS,
        "stream_url": "wss://www.example.com/websocket",
    }


class CallStreamingStoppedPayload(CallStreamingStartedPayload):
    """Payload of `streaming.stopped`: the same fields as when it started."""


class CallStreamingStopped(CallEvent):
    """Streaming of the call's media stopped (`streaming_stop`, or the call ended)."""

    event_type: Literal["streaming.stopped"]
    payload: CallStreamingStoppedPayload
    example_payload: ClassVar[dict[str, Any]] = {
        **SPEC_MEDIA_IDS,
        "stream_url": "wss://www.example.com/websocket",
    }


class StreamParams(EventModel):
    """The parameters of a stream that failed.

    Attributes:
        stream_url: The WebSocket URL the media was to be streamed to.
        track: Which audio was to be streamed.
    """

    stream_url: str | None = None
    track: Literal["inbound_track", "outbound_track", "both_tracks"] | str | None = None


class CallStreamingFailedPayload(CallPayload):
    """Payload of `streaming.failed`.

    Attributes:
        failure_reason: Why streaming failed (`connection_failed`, ...).
        stream_id: The stream's id.
        stream_params: The stream that was asked for.
        stream_type: `websocket` or `dialogflow`.
    """

    failure_reason: str | None = None
    stream_id: str | None = None
    stream_params: StreamParams | None = None
    stream_type: Literal["websocket", "dialogflow"] | str | None = None


class CallStreamingFailed(CallEvent):
    """Streaming of the call's media could not start or broke off."""

    event_type: Literal["streaming.failed"]
    payload: CallStreamingFailedPayload
    example_payload: ClassVar[dict[str, Any]] = {
        **SPEC_MEDIA_IDS,
        "failure_reason": "connection_failed",
        "stream_id": "1edb94f9-7ef0-4150-b502-e0ebadfd9491",
        "stream_params": {
            "stream_url": "wss://www.example.com/websocket",
            "track": "inbound_track",
        },
        "stream_type": "websocket",
    }
