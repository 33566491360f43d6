"""`Call` and `AsyncCall`: a handle bound to one call, with one method per action.

Both are the same generic class: every method builds its command and hands it
to the client's `send`, returning whatever that returns. `Call` gets a
`CommandResult`; `AsyncCall` gets a coroutine of one. So each method is
written once, and nothing here imports `telnyx`.
"""

from __future__ import annotations

from collections.abc import Coroutine
from typing import Any, Generic, Protocol, TypeVar

from ._result import CommandResult
from .commands import Command, StopGather
from .commands._base import ClientState, CommandId

__all__ = ["AsyncCall", "Call", "CommandSender"]

_R = TypeVar("_R")
_R_co = TypeVar("_R_co", covariant=True)
_C = TypeVar("_C", bound=Command)


class CommandSender(Protocol[_R_co]):
    """Anything with the facade clients' `send`."""

    def send(self, call_control_id: str, command: Command, /) -> _R_co:
        """Send `command` to the call `call_control_id`."""
        ...


def _build(command_type: type[_C], **fields: Any) -> _C:
    # Only what the caller set reaches the builder, so `to_params()` sends
    # exactly those fields.
    return command_type(**{name: value for name, value in fields.items() if value is not None})


class _CallHandle(Generic[_R]):
    """The shared implementation of `Call` and `AsyncCall`."""

    __slots__ = ("_client", "call_control_id")

    def __init__(self, client: CommandSender[_R], call_control_id: str) -> None:
        self._client = client
        self.call_control_id = call_control_id

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.call_control_id!r})"

    def send(self, command: Command) -> _R:
        """Send a command that is already built to this call.

        Args:
            command: Any of the eight command builders.

        Returns:
            The API's `CommandResult` (awaitable on `AsyncCall`).
        """
        return self._client.send(self.call_control_id, command)

    def stop_gather(
        self,
        *,
        client_state: ClientState | None = None,
        command_id: CommandId | None = None,
    ) -> _R:
        """Stop the current gather: build a `StopGather` from these fields and send it.

        Raises:
            InvalidCommandError: A field is invalid; nothing was sent.
        """
        return self.send(_build(StopGather, client_state=client_state, command_id=command_id))


class Call(_CallHandle[CommandResult]):
    """A handle bound to one call; each method sends one command and returns its result.

    Get one from `GatherClient.call(call_control_id)`.
    """

    __slots__ = ()


class AsyncCall(_CallHandle[Coroutine[Any, Any, CommandResult]]):
    """`Call` for `AsyncGatherClient`: each method returns a coroutine to await.

    Get one from `AsyncGatherClient.call(call_control_id)`.
    """

    __slots__ = ()
