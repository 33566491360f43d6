"""The handler table: which handler an event goes to, by its class and its flow step."""

from __future__ import annotations

import inspect
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Generic, TypeAlias, TypeVar, cast

from pydantic import BaseModel

from .._errors import WebhookParseError
from ..client_state import decode_client_state
from ..commands import Command
from ..events import CallAIGatherEnded

__all__ = ["Found", "Handled", "HandlerResult", "Route", "Routes", "payload_field"]

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
class Route:
    """One registered handler; `result` is the model of an AI gather's result it takes.

    The router calls `handler(event, *args)`, `args` as `Routes.find` gives
    them: the decoded state, or the parsed result, or nothing. An `async def`
    handler returns its coroutine, for the router to await.
    """

    handler: Callable[..., Handled]
    is_async: bool
    result: type[BaseModel] | None = None


Found: TypeAlias = tuple[Route | None, tuple[object, ...], WebhookParseError | None]
"""Where an event goes: its route (`None`: no handler takes it), the arguments after the
event, and the misfit if the class's result handler could not take its result."""


@dataclass(frozen=True)
class Routes(Generic[S]):
    """Handlers by event class, and by step for flows that carry state."""

    state_type: type[S] | None
    routes: dict[tuple[type[BaseModel], str | None], Route]
    """Each handler, by event class and step (`None`: the class's plain handler)."""
    stepped: set[type[BaseModel]]
    """The event classes with a handler for some step."""
    plain: dict[type[BaseModel], Route]
    """The plain handler of each class (the `routes` with step `None`), for a quick lookup."""
    typed: dict[type[BaseModel], Route] = field(default_factory=dict[type[BaseModel], Route])
    """The handlers registered with `result=`, by event class."""

    def check(
        self, event_type: type[BaseModel], step: str | None, result: type[BaseModel] | None = None
    ) -> None:
        """Refuse what can never route: a non-event class, or `step` without a state type."""
        if not (isinstance(event_type, type) and issubclass(event_type, BaseModel)):  # pyright: ignore[reportUnnecessaryIsInstance]
            raise TypeError("Router.on() takes an event class such as CallGatherEnded")
        if result is not None:
            _check_result(event_type, step, result)
        if step is None:
            return
        if self.state_type is None:
            raise TypeError("routing on step= needs a state type: Router(..., state=YourModel)")
        fields: object = getattr(self.state_type, "model_fields", None)
        if isinstance(fields, dict) and "step" not in fields:
            raise TypeError(f"the state model {self.state_type.__name__} has no 'step' field")

    def add(
        self,
        event_type: type[BaseModel],
        step: str | None,
        handler: Callable[..., Any],
        result: type[BaseModel] | None = None,
    ) -> None:
        """Register `handler`; a second handler for the same class and step is refused."""
        route = Route(handler, inspect.iscoroutinefunction(handler), result)
        if result is not None:
            if event_type in self.typed:
                raise ValueError(
                    f"a result handler for {event_type.__name__} is already registered"
                )
            self.typed[event_type] = route
            return
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

    def find(self, event: BaseModel) -> Found:
        """The handler for `event` and what to pass it after the event.

        A handler for the event's step wins; then the class's result handler,
        if the result fits its model; then the class's plain handler.
        """
        event_type = type(event)
        if event_type in self.stepped:
            state = self.state(event)
            step = getattr(state, "step", None)
            route = self.routes.get((event_type, step)) if isinstance(step, str) else None
            if route is not None:
                return route, (state,), None
        misfit = None
        typed = self.typed.get(event_type)
        if typed is not None and typed.result is not None:
            try:
                parsed = cast("CallAIGatherEnded", event).payload.result_as(typed.result)
            except WebhookParseError as exc:
                misfit = exc
            else:
                return typed, (parsed,), None
        return self.plain.get(event_type), (), misfit


def _check_result(event_type: type[BaseModel], step: str | None, result: object) -> None:
    if not issubclass(event_type, CallAIGatherEnded):
        raise TypeError("result= routes only CallAIGatherEnded, the event that carries a result")
    if not (isinstance(result, type) and issubclass(result, BaseModel)):
        raise TypeError("result= takes a Pydantic model class, such as the one gathered with")
    if step is not None:
        raise TypeError(
            "step= and result= do not combine: route on step= and read "
            "event.payload.result_as(YourModel) in that handler"
        )
