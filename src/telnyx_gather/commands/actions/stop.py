"""`gather_stop`."""

from __future__ import annotations

from typing import ClassVar

from .._base import Command

__all__ = ["StopGather"]


class StopGather(Command):
    """Stop the current gather on the call; its `call.gather.ended` says `cancelled`.

    Attributes:
        client_state: Base64 state echoed in every later webhook.
        command_id: Telnyx ignores a repeated `command_id` on the same call.
    """

    action: ClassVar[str] = "gather_stop"
    method: ClassVar[str] = "stop_gather"
