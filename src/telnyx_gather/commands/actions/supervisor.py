"""`switch_supervisor_role`: change how a supervisor takes part in the call."""

from __future__ import annotations

from typing import ClassVar, Literal

from .._base import Command

__all__ = ["SwitchSupervisorRole"]


class SwitchSupervisorRole(Command):
    """Switch the supervisor's role on a supervised call.

    Attributes:
        role: `barge` (speaks to both parties), `whisper` (to the supervised
            leg only) or `monitor` (listens only).
        client_state: Base64 state echoed in every later webhook.
        command_id: Telnyx ignores a repeated `command_id` on the same call.
    """

    action: ClassVar[str] = "switch_supervisor_role"
    method: ClassVar[str] = "switch_supervisor_role"

    role: Literal["barge", "whisper", "monitor"]
