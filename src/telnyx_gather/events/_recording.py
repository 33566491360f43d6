"""`call.recording.saved`, `call.recording.error` and `call.recording.transcription.saved`."""

from typing import Any, ClassVar, Literal

from pydantic import AwareDatetime

from ._base import CallEvent, CallIdentifiers, CallPayload, EventModel
from ._examples import SPEC_IDS

__all__ = [
    "CallRecordingError",
    "CallRecordingErrorPayload",
    "CallRecordingSaved",
    "CallRecordingSavedPayload",
    "CallRecordingTranscriptionSaved",
    "CallRecordingTranscriptionSavedPayload",
    "RecordingChannels",
    "RecordingErrorReason",
    "RecordingUrls",
]

RecordingChannels = Literal["single", "dual"]
"""Whether both parties share one channel or each has their own."""

RecordingErrorReason = Literal[
    "Failed to authorize with storage using custom credentials",
    "Invalid credentials json",
    "Unsupported backend",
    "Internal server error",
]
"""Why a recording could not be saved. Values Telnyx adds later arrive as plain strings."""


class RecordingUrls(EventModel):
    """Where to download a recording, one URL per format (formats Telnyx adds are kept).

    Attributes:
        mp3: The MP3 file, when the recording was made in MP3.
        wav: The WAV file, when the recording was made in WAV.
    """

    mp3: str | None = None
    wav: str | None = None


class CallRecordingSavedPayload(CallIdentifiers):
    """Payload of `call.recording.saved`.

    Attributes:
        call_control_id: The call, when Telnyx names it; the spec's example
            of this event leaves it out, so it may be `None`. Correlate on
            `call_leg_id` then.
        recording_started_at: When the recording started.
        recording_ended_at: When it ended.
        channels: `single` or `dual`.
        recording_urls: Download URLs, valid for a limited time.
        public_recording_urls: Download URLs that need no authentication,
            when the account serves recordings publicly.
    """

    call_control_id: str | None = None
    recording_started_at: AwareDatetime | None = None
    recording_ended_at: AwareDatetime | None = None
    channels: RecordingChannels | str | None = None
    recording_urls: RecordingUrls | None = None
    public_recording_urls: RecordingUrls | None = None


class CallRecordingSaved(CallEvent):
    """A recording of the call was saved and can be downloaded.

    Sent when the recording stops (`record_stop`) or when the call ends.
    """

    event_type: Literal["call.recording.saved"]
    payload: CallRecordingSavedPayload
    example_payload: ClassVar[dict[str, Any]] = {
        "connection_id": "7267xxxxxxxxxxxxxx",
        "call_leg_id": "428c31b6-7af4-4bcb-b7f5-5013ef9657c1",
        "call_session_id": "428c31b6-7af4-4bcb-b7f5-5013ef9657c1",
        "client_state": "aGF2ZSBhIG5pY2UgZGF5ID1d",
        "recording_started_at": "2018-02-02T22:20:27.521992Z",
        "recording_ended_at": "2018-02-02T22:20:27.521992Z",
        "channels": "single",
        "recording_urls": {
            "mp3": "http://example.com/recording.mp3",
            "wav": "http://example.com/recording.wav",
        },
        "public_recording_urls": {
            "mp3": "http://example.com/recording.mp3",
            "wav": "http://example.com/recording.wav",
        },
    }


class CallRecordingErrorPayload(CallIdentifiers):
    """Payload of `call.recording.error`.

    Attributes:
        call_control_id: The call, when Telnyx names it; the spec's example
            leaves it out, so it may be `None`.
        reason: Why the recording could not be saved.
    """

    call_control_id: str | None = None
    reason: RecordingErrorReason | str | None = None


class CallRecordingError(CallEvent):
    """A recording of the call could not be saved (storage credentials, backend, ...)."""

    event_type: Literal["call.recording.error"]
    payload: CallRecordingErrorPayload
    example_payload: ClassVar[dict[str, Any]] = {
        "connection_id": "7267xxxxxxxxxxxxxx",
        "call_leg_id": "428c31b6-7af4-4bcb-b7f5-5013ef9657c1",
        "call_session_id": "428c31b6-7af4-4bcb-b7f5-5013ef9657c1",
        "client_state": "aGF2ZSBhIG5pY2UgZGF5ID1d",
        "reason": "Internal server error",
    }


class CallRecordingTranscriptionSavedPayload(CallPayload):
    """Payload of `call.recording.transcription.saved`.

    Attributes:
        calling_party_type: The kind of connection the caller is on.
        recording_id: The recording that was transcribed.
        recording_transcription_id: The transcription's id.
        status: `completed`.
        transcription_text: The text of the recording.
    """

    calling_party_type: Literal["pstn", "sip"] | str | None = None
    recording_id: str | None = None
    recording_transcription_id: str | None = None
    status: Literal["completed"] | str | None = None
    transcription_text: str | None = None


class CallRecordingTranscriptionSaved(CallEvent):
    """The transcription of a recording (asked for with `transcription` on record) is ready."""

    event_type: Literal["call.recording.transcription.saved"]
    payload: CallRecordingTranscriptionSavedPayload
    example_payload: ClassVar[dict[str, Any]] = {
        **SPEC_IDS,
        "calling_party_type": "pstn",
        "recording_id": "428c31b6-7af4-4bcb-b7f5-5013ef9657c1",
        "recording_transcription_id": "428c31b6-7af4-4bcb-b7f5-5013ef9657c1",
        "status": "completed",
        "transcription_text": "Hi!",
    }
