"""`siprec_start` and `siprec_stop`: send the call to a SIPREC recording server."""

from __future__ import annotations

from typing import Annotated, ClassVar, Literal

from pydantic import AfterValidator

from .._base import Command

__all__ = ["StartSiprec", "StopSiprec"]


def _check_session_timeout(value: int) -> int:
    if value != 0 and not 90 <= value <= 2**31 - 1:
        raise ValueError("must be 0 (off) or from 90 seconds")
    return value


class StartSiprec(Command):
    """Start a SIPREC session; Telnyx sends `siprec.started`.

    Attributes:
        connector_name: The SIPREC connector configured at Telnyx.
        sip_transport: `udp` (Telnyx default), `tcp` or `tls`.
        siprec_track: `inbound_track`, `outbound_track` or `both_tracks`
            (Telnyx default).
        include_metadata_custom_headers: Send custom parameters as recording
            metadata instead of SIP headers.
        secure: Encrypt the media with SRTP and TLS (the recording server
            then listens on port 5061).
        session_timeout_secs: The `Session-Expires` of the INVITE: 0 (off) or
            90 seconds or more (Telnyx default 1800).
        client_state: Base64 state echoed in every later webhook.
        command_id: Telnyx ignores a repeated `command_id` on the same call.
    """

    action: ClassVar[str] = "siprec_start"
    method: ClassVar[str] = "start_siprec"

    connector_name: str | None = None
    sip_transport: Literal["udp", "tcp", "tls"] | None = None
    siprec_track: Literal["inbound_track", "outbound_track", "both_tracks"] | None = None
    include_metadata_custom_headers: bool | None = None
    secure: bool | None = None
    session_timeout_secs: Annotated[int, AfterValidator(_check_session_timeout)] | None = None


class StopSiprec(Command):
    """Stop the SIPREC session; Telnyx sends `siprec.stopped`.

    Attributes:
        client_state: Base64 state echoed in every later webhook.
        command_id: Telnyx ignores a repeated `command_id` on the same call.
    """

    action: ClassVar[str] = "siprec_stop"
    method: ClassVar[str] = "stop_siprec"
