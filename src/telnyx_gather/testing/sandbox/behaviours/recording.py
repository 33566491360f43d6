"""`record_start`, `record_stop`, `record_pause` and `record_resume`.

A recording ends in `call.recording.saved` when it is stopped or the call
ends; its URLs serve a short audio file from the sandbox itself.
"""

from __future__ import annotations

from ....commands import PauseRecording, ResumeRecording, StartRecording, StopRecording
from .._calls import CallState
from .._toolkit import Toolkit
from ._declare import ANSWERED, Behaviour, Reply

__all__: list[str] = []
"""Nothing to import: the engine finds `BEHAVIOURS` here by itself."""


def start_recording(kit: Toolkit, call: CallState, command: StartRecording, at: float) -> Reply:
    """Start a recording in the command's `format` and `channels`."""
    kit.recorders.start(call, at, command.format, command.channels)
    return None


def stop_recording(kit: Toolkit, call: CallState, command: StopRecording, at: float) -> Reply:
    """Stop the recording named (all by default): `call.recording.saved` for each."""
    kit.recorders.stop(call, at, command.recording_id)
    return None


def pause_recording(kit: Toolkit, call: CallState, command: PauseRecording, at: float) -> Reply:
    """Pause the recording named (all by default); no webhook."""
    for recording in kit.recorders.find(call, command.recording_id):
        recording.paused = True
    return None


def resume_recording(kit: Toolkit, call: CallState, command: ResumeRecording, at: float) -> Reply:
    """Resume the recording named (all by default); no webhook."""
    for recording in kit.recorders.find(call, command.recording_id):
        recording.paused = False
    return None


BEHAVIOURS = (
    Behaviour(StartRecording, start_recording, ANSWERED),
    Behaviour(StopRecording, stop_recording, ANSWERED),
    Behaviour(PauseRecording, pause_recording, ANSWERED),
    Behaviour(ResumeRecording, resume_recording, ANSWERED),
)
