"""Commands Telnyx documents no webhook for: accepted, validated and listed, nothing more.

`transcription_start`/`_stop`, `suppression_start`/`_stop`, `send_sip_info`
and `switch_supervisor_role` (their effects are on media the sandbox does
not carry).
"""

from __future__ import annotations

from typing import Union

from ....commands import (
    SendSipInfo,
    StartNoiseSuppression,
    StartTranscription,
    StopNoiseSuppression,
    StopTranscription,
    SwitchSupervisorRole,
)
from .._calls import CallState
from .._toolkit import Toolkit
from ._declare import ANSWERED, Behaviour, Reply

__all__: list[str] = []
"""Nothing to import: the engine finds `BEHAVIOURS` here by itself."""

Quiet = Union[  # noqa: UP007
    StartTranscription,
    StopTranscription,
    StartNoiseSuppression,
    StopNoiseSuppression,
    SendSipInfo,
    SwitchSupervisorRole,
]


def accept(kit: Toolkit, call: CallState, command: Quiet, at: float) -> Reply:
    """Accepted; nothing the sandbox simulates follows."""
    return None


BEHAVIOURS = (
    Behaviour(StartTranscription, accept, ANSWERED),
    Behaviour(StopTranscription, accept, ANSWERED),
    Behaviour(StartNoiseSuppression, accept, ANSWERED),
    Behaviour(StopNoiseSuppression, accept, ANSWERED),
    Behaviour(SendSipInfo, accept, ANSWERED),
    Behaviour(SwitchSupervisorRole, accept, ANSWERED),
)
