"""The handler table: which handler an event goes to, by its class and its flow step."""

from __future__ import annotations

import inspect
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeAlias, TypeVar, cast

from pydantic import BaseModel

from .._errors import WebhookParseError
from ..client_state import decode_client_state
from ..commands import Command

__all__ = ["Handled", "HandlerResult", "Route", "Routes", "payload_field"]

HandlerResult: TypeAlias = Command | Sequence[Command] | None
"""What a handler returns: nothing, one command, or commands to send in order."""

Handled: TypeAlias = HandlerResult | Awaitable[HandlerResult]
"""A handler's return: a `HandlerResult`, or (from an `async def`) an awaitable of one."""

S = TypeVar("S")


def payload_field(event: object, name: str) -> str | None:
    """The string field `name` of the event's payload (a model or, for `UnknownEvent`, a dict)."""
    payload: object = getattr(event, "payload", None)
    if isinstance(payload, dict):
        value = cast("dict[str, object]", payload).get(name)
    else:
        value = getattr(payload, name, None)
    return value if isinstance(value, str) else None


@dataclass(frozen=True)
class Route(Generic[S]):
    """One registered handler; `with_state` handlers also receive the decoded state."""

    handler: Callable[..., Handled]
    with_state: bool
    is_async: bool

    def call(self, event: object, state: S | None) -> Handled:
        """Run the handler (an `async def` returns its coroutine, for the caller to await)."""
        return self.handler(event, state) if self.with_state else self.handler(event)


@dataclass(frozen=True)
class Routes(Generic[S]):
    """Handlers by event class, and by step for flows that carry state."""

    state_type: type[S] | None
    routes: dict[tuple[type[BaseModel], str | None], Route[S]]
    """Each handler, by event class and step (`None`: the class's plain handler)."""
    stepped: set[type[BaseModel]]
    """The event classes with a handler for some step."""
    plain: dict[type[BaseModel], Route[S]]
    """The plain handler of each class (the `routes` with step `None`), for a quick lookup."""

    def check(self, event_type: type[BaseModel], step: str | None) -> None:
        """Refuse what can never route: a non-event class, or `step` without a state type."""
        if not (isinstance(event_type, type) and issubclass(event_type, BaseModel)):  # pyright: ignore[reportUnnecessaryIsInstance]
            raise TypeError("Router.on() takes an event class such as CallGatherEnded")
        if step is None:
            return
        if self.state_type is None:
            raise TypeError("routing on step= needs a state type: Router(..., state=YourModel)")
        fields: object = getattr(self.state_type, "model_fields", None)
        if isinstance(fields, dict) and "step" not in fields:
            raise TypeError(f"the state model {self.state_type.__name__} has no 'step' field")

    def add(
        self, event_type: type[BaseModel], step: str | None, handler: Callable[..., Any]
    ) -> None:
        """Register `handler`; a second handler for the same class and step is refused."""
        route = Route[S](handler, step is not None, inspect.iscoroutinefunction(handler))
        key = (event_type, step)
        if key in self.routes:
            at = "" if step is None else f" at step {step!r}"
            raise ValueError(f"a handler for {event_type.__name__}{at} is already registered")
        self.routes[key] = route
        if step is None:
            self.plain[event_type] = route
        if step is not None:
            self.stepped.add(event_type)

    def state(self, event: object) -> S | None:
        """The event's `client_state` decoded into the state type, or `None` if it does not fit."""
        if self.state_type is None:
            return None
        raw = payload_field(event, "client_state")
        if raw is None:
            return None
        try:
            return decode_client_state(raw, self.state_type)
        except WebhookParseError:
            return None

    def find(self, event: BaseModel) -> tuple[Route[S], S | None] | None:
        """The handler for `event` and the state to pass it, or `None` if none matches.

        A handler for the event's step wins over the class's plain handler.
        """
        event_type = type(event)
        if event_type in self.stepped:
            state = self.state(event)
            step = getattr(state, "step", None)
            route = self.routes.get((event_type, step)) if isinstance(step, str) else None
            if route is not None:
                return route, state
        route = self.plain.get(event_type)
        return None if route is None else (route, None)
