"""Find the builders, option models and events by importing their modules (no list to edit)."""

from __future__ import annotations

import ast
import importlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, get_args, get_origin

from telnyx_gather.commands._base import Command, StrictModel
from telnyx_gather.events._base import EventModel

from . import NOT_FAMILIES, PACKAGE, GenerateError
from .forms import Alias, union_alias


@dataclass(frozen=True)
class Module:
    """One hand-written module and the public names it exports (its `__all__`)."""

    path: Path
    dotted: str
    exports: tuple[str, ...]

    def relative(self, package: str) -> str:
        """This module's import path relative to `package` (`.actions.gather`)."""
        return "." + self.dotted.removeprefix(package + ".")

    @property
    def shown(self) -> str:
        return str(self.path.relative_to(PACKAGE.parent.parent))


@dataclass(frozen=True)
class Model:
    """A hand-written model class and the module that exports it."""

    cls: type[Any]
    module: Module

    @property
    def name(self) -> str:
        return self.cls.__name__


@dataclass(frozen=True)
class Builder(Model):
    """A command builder, its action (the path segment) and its SDK method name.

    `acts_on_call` is false for a builder that starts a new call (`Dial`):
    the `Call` handle gets no method for it.
    """

    action: str
    method: str
    acts_on_call: bool


@dataclass(frozen=True)
class Event(Model):
    """An event model and its tag, read from its `event_type` `Literal`."""

    tag: str


@dataclass(frozen=True)
class Found:
    """Everything the generator writes from."""

    builders: tuple[Builder, ...]
    actions: tuple[Module, ...]
    options: tuple[Module, ...]
    events: tuple[Event, ...]
    families: tuple[Module, ...]
    models: tuple[type[StrictModel], ...]
    """Every exported command model, builders and nested ones, in module and source order."""
    aliases: dict[int, Alias]
    """The named types the action and option modules export (`Literal`s, unions of models)."""

    @property
    def nested(self) -> tuple[type[StrictModel], ...]:
        return tuple(m for m in self.models if not issubclass(m, Command))


def _modules(folder: Path, dotted: str, *, private: bool) -> list[tuple[Module, Any]]:
    found = []
    for path in sorted(folder.glob("*.py")):
        if path.stem in ("__init__", *NOT_FAMILIES) or path.stem.startswith("_") != private:
            continue
        module = importlib.import_module(f"{dotted}.{path.stem}")
        exports = getattr(module, "__all__", None)
        if exports is None:
            raise GenerateError(f"{path}: declare `__all__`, the names it exports")
        found.append((Module(path, module.__name__, tuple(exports)), module))
    return found


def _in_source_order(module: Module, classes: list[Any]) -> list[Any]:
    tree = ast.parse(module.path.read_text(encoding="utf-8"))
    order = [node.name for node in tree.body if isinstance(node, ast.ClassDef)]
    return sorted(classes, key=lambda cls: order.index(cls.__name__))


def _builders(actions: list[tuple[Module, Any]]) -> list[Builder]:
    builders = []
    for module, loaded in actions:
        classes = [
            obj
            for name in module.exports
            if isinstance(obj := getattr(loaded, name), type) and issubclass(obj, Command)
        ]
        for cls in _in_source_order(module, classes):
            own = vars(cls)
            for attribute in ("action", "method"):
                if not isinstance(own.get(attribute), str):
                    raise GenerateError(
                        f"{module.shown}: {cls.__name__} must declare "
                        f'`{attribute}: ClassVar[str] = "..."`'
                    )
            builders.append(
                Builder(cls, module, own["action"], own["method"], bool(cls.acts_on_call))
            )
    return builders


def _tag(cls: type[EventModel]) -> str | None:
    field = cls.model_fields.get("event_type")
    if field is None or get_origin(field.annotation) is not Literal:
        return None
    (tag,) = get_args(field.annotation)
    return str(tag)


def _events(families: list[tuple[Module, Any]]) -> tuple[list[Event], list[Module]]:
    events: list[Event] = []
    modules = []
    for module, loaded in families:
        classes = [
            obj
            for name in module.exports
            if isinstance(obj := getattr(loaded, name), type)
            and issubclass(obj, EventModel)
            and _tag(obj) is not None
        ]
        if classes:
            if "from __future__ import annotations" in module.path.read_text(encoding="utf-8"):
                raise GenerateError(
                    f"{module.shown}: drop `from __future__ import annotations`; event "
                    "annotations are evaluated at import, so a cold start resolves none"
                )
            modules.append(module)
        events.extend(Event(c, module, str(_tag(c))) for c in _in_source_order(module, classes))
    return events, modules


def _unique(what: str, pairs: list[tuple[str, str]]) -> None:
    seen: dict[str, str] = {}
    for key, where in pairs:
        if key in seen and seen[key] != where:
            raise GenerateError(f"{what} {key!r} is declared twice: {seen[key]} and {where}")
        seen[key] = where


def discover() -> Found:
    """Import every action, option and event module and collect what they declare.

    Raises:
        GenerateError: A module lacks `__all__`, a builder its `action` or
            `method`, or two modules claim the same name, action, method or tag.
    """
    commands = PACKAGE / "commands"
    actions = _modules(commands / "actions", "telnyx_gather.commands.actions", private=False)
    options = _modules(commands / "options", "telnyx_gather.commands.options", private=False)
    families = _modules(PACKAGE / "events", "telnyx_gather.events", private=True)
    builders = _builders(actions)
    events, event_modules = _events(families)
    _unique("the action", [(b.action, b.name) for b in builders])
    _unique("the method", [(b.method, b.name) for b in builders])
    _unique("the event tag", [(e.tag, e.name) for e in events])
    _unique(
        "the name",
        [(name, m.shown) for m, _ in [*actions, *options] for name in m.exports],
    )
    _unique("the name", [(name, m.shown) for m in event_modules for name in m.exports])
    models: list[type[StrictModel]] = []
    aliases: dict[int, Alias] = {}
    for module, loaded in [*actions, *options]:
        values = {name: getattr(loaded, name) for name in module.exports}
        classes = [v for v in values.values() if isinstance(v, type) and issubclass(v, StrictModel)]
        models.extend(_in_source_order(module, classes))
        for name, value in values.items():
            alias = union_alias(name, module.dotted, value)
            if alias is not None:
                aliases[id(value)] = alias
    return Found(
        models=tuple(models),
        aliases=aliases,
        builders=tuple(builders),
        actions=tuple(m for m, _ in actions),
        options=tuple(m for m, _ in options),
        events=tuple(events),
        families=tuple(event_modules),
    )
