"""`CommandSender`: what sends a command, declared once for the handles and the router."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol, TypeVar

if TYPE_CHECKING:
    from ._base import Command

__all__ = ["CommandSender"]

_R_co = TypeVar("_R_co", covariant=True)


class CommandSender(Protocol[_R_co]):
    """What sends a command: `GatherClient` or `AsyncGatherClient` (whose `send` is awaited)."""

    def send(self, call_control_id: str, command: Command, /) -> _R_co:
        """Send `command` to the call `call_control_id`.

        Raises:
            CommandRefusedError: The API refused the command for good; a router
                answers `send_refused` (200). Any other exception means the send
                may go through later (`send_failed`, 502).
        """
        ...
