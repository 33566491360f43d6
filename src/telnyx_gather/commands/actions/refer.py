"""`refer`: hand the call to another SIP address with a SIP REFER."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Annotated, ClassVar

from pydantic import AfterValidator

from .._base import Command
from .._fields import ListOf
from .._sip import CustomSipHeader, CustomSipHeaderDict, SipHeader, SipHeaderDict

__all__ = ["Refer"]


def _check_sip_uri(value: str) -> str:
    scheme, _, rest = value.partition(":")
    if scheme.lower() not in ("sip", "sips") or not rest or any(c.isspace() for c in value):
        raise ValueError("must be a sip: or sips: URI without spaces")
    return value


SipUri = Annotated[str, AfterValidator(_check_sip_uri)]


class Refer(Command):
    """Send a SIP REFER to the call; Telnyx reports progress with `call.refer.*` webhooks.

    Attributes:
        sip_address: The `sip:` or `sips:` URI the call is referred to.
        custom_headers: Custom headers added to the SIP message.
        sip_auth_username: Username for SIP authentication challenges.
        sip_auth_password: Password for SIP authentication challenges.
        sip_headers: Standard SIP headers (only `User-to-User`).
        client_state: Base64 state echoed in every later webhook.
        command_id: Telnyx ignores a repeated `command_id` on the same call.
    """

    action: ClassVar[str] = "refer"
    method: ClassVar[str] = "refer"

    sip_address: SipUri
    custom_headers: ListOf[CustomSipHeader] | None = None
    sip_auth_username: str | None = None
    sip_auth_password: str | None = None
    sip_headers: ListOf[SipHeader] | None = None

    if TYPE_CHECKING:

        def __init__(
            self,
            *,
            sip_address: str,
            custom_headers: Sequence[CustomSipHeader | CustomSipHeaderDict] | None = None,
            sip_auth_username: str | None = None,
            sip_auth_password: str | None = None,
            sip_headers: Sequence[SipHeader | SipHeaderDict] | None = None,
            client_state: str | None = None,
            command_id: str | None = None,
        ) -> None: ...
