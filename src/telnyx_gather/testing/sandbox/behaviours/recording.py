"""`record_start`, `record_stop`, `record_pause` and `record_resume`.

A recording ends in `call.recording.saved` when it is stopped, when the call
ends, or at its `max_length` or `timeout_secs` (see `_recordings`); its URLs
serve a short audio file from the sandbox itself.
"""

from __future__ import annotations

from ....commands import PauseRecording, ResumeRecording, StartRecording, StopRecording
from .._calls import CallState
from .._recordings import recorded_channels
from .._toolkit import Toolkit
from ._declare import ANSWERED, Behaviour, Reply

__all__: list[str] = []
"""Nothing to import: the engine finds `BEHAVIOURS` here by itself."""


def start_recording(kit: Toolkit, call: CallState, command: StartRecording, at: float) -> Reply:
    """Start a recording in the command's `format` and `channels`, with its limits.

    One track (`recording_track` `inbound` or `outbound`) records in one channel.
    """
    kit.recorders.start(
        call,
        at,
        command.format,
        recorded_channels(command.channels, command.recording_track),
        max_length=command.max_length or 0,
        timeout_secs=command.timeout_secs or 0,
    )
    return None


def stop_recording(kit: Toolkit, call: CallState, command: StopRecording, at: float) -> Reply:
    """Stop the recording named (all by default): `call.recording.saved` for each."""
    kit.recorders.stop(call, at, command.recording_id)
    return None


def pause_recording(kit: Toolkit, call: CallState, command: PauseRecording, at: float) -> Reply:
    """Pause the recording named (all by default); no webhook."""
    kit.recorders.pause(call, at, command.recording_id)
    return None


def resume_recording(kit: Toolkit, call: CallState, command: ResumeRecording, at: float) -> Reply:
    """Resume the recording named (all by default); no webhook."""
    kit.recorders.resume(call, at, command.recording_id)
    return None


BEHAVIOURS = (
    Behaviour(StartRecording, start_recording, ANSWERED),
    Behaviour(StopRecording, stop_recording, ANSWERED),
    Behaviour(PauseRecording, pause_recording, ANSWERED),
    Behaviour(ResumeRecording, resume_recording, ANSWERED),
)
