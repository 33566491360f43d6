"""A router's routes as data and as a Mermaid state diagram.

Each route is an event type, a flow step and an AI result model
(`RouteKey`). What a handler can return is read from its return
annotation: `-> GatherUsingSpeak | Hangup | None`, `-> Sequence[Speak | Hangup]`
or `-> list[Transfer]` name the commands (the type checkers hold the handler
to them); a bare `Command` says "some command", and no annotation says nothing.
"""

from __future__ import annotations

import collections.abc
import types
import typing
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, NamedTuple

from pydantic import BaseModel

from ..commands import Command

if TYPE_CHECKING:
    from ._routes import Route, Routes

__all__ = ["RouteInfo", "RouteKey", "declared_returns", "draw", "route_infos", "route_key"]

ANY_COMMAND = "any command"
"""What `declared_returns` lists for a handler annotated with the `Command` base class."""


class RouteKey(NamedTuple):
    """One route: the event type it takes, at which flow step, parsing which AI result model.

    Attributes:
        event_type: The event's tag (`call.gather.ended`), or the class name
            for an event class without one (`UnknownEvent`).
        step: The `step=` of the route, or `None`.
        result: The name of the `result=` model, or `None`.
    """

    event_type: str
    step: str | None = None
    result: str | None = None

    def __str__(self) -> str:
        at = f" at {self.step}" if self.step is not None else ""
        parsed = f" as {self.result}" if self.result is not None else ""
        return f"{self.event_type}{at}{parsed}"


@dataclass(frozen=True)
class RouteInfo:
    """A registered route and what its handler declares it can return.

    Attributes:
        key: The route.
        handler: The handler's `module.qualname`.
        returns: The command classes the return annotation names, sorted
            (`"any command"` for the `Command` base); `None` when the
            handler has no return annotation that can be read.
    """

    key: RouteKey
    handler: str
    returns: tuple[str, ...] | None


def event_tag(event_type: type[BaseModel]) -> str:
    """The `event_type` tag an event class declares, or its class name."""
    field = event_type.model_fields.get("event_type")
    tags = typing.get_args(field.annotation) if field is not None else ()
    return tags[0] if tags and isinstance(tags[0], str) else event_type.__name__


def route_infos(routes: Routes[Any]) -> list[RouteInfo]:
    """Every route of a handler table, in registration order."""
    infos = [
        RouteInfo(RouteKey(event_tag(event_type), step), _name(route), declared_returns(route))
        for (event_type, step), route in routes.routes.items()
    ]
    for event_type, route in routes.typed.items():
        result = None if route.result is None else route.result.__name__
        key = RouteKey(event_tag(event_type), None, result)
        infos.append(RouteInfo(key, _name(route), declared_returns(route)))
    return infos


def route_key(routes: Routes[Any], event: BaseModel) -> RouteKey | None:
    """The route `event` takes in the handler table, or `None` if no handler takes it."""
    route, args, _ = routes.find(event)
    if route is None:
        return None
    step = getattr(args[0], "step", None) if args and route.result is None else None
    result = None if route.result is None else route.result.__name__
    return RouteKey(event_tag(type(event)), step if isinstance(step, str) else None, result)


def declared_returns(route: Route) -> tuple[str, ...] | None:
    """The command class names the handler's return annotation names (see the module doc)."""
    try:
        hints = typing.get_type_hints(route.handler)
    except (NameError, TypeError, AttributeError):  # an annotation naming a local or bad type
        return None
    if "return" not in hints:
        return None
    return tuple(sorted(set(_commands(hints["return"]))))


_CONTAINERS = (
    collections.abc.Sequence,
    collections.abc.Awaitable,
    collections.abc.Coroutine,
    list,
    tuple,
)


def _commands(annotation: object) -> Iterable[str]:
    origin = typing.get_origin(annotation)
    if origin is typing.Union or origin is types.UnionType:
        for arg in typing.get_args(annotation):
            yield from _commands(arg)
    elif origin is not None and isinstance(origin, type) and issubclass(origin, _CONTAINERS):
        args = [a for a in typing.get_args(annotation) if a is not Ellipsis]
        if origin is collections.abc.Coroutine:
            args = args[-1:]
        for arg in args:
            yield from _commands(arg)
    elif isinstance(annotation, type) and issubclass(annotation, Command):
        yield ANY_COMMAND if annotation is Command else annotation.__name__


def _name(route: Route) -> str:
    handler = route.handler
    module = getattr(handler, "__module__", None) or "?"
    return f"{module}.{getattr(handler, '__qualname__', type(handler).__name__)}"


def draw(infos: list[RouteInfo], transitions: Iterable[tuple[RouteKey, RouteKey]] = ()) -> str:
    """A Mermaid `stateDiagram-v2` of the routes (see `Router.to_mermaid`)."""
    ids = {info.key: f"r{n}" for n, info in enumerate(infos, 1)}
    lines = ["stateDiagram-v2", "    direction LR"]
    for info in infos:
        node = ids[info.key]
        lines.append(f'    state "{_label(str(info.key))}" as {node}')
        if info.returns:
            lines.append(f"    {node} : returns {_label(', '.join(info.returns))}")
        elif info.returns == ():
            lines.append(f"    {node} : returns nothing")
    for info in infos:
        if info.key.event_type == "call.initiated":
            lines.append(f"    [*] --> {ids[info.key]}")
    seen = Counter((a, b) for a, b in transitions if a in ids and b in ids)
    for (before, after), count in seen.items():
        lines.append(f"    {ids[before]} --> {ids[after]} : seen {count}x")
    for info in infos:
        if info.key.event_type == "call.hangup":
            lines.append(f"    {ids[info.key]} --> [*]")
    return "\n".join(lines) + "\n"


def _label(text: str) -> str:
    """Text safe inside a Mermaid label: no quotes, colons, semicolons or line breaks."""
    return "".join(c if c.isprintable() and c not in '":;#{}<>' else " " for c in text)
