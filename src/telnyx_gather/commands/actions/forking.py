"""`fork_start` and `fork_stop`: copy the call's RTP media to a UDP target."""

from __future__ import annotations

import re
from typing import Annotated, ClassVar, Literal

from pydantic import AfterValidator, model_validator
from typing_extensions import Self

from .._base import Command

__all__ = ["StartForking", "StopForking"]

_TARGET = re.compile(r"udp:([^\s:]+|\[[0-9A-Fa-f:.]+\]):([0-9]{1,5})")


def _check_target(value: str) -> str:
    match = _TARGET.fullmatch(value)
    if match is None or not 1 <= int(match.group(2)) <= 65535:
        raise ValueError("must be udp:<address>:<port>, with a port from 1 to 65535")
    return value


UdpTarget = Annotated[str, AfterValidator(_check_target)]


class StartForking(Command):
    """Fork the call's media: its RTP packets are copied to UDP targets.

    Attributes:
        rx: Where the call's incoming RTP goes, `udp:<address>:<port>`.
        tx: Where the call's outgoing RTP goes, `udp:<address>:<port>`.
        stream_type: `decrypted` (Telnyx default): Telnyx decrypts the media
            first; `rx` and `tx` are then both required.
        client_state: Base64 state echoed in every later webhook.
        command_id: Telnyx ignores a repeated `command_id` on the same call.
    """

    action: ClassVar[str] = "fork_start"
    method: ClassVar[str] = "start_forking"

    rx: UdpTarget | None = None
    tx: UdpTarget | None = None
    stream_type: Literal["decrypted"] | None = None

    @model_validator(mode="after")
    def _targets(self) -> Self:
        if self.stream_type == "decrypted" and (self.rx is None or self.tx is None):
            raise ValueError('rx, tx: both are required with stream_type="decrypted"')
        return self


class StopForking(Command):
    """Stop forking the call's media.

    Attributes:
        stream_type: `raw` (Telnyx default) or `decrypted`: the `stream_type`
            the fork started with.
        client_state: Base64 state echoed in every later webhook.
        command_id: Telnyx ignores a repeated `command_id` on the same call.
    """

    action: ClassVar[str] = "fork_stop"
    method: ClassVar[str] = "stop_forking"

    stream_type: Literal["raw", "decrypted"] | None = None
