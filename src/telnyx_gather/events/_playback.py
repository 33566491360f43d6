"""`call.playback.started` and `call.playback.ended`."""

from typing import Any, ClassVar, Literal

from ._base import CallEvent, CallPayload
from ._examples import SPEC_IDS

__all__ = [
    "CallPlaybackEnded",
    "CallPlaybackEndedPayload",
    "CallPlaybackStarted",
    "CallPlaybackStartedPayload",
    "PlaybackStatus",
]

PlaybackStatus = Literal[
    "file_not_found", "call_hangup", "unknown", "cancelled", "cancelled_amd", "completed", "failed"
]
"""How a playback ended. Values Telnyx adds later arrive as plain strings."""


class CallPlaybackStartedPayload(CallPayload):
    """Payload of `call.playback.started`.

    Attributes:
        media_url: The audio URL being played, when `audio_url` started it.
        media_name: The stored media being played, when `media_name` started it.
        overlay: Whether the audio plays in overlay mode.
    """

    media_url: str | None = None
    media_name: str | None = None
    overlay: bool | None = None


class CallPlaybackStarted(CallEvent):
    """Audio (a prompt of `gather_using_audio`) started playing on the call."""

    event_type: Literal["call.playback.started"]
    payload: CallPlaybackStartedPayload
    example_payload: ClassVar[dict[str, Any]] = {
        **SPEC_IDS,
        "media_url": "http://example.com/audio.wav",
        "overlay": False,
    }


class CallPlaybackEndedPayload(CallPlaybackStartedPayload):
    """Payload of `call.playback.ended`.

    Attributes:
        status: How the playback ended; `None` only if Telnyx leaves it out
            (the spec allows it).
        status_detail: Details when it failed.
    """

    status: PlaybackStatus | str | None = None
    status_detail: str | None = None


class CallPlaybackEnded(CallEvent):
    """Audio stopped playing on the call: it finished, failed or was cut off."""

    event_type: Literal["call.playback.ended"]
    payload: CallPlaybackEndedPayload
    example_payload: ClassVar[dict[str, Any]] = {
        **SPEC_IDS,
        "media_name": "my_media_uploaded_to_media_storage_api",
        "overlay": False,
        "status": "completed",
    }
