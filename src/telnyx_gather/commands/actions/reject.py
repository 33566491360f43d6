"""`reject`: turn down an incoming call before answering it."""

from __future__ import annotations

from typing import ClassVar, Literal

from .._base import Command

__all__ = ["Reject", "RejectCause"]

RejectCause = Literal["CALL_REJECTED", "USER_BUSY", "NOT_FOUND", "TEMPORARILY_UNAVAILABLE"]
"""Why a call is rejected: the spec's two causes and the two the SDK adds."""


class Reject(Command):
    """Reject a ringing incoming call; Telnyx ends it with `call.hangup`.

    Attributes:
        cause: `CALL_REJECTED`, `USER_BUSY`, `NOT_FOUND` or `TEMPORARILY_UNAVAILABLE`.
        client_state: Base64 state echoed in every later webhook.
        command_id: Telnyx ignores a repeated `command_id` on the same call.
    """

    action: ClassVar[str] = "reject"
    method: ClassVar[str] = "reject"

    cause: RejectCause
