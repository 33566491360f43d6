"""`client_state_update`: later webhooks carry the new state (the engine sets it); no webhook."""

from __future__ import annotations

from ....commands import UpdateClientState
from .._calls import CallState
from .._toolkit import Toolkit
from ._declare import LIVE, Behaviour, Reply

__all__: list[str] = []
"""Nothing to import: the engine finds `BEHAVIOURS` here by itself."""


def update_client_state(
    kit: Toolkit, call: CallState, command: UpdateClientState, at: float
) -> Reply:
    """Nothing more than what every command's `client_state` does."""
    return None


BEHAVIOURS = (Behaviour(UpdateClientState, update_client_state, LIVE),)
