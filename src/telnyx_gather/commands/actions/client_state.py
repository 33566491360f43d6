"""`client_state_update`: replace the state echoed in the call's later webhooks."""

from __future__ import annotations

from typing import ClassVar, Literal

from .._base import ClientState, Command

__all__ = ["UpdateClientState"]


class UpdateClientState(Command):
    """Replace the call's `client_state`; every later webhook carries the new one.

    The only action sent with `PUT`.

    Attributes:
        client_state: The new state, standard base64 (see `encode_client_state`).
        command_id: Not in the spec's schema of this action; sent when set,
            as on every other action.
    """

    action: ClassVar[str] = "client_state_update"
    method: ClassVar[str] = "update_client_state"
    http_method: ClassVar[Literal["POST", "PUT"]] = "PUT"

    client_state: ClientState  # pyright: ignore[reportGeneralTypeIssues, reportIncompatibleVariableOverride]
