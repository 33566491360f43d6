"""Recordings: started, paused, resumed, and saved when stopped or when the call ends.

`call.recording.saved` carries URLs to a small audio file the sandbox serves
itself (`GET /_sandbox/recordings/{recording_id}.{wav|mp3}`, no key needed,
as Telnyx's links are pre-signed), so an app can fetch what it was told of.
"""

from __future__ import annotations

import io
import wave
from typing import TYPE_CHECKING, Literal

from ...events import CallRecordingSaved
from ._calls import CallState, Recording, new_uuid

if TYPE_CHECKING:
    from ._toolkit import Toolkit

__all__ = ["AUDIO", "Recorders"]


def _silence_wav() -> bytes:
    out = io.BytesIO()
    with wave.open(out, "wb") as file:
        file.setnchannels(1)
        file.setsampwidth(2)
        file.setframerate(8000)
        file.writeframes(b"\0\0" * 800)
    return out.getvalue()


def _silence_mp3() -> bytes:
    # One MPEG-1 Layer III frame (128 kbit/s, 44.1 kHz) whose side info and data are zero: silence.
    return bytes([0xFF, 0xFB, 0x90, 0x64]) + bytes(413)


AUDIO: dict[str, tuple[str, bytes]] = {
    "wav": ("audio/wav", _silence_wav()),
    "mp3": ("audio/mpeg", _silence_mp3()),
}
"""What every recording URL serves, by format: its media type and a short silence."""


class Recorders:
    """Records calls on the toolkit's clock; knows which recordings it saved."""

    def __init__(self, kit: Toolkit) -> None:
        self._kit = kit
        self.saved: dict[str, str] = {}
        """Each saved recording's id to its format."""

    def start(
        self,
        call: CallState,
        at: float,
        format: Literal["wav", "mp3"],
        channels: Literal["single", "dual"],
    ) -> Recording:
        """Start recording `call` at `at`."""
        recording = Recording(new_uuid(), format, channels, at)
        call.recordings.append(recording)
        return recording

    def find(self, call: CallState, recording_id: str | None) -> list[Recording]:
        """The call's recordings with `recording_id`, or all of them when it is `None`."""
        return [r for r in call.recordings if recording_id in (None, r.recording_id)]

    def stop(self, call: CallState, at: float, recording_id: str | None = None) -> None:
        """Stop the recordings `recording_id` names (all by default): `call.recording.saved`."""
        for recording in self.find(call, recording_id):
            call.recordings.remove(recording)
            self.saved[recording.recording_id] = recording.format
            url = f"{self._kit.media_url}/{recording.recording_id}.{recording.format}"
            urls = {recording.format: url}
            fields = {
                "recording_id": recording.recording_id,
                "channels": recording.channels,
                "recording_started_at": self._kit.iso(recording.started),
                "recording_ended_at": self._kit.iso(at),
                "recording_urls": urls,
                "public_recording_urls": dict(urls),
            }
            self._kit.emit(call, CallRecordingSaved, fields, at=at)
