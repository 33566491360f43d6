"""How a behaviour is declared: the command it runs, its precondition, and its function."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, Literal, TypeVar

from ....commands import AnyCommand
from .._calls import CallState
from .._errors import ApiError, not_answered, not_ringing
from .._toolkit import Toolkit

__all__ = ["ANSWERED", "LIVE", "NEW_CALL", "RINGING_INBOUND", "Behaviour", "Reply", "Run", "When"]

C = TypeVar("C", bound=AnyCommand)

Reply = dict[str, Any] | None
"""Fields the response's `data` carries besides `"result": "ok"`, if any."""

Run = Callable[[Toolkit, CallState, C, float], Reply]
"""What a command does to a call: given the toolkit, the call, the command and its call time."""


@dataclass(frozen=True)
class When:
    """A precondition: the call states a command runs in, and the API's error in any other.

    An ended call refuses every command before any precondition is asked.

    Attributes:
        states: The call states (`ringing`, `answered`) the command runs in.
        refuse: The error the API answers in any other state.
        direction: The only call direction the command runs on, if it matters.
    """

    states: frozenset[Literal["ringing", "answered"]]
    refuse: Callable[[], ApiError]
    direction: Literal["incoming", "outgoing"] | None = None

    def check(self, call: CallState) -> None:
        """Raise the API's error if `call` is not in a state this allows."""
        allowed = call.status in self.states
        if not allowed or self.direction not in (None, call.direction):
            raise self.refuse()


ANSWERED = When(frozenset({"answered"}), not_answered)
"""Most commands: the call must have been answered."""
LIVE = When(frozenset({"ringing", "answered"}), not_answered)
"""Any call that has not ended, ringing or answered."""
RINGING_INBOUND = When(frozenset({"ringing"}), not_ringing, "incoming")
"""An incoming call still ringing (what `answer` and `reject` act on)."""
NEW_CALL = When(frozenset({"ringing"}), not_ringing, "outgoing")
"""The call the command itself places (`Dial`, `POST /calls`): the engine makes it first."""


@dataclass(frozen=True)
class Behaviour(Generic[C]):
    """What one command does in the sandbox.

    Attributes:
        command: The builder it runs.
        run: The function that applies it (see `Run`).
        when: Its precondition.
    """

    command: type[C]
    run: Run[C]
    when: When = ANSWERED
