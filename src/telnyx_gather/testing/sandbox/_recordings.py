"""Recordings: started, paused, resumed, and saved when stopped or when the call ends.

`call.recording.saved` carries URLs to a small audio file the sandbox serves
itself (`GET /_sandbox/recordings/{recording_id}.{wav|mp3}`, no key needed,
as Telnyx's links are pre-signed), so an app can fetch what it was told of.

A recording also stops by itself, saved as when it is stopped, at its limits:
`max_length` seconds recorded (paused time does not count), or
`timeout_secs` seconds of silence. The scripted party is silent whenever no
gather runs on the call (its steps answer prompts only), so the silence is
counted from the recording's start or resume, or from the end of the last
gather; a gather that starts holds the count. (Telnyx starts the count once
it has heard speech; the sandbox's party says nothing outside a gather, so
it counts from the start.)

`answer`, `dial`, `transfer` and `bridge` also record, with
`record="record-from-answer"` (see `RecordFromAnswer`): the recording starts
when the call answers (for `transfer` and `dial`, the new leg; for `bridge`,
when the bridge is made, on the call it was sent to) and is then one like
any other, with the same limits and the same `call.recording.saved`.
A single track (`inbound` or `outbound`) records in one channel, whatever
`channels` says, as the API documents.
"""

from __future__ import annotations

import io
import wave
from functools import partial
from typing import TYPE_CHECKING, Literal, Protocol

from ...events import CallRecordingSaved
from ._calls import CallState, Limit, Recording, new_uuid

if TYPE_CHECKING:
    from ._toolkit import Toolkit

__all__ = ["AUDIO", "RecordFromAnswer", "Recorders", "recorded_channels"]

Channels = Literal["single", "dual"]
Track = Literal["both", "inbound", "outbound"]


class RecordFromAnswer(Protocol):
    """The `record` settings that `answer`, `dial`, `transfer` and `bridge` share."""

    @property
    def record(self) -> Literal["record-from-answer"] | None: ...
    @property
    def record_format(self) -> Literal["wav", "mp3"] | None: ...
    @property
    def record_channels(self) -> Channels | None: ...
    @property
    def record_track(self) -> Track | None: ...
    @property
    def record_max_length(self) -> int | None: ...
    @property
    def record_timeout_secs(self) -> int | None: ...


def recorded_channels(channels: Channels, track: Track | None) -> Channels:
    """The channels a recording has: one when a single track (`inbound`, `outbound`) is taken."""
    return "single" if track in ("inbound", "outbound") else channels


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
        channels: Channels,
        *,
        max_length: float = 0,
        timeout_secs: float = 0,
    ) -> Recording:
        """Start recording `call` at `at`, stopping by itself at its limits (0: none)."""
        recording = Recording(new_uuid(), format, channels, at, max_length, timeout_secs)
        call.recordings.append(recording)
        self._run(call, recording, at)
        return recording

    def from_answer(self, call: CallState, at: float, settings: RecordFromAnswer) -> None:
        """Start the recording `settings` ask for, if any, as `call` answers at `at`.

        Unset settings take the API's defaults: `mp3`, `dual`, both tracks, no limits.
        """
        if settings.record is None:
            return
        self.start(
            call,
            at,
            settings.record_format or "mp3",
            recorded_channels(settings.record_channels or "dual", settings.record_track),
            max_length=settings.record_max_length or 0,
            timeout_secs=settings.record_timeout_secs or 0,
        )

    def find(self, call: CallState, recording_id: str | None) -> list[Recording]:
        """The call's recordings with `recording_id`, or all of them when it is `None`."""
        return [r for r in call.recordings if recording_id in (None, r.recording_id)]

    def pause(self, call: CallState, at: float, recording_id: str | None) -> None:
        """Pause the recordings `recording_id` names (all by default); their limits wait."""
        for recording in self.find(call, recording_id):
            if recording.resumed is not None:
                recording.recorded += at - recording.resumed
                recording.resumed = None
                self._disarm(recording)

    def resume(self, call: CallState, at: float, recording_id: str | None) -> None:
        """Resume the paused recordings `recording_id` names (all by default)."""
        for recording in self.find(call, recording_id):
            if recording.resumed is None:
                self._run(call, recording, at)

    def caller_quiet(self, call: CallState, at: float) -> None:
        """The scripted party falls silent at `at` (a gather ended): silence counts from now."""
        for recording in call.recordings:
            self._listen(call, recording, at)

    def caller_heard(self, call: CallState) -> None:
        """The scripted party has a step playing (a gather started): no silence for now."""
        for recording in call.recordings:
            self._disarm(recording, "silence")

    def stop(self, call: CallState, at: float, recording_id: str | None = None) -> None:
        """Stop the recordings `recording_id` names (all by default): `call.recording.saved`."""
        for recording in self.find(call, recording_id):
            call.recordings.remove(recording)
            self._disarm(recording)
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

    def _run(self, call: CallState, recording: Recording, at: float) -> None:
        recording.resumed = at
        if recording.max_length > 0:
            end = at + recording.max_length - recording.recorded
            self._arm(call, recording, "length", end)
        if call.gather is None:
            self._listen(call, recording, at)

    def _listen(self, call: CallState, recording: Recording, at: float) -> None:
        if recording.timeout_secs > 0 and recording.resumed is not None:
            self._disarm(recording, "silence")
            quiet_until = max(at, recording.resumed) + recording.timeout_secs
            self._arm(call, recording, "silence", quiet_until)

    def _arm(self, call: CallState, recording: Recording, limit: Limit, at: float) -> None:
        stop = partial(self._limit, call, recording, at)
        recording.timers[limit] = self._kit.clock.at(at, stop)

    def _disarm(self, recording: Recording, *limits: Limit) -> None:
        for limit in limits or tuple(recording.timers):
            handle = recording.timers.pop(limit, None)
            if handle is not None:
                self._kit.clock.cancel(handle)

    def _limit(self, call: CallState, recording: Recording, at: float) -> None:
        if any(r is recording for r in call.recordings):
            self.stop(call, at, recording.recording_id)
