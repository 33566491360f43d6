"""`send_sip_info`: send a SIP INFO message on the call."""

from __future__ import annotations

import re
from typing import Annotated, ClassVar

from pydantic import AfterValidator

from .._base import Command

__all__ = ["SendSipInfo"]

_MIME = re.compile(r"[A-Za-z0-9!#$&^_.+-]+/[A-Za-z0-9!#$&^_.+-]+(\s*;.*)?", re.S)
_MAX_BODY_BYTES = 1400


def _check_content_type(value: str) -> str:
    if not _MIME.fullmatch(value) or any(ord(c) < 0x20 or ord(c) == 0x7F for c in value):
        raise ValueError("must be a MIME type such as application/json")
    return value


def _check_body(value: str) -> str:
    if len(value.encode()) > _MAX_BODY_BYTES:
        raise ValueError(f"must be at most {_MAX_BODY_BYTES} bytes in UTF-8")
    return value


class SendSipInfo(Command):
    """Send a SIP INFO message to the call's other end.

    Attributes:
        content_type: The body's MIME type, such as `application/json`.
        body: The message, at most 1,400 bytes in UTF-8.
        client_state: Base64 state echoed in every later webhook.
        command_id: Telnyx ignores a repeated `command_id` on the same call.
    """

    action: ClassVar[str] = "send_sip_info"
    method: ClassVar[str] = "send_sip_info"

    content_type: Annotated[str, AfterValidator(_check_content_type)]
    body: Annotated[str, AfterValidator(_check_body)]
