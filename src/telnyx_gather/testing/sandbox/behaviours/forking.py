"""`fork_start` and `fork_stop`: `call.fork.started` and `call.fork.stopped`."""

from __future__ import annotations

from ....commands import StartForking, StopForking
from ....events import CallForkStarted, CallForkStopped
from .._calls import CallState
from .._toolkit import Toolkit
from ._declare import ANSWERED, Behaviour, Reply

__all__: list[str] = []
"""Nothing to import: the engine finds `BEHAVIOURS` here by itself."""


def start_forking(kit: Toolkit, call: CallState, command: StartForking, at: float) -> Reply:
    """The media fork starts."""
    kit.emit(call, CallForkStarted, {"stream_type": command.stream_type or "decrypted"}, at=at)
    return None


def stop_forking(kit: Toolkit, call: CallState, command: StopForking, at: float) -> Reply:
    """The media fork stops."""
    kit.emit(call, CallForkStopped, {"stream_type": command.stream_type or "decrypted"}, at=at)
    return None


BEHAVIOURS = (
    Behaviour(StartForking, start_forking, ANSWERED),
    Behaviour(StopForking, stop_forking, ANSWERED),
)
