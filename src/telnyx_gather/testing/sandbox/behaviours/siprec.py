"""`siprec_start` and `siprec_stop`: `siprec.started` and `siprec.stopped`."""

from __future__ import annotations

from ....commands import StartSiprec, StopSiprec
from ....events import CallSiprecStarted, CallSiprecStopped
from .._calls import CallState
from .._toolkit import Toolkit
from ._declare import ANSWERED, Behaviour, Reply

__all__: list[str] = []
"""Nothing to import: the engine finds `BEHAVIOURS` here by itself."""


def start_siprec(kit: Toolkit, call: CallState, command: StartSiprec, at: float) -> Reply:
    """The SIPREC session starts."""
    kit.emit(call, CallSiprecStarted, {}, at=at)
    return None


def stop_siprec(kit: Toolkit, call: CallState, command: StopSiprec, at: float) -> Reply:
    """The SIPREC session stops."""
    kit.emit(call, CallSiprecStopped, {"hangup_cause": "normal_clearing"}, at=at)
    return None


BEHAVIOURS = (
    Behaviour(StartSiprec, start_siprec, ANSWERED),
    Behaviour(StopSiprec, stop_siprec, ANSWERED),
)
