"""`gather_stop`: ends a running DTMF gather (`cancelled`); an AI gather runs on."""

from __future__ import annotations

from ....commands import StopGather
from .._calls import CallState
from .._toolkit import Toolkit
from ._declare import ANSWERED, Behaviour, Reply

__all__: list[str] = []
"""Nothing to import: the engine finds `BEHAVIOURS` here by itself."""


def stop_gather(kit: Toolkit, call: CallState, command: StopGather, at: float) -> Reply:
    """Cut the running DTMF gather short; nothing else stops."""
    if call.gather is not None and call.gather.conversation_id is None:
        kit.interrupt(call, at, "cancelled")
    return None


BEHAVIOURS = (Behaviour(StopGather, stop_gather, ANSWERED),)
