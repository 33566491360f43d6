"""`hangup`: end the call."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Annotated, ClassVar

from pydantic import AfterValidator

from .._base import Command
from .._fields import ListOf
from ..options.sip import CustomSipHeader, CustomSipHeaderDict

__all__ = ["Hangup"]


def _check_reason(value: str) -> str:
    # Telnyx answers 422 to these: the text goes into a SIP quoted-string.
    if any(c in '"\\' or ord(c) < 0x20 or 0x7F <= ord(c) < 0xA0 for c in value):
        raise ValueError('must not contain ", \\ or control characters')
    if any(ord(c) > 0xFFFF for c in value):
        raise ValueError("must not contain characters outside the Basic Multilingual Plane")
    return value


class Hangup(Command):
    """Hang up the call; Telnyx then sends `call.hangup`.

    Attributes:
        custom_headers: Custom headers added to the SIP BYE.
        reason: Text for the SIP `Reason` header sent when cancelling an
            unanswered outbound leg (no effect on an answered or inbound leg).
            No `"`, `\\`, control characters or characters outside the Basic
            Multilingual Plane (emoji): Telnyx rejects those.
        client_state: Base64 state echoed in every later webhook.
        command_id: Telnyx ignores a repeated `command_id` on the same call.
    """

    action: ClassVar[str] = "hangup"
    method: ClassVar[str] = "hangup"

    custom_headers: ListOf[CustomSipHeader] | None = None
    reason: Annotated[str, AfterValidator(_check_reason)] | None = None

    if TYPE_CHECKING:

        def __init__(
            self,
            *,
            custom_headers: Sequence[CustomSipHeader | CustomSipHeaderDict] | None = None,
            reason: str | None = None,
            client_state: str | None = None,
            command_id: str | None = None,
        ) -> None: ...
