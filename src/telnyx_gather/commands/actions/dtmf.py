"""`send_dtmf`: play DTMF tones on the call."""

from __future__ import annotations

from typing import Annotated, ClassVar

from pydantic import Field

from .._base import Command
from .._fields import DtmfSequence

__all__ = ["SendDtmf"]


class SendDtmf(Command):
    """Send DTMF tones on the call; Telnyx sends no webhook for it.

    Attributes:
        digits: The tones: 0-9, A-D, `*` and `#`, with `w` for a 0.5 s pause
            and `W` for a 1 s pause.
        duration_millis: How long each tone plays, 100 to 500 ms (Telnyx default 250).
        client_state: Base64 state echoed in every later webhook.
        command_id: Telnyx ignores a repeated `command_id` on the same call.
    """

    action: ClassVar[str] = "send_dtmf"
    method: ClassVar[str] = "send_dtmf"

    digits: DtmfSequence
    duration_millis: Annotated[int, Field(ge=100, le=500)] | None = None
