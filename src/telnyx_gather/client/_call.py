"""`Call` and `AsyncCall`: a handle bound to one call, with one method per action.

Both are the same generic class. Each action method takes exactly the
builder's keyword arguments (type checkers and editors see the builder's own
signature, so the two cannot drift apart), builds the command, which raises
`InvalidCommandError` before anything is sent, and hands it to the client's
`send`, returning whatever that returns: a `CommandResult` on `Call`, a
coroutine of one on `AsyncCall`. Nothing here imports `telnyx`.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Coroutine
from functools import cached_property
from typing import Any, Final, Generic, Protocol, TypeVar, overload

from typing_extensions import ParamSpec, Self

from .._lazy import publish
from ..commands import (
    AddAIAssistantMessages,
    Answer,
    Command,
    Gather,
    GatherUsingAI,
    GatherUsingAudio,
    GatherUsingSpeak,
    Hangup,
    StartAIAssistant,
    StopAIAssistant,
    StopGather,
)
from ._result import CommandResult

__all__ = ["AsyncCall", "Call", "CommandSender"]

_P = ParamSpec("_P")
_R = TypeVar("_R")
_R_co = TypeVar("_R_co", covariant=True)


class CommandSender(Protocol[_R_co]):
    """Anything with the facade clients' `send`."""

    def send(self, call_control_id: str, command: Command, /) -> _R_co:
        """Send `command` to the call `call_control_id`."""
        ...


class _Action(Generic[_P]):
    """A handle method that builds a command with the builder's own arguments and sends it."""

    def __init__(self, builder: Callable[_P, Command]) -> None:
        self._builder = builder
        self.__doc__ = f"Build a `{builder.__name__}` from the keyword arguments and send it."

    def __set_name__(self, owner: type[Any], name: str) -> None:
        self._name = name

    @overload
    def __get__(self, handle: None, owner: type[Any]) -> Self: ...

    @overload
    def __get__(self, handle: _CallHandle[_R], owner: type[Any]) -> Callable[_P, _R]: ...

    def __get__(self, handle: _CallHandle[_R] | None, owner: type[Any]) -> Self | Callable[_P, _R]:
        if handle is None:
            return self
        builder = self._builder

        def action(*args: _P.args, **kwargs: _P.kwargs) -> _R:
            return handle.send(builder(*args, **kwargs))

        action.__name__ = action.__qualname__ = self._name
        action.__doc__ = self.__doc__
        action.__signature__ = self._signature  # type: ignore[attr-defined]
        return action

    @cached_property
    def _signature(self) -> inspect.Signature:
        # For help(), IPython and inspect: the builder's parameters.
        return inspect.signature(self._builder).replace(return_annotation=inspect.Signature.empty)


class _CallHandle(Generic[_R]):
    """The shared implementation of `Call` and `AsyncCall`."""

    __slots__ = ("_client", "call_control_id")

    def __init__(self, client: CommandSender[_R], call_control_id: str) -> None:
        self._client = client
        self.call_control_id: str = call_control_id

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.call_control_id!r})"

    def send(self, command: Command) -> _R:
        """Send a command that is already built to this call.

        Args:
            command: Any command builder.

        Returns:
            The API's `CommandResult` (a coroutine of it on `AsyncCall`).
        """
        return self._client.send(self.call_control_id, command)

    gather: Final = _Action(Gather)
    gather_using_audio: Final = _Action(GatherUsingAudio)
    gather_using_speak: Final = _Action(GatherUsingSpeak)
    gather_using_ai: Final = _Action(GatherUsingAI)
    stop_gather: Final = _Action(StopGather)
    start_ai_assistant: Final = _Action(StartAIAssistant)
    stop_ai_assistant: Final = _Action(StopAIAssistant)
    add_ai_assistant_messages: Final = _Action(AddAIAssistantMessages)
    answer: Final = _Action(Answer)
    hangup: Final = _Action(Hangup)


class Call(_CallHandle[CommandResult]):
    """A handle bound to one call; get one from `GatherClient.call(call_control_id)`.

    Each action method takes the keyword arguments of its builder, builds the
    command (raising `InvalidCommandError` before anything is sent), sends it
    and returns the `CommandResult`:

    | method | builder | action |
    | --- | --- | --- |
    | `gather` | `Gather` | `gather` |
    | `gather_using_audio` | `GatherUsingAudio` | `gather_using_audio` |
    | `gather_using_speak` | `GatherUsingSpeak` | `gather_using_speak` |
    | `gather_using_ai` | `GatherUsingAI` | `gather_using_ai` |
    | `stop_gather` | `StopGather` | `gather_stop` |
    | `start_ai_assistant` | `StartAIAssistant` | `ai_assistant_start` |
    | `stop_ai_assistant` | `StopAIAssistant` | `ai_assistant_stop` |
    | `add_ai_assistant_messages` | `AddAIAssistantMessages` | `ai_assistant_add_messages` |
    | `answer` | `Answer` | `answer` |
    | `hangup` | `Hangup` | `hangup` |
    """

    __slots__ = ()


class AsyncCall(_CallHandle[Coroutine[Any, Any, CommandResult]]):
    """`Call` for `AsyncGatherClient`: each method returns a coroutine to await.

    A bad argument raises `InvalidCommandError` at the call, before there is
    anything to await.
    """

    __slots__ = ()


publish("telnyx_gather", Call, AsyncCall)
