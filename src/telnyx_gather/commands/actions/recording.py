"""`record_start`, `record_stop`, `record_pause` and `record_resume`: record the call."""

from __future__ import annotations

from typing import Annotated, ClassVar, Literal

from pydantic import Field, model_validator
from typing_extensions import Self

from .._base import Command
from .._fields import RecordingFileName, UuidText

__all__ = ["PauseRecording", "ResumeRecording", "StartRecording", "StopRecording"]

_SpeakerCount = Annotated[int, Field(ge=1, le=2**31 - 1)]


class StartRecording(Command):
    """Start recording the call; `call.recording.saved` follows when it stops.

    Attributes:
        format: `wav` or `mp3`.
        channels: `single`, or `dual` (the first leg on channel A, the rest on B).
        play_beep: Play a beep when the recording starts.
        max_length: Longest recording in seconds, 0 (no limit, the Telnyx
            default) to 14400.
        timeout_secs: Seconds of silence that stop the recording, 0 (never,
            the Telnyx default) or more.
        recording_track: `both` (Telnyx default), `inbound` or `outbound`; a
            single track is recorded as mono.
        trim: `trim-silence` to cut silence at both ends.
        custom_file_name: The recording's file name, 1 to 40 characters
            (Telnyx adds a timestamp).
        transcription: Transcribe the recording afterwards.
        transcription_engine: `A` (Google, the Telnyx default), `B` (Telnyx)
            or `deepgram/nova-3` (English only).
        transcription_language: The language code to transcribe, such as `en-US`.
        transcription_profanity_filter: Filter profanity (Google only).
        transcription_speaker_diarization: Tell speakers apart (Google only).
        transcription_min_speaker_count: Fewest speakers, at least 1 (Google
            only; Telnyx default 2), at most `transcription_max_speaker_count`.
        transcription_max_speaker_count: Most speakers, at least 1 (Google
            only; Telnyx default 6).
        client_state: Base64 state echoed in every later webhook.
        command_id: Telnyx ignores a repeated `command_id` on the same call.
    """

    action: ClassVar[str] = "record_start"
    method: ClassVar[str] = "start_recording"

    format: Literal["wav", "mp3"]
    channels: Literal["single", "dual"]
    play_beep: bool | None = None
    max_length: Annotated[int, Field(ge=0, le=14_400)] | None = None
    timeout_secs: Annotated[int, Field(ge=0, le=2**31 - 1)] | None = None
    recording_track: Literal["both", "inbound", "outbound"] | None = None
    trim: Literal["trim-silence"] | None = None
    custom_file_name: RecordingFileName | None = None
    transcription: bool | None = None
    transcription_engine: Literal["A", "B", "deepgram/nova-3"] | None = None
    transcription_language: str | None = None
    transcription_profanity_filter: bool | None = None
    transcription_speaker_diarization: bool | None = None
    transcription_min_speaker_count: _SpeakerCount | None = None
    transcription_max_speaker_count: _SpeakerCount | None = None

    @model_validator(mode="after")
    def _speaker_range(self) -> Self:
        low, high = self.transcription_min_speaker_count, self.transcription_max_speaker_count
        if low is not None and high is not None and low > high:
            raise ValueError(
                "transcription_min_speaker_count, transcription_max_speaker_count: "
                "minimum must be <= maximum"
            )
        return self


class _OneRecording(Command):
    recording_id: UuidText | None = None


class StopRecording(_OneRecording):
    """Stop recording; Telnyx then sends `call.recording.saved`.

    Attributes:
        recording_id: The recording to stop (a UUID); all of the call's when unset.
        client_state: Base64 state echoed in every later webhook.
        command_id: Telnyx ignores a repeated `command_id` on the same call.
    """

    action: ClassVar[str] = "record_stop"
    method: ClassVar[str] = "stop_recording"


class PauseRecording(_OneRecording):
    """Pause recording; `ResumeRecording` carries on in the same file.

    Attributes:
        recording_id: The recording to pause (a UUID); all of the call's when unset.
        client_state: Base64 state echoed in every later webhook.
        command_id: Telnyx ignores a repeated `command_id` on the same call.
    """

    action: ClassVar[str] = "record_pause"
    method: ClassVar[str] = "pause_recording"


class ResumeRecording(_OneRecording):
    """Resume a paused recording.

    Attributes:
        recording_id: The recording to resume (a UUID); all of the call's when unset.
        client_state: Base64 state echoed in every later webhook.
        command_id: Telnyx ignores a repeated `command_id` on the same call.
    """

    action: ClassVar[str] = "record_resume"
    method: ClassVar[str] = "resume_recording"
