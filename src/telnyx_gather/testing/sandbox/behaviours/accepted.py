"""The whole call's actions the sandbox accepts and validates, with no simulated effect yet.

Each is listed in `sandbox.commands()` and answers 200 like Telnyx; the
webhooks it causes come with its own behaviour module, which then takes its
builder out of this list.
"""

from __future__ import annotations

from ....commands import (
    AnyCommand,
    Bridge,
    Enqueue,
    LeaveQueue,
    PauseRecording,
    Refer,
    ResumeRecording,
    SendDtmf,
    SendSipInfo,
    Speak,
    StartForking,
    StartNoiseSuppression,
    StartPlayback,
    StartRecording,
    StartSiprec,
    StartStreaming,
    StartTranscription,
    StopForking,
    StopNoiseSuppression,
    StopPlayback,
    StopRecording,
    StopSiprec,
    StopStreaming,
    StopTranscription,
    SwitchSupervisorRole,
    Transfer,
    UpdateClientState,
)
from .._calls import CallState
from .._toolkit import Toolkit
from ._declare import ANSWERED, LIVE, Behaviour, Reply

__all__: list[str] = []
"""Nothing to import: the engine finds `BEHAVIOURS` here by itself."""


def accept(kit: Toolkit, call: CallState, command: AnyCommand, at: float) -> Reply:
    """Accept the command; the engine logs it and keeps its `client_state`."""
    return None


BEHAVIOURS = (
    *(
        Behaviour[AnyCommand](cls, accept, ANSWERED)
        for cls in (
            Bridge,
            Enqueue,
            LeaveQueue,
            PauseRecording,
            Refer,
            ResumeRecording,
            SendDtmf,
            SendSipInfo,
            Speak,
            StartForking,
            StartNoiseSuppression,
            StartPlayback,
            StartRecording,
            StartSiprec,
            StartStreaming,
            StartTranscription,
            StopForking,
            StopNoiseSuppression,
            StopPlayback,
            StopRecording,
            StopSiprec,
            StopStreaming,
            StopTranscription,
            SwitchSupervisorRole,
            Transfer,
        )
    ),
    Behaviour[AnyCommand](UpdateClientState, accept, LIVE),
)
