"""Render `events/_index.py`: where each event model lives, so the package loads it on first use."""

from __future__ import annotations

import sys

from telnyx_gather.events._base import EventModel

from .discover import Found, GenerateError
from .render import HEADER

PACKAGE = "telnyx_gather"
EVENTS = f"{PACKAGE}.events"
# The classes the events package defines outside the families, and the module each
# is shown under: the envelope and `UnknownEvent` at the top, like every event class.
FIXED = {
    "_base.CallEvent": EVENTS,
    "_base.CallIdentifiers": EVENTS,
    "_base.CallPayload": EVENTS,
    "_base.PartiesPayload": EVENTS,
    "_base.UnknownEvent": PACKAGE,
    "_union.Webhook": PACKAGE,
    "_union.WebhookMeta": PACKAGE,
}


def _published(found: Found) -> dict[str, list[str]]:
    shown = dict(FIXED)
    events = {event.cls for event in found.events}
    for module in found.families:
        namespace = vars(sys.modules[module.dotted])
        for name in module.exports:
            value = namespace[name]
            if not isinstance(value, type):
                continue
            if not issubclass(value, EventModel):
                raise GenerateError(
                    f"{module.shown}: {name} is a class but not an `EventModel`; only those "
                    "are shown under the public module"
                )
            shown[f"{module.relative(EVENTS)[1:]}.{name}"] = PACKAGE if value in events else EVENTS
    return {public: sorted(k for k, v in shown.items() if v == public) for public in FIXED.values()}


def _table(name: str, annotation: str, rows: dict[str, str], doc: str) -> str:
    body = "".join(f'    "{key}": "{value}",\n' for key, value in rows.items())
    return f'{name}: {annotation} = {{\n{body}}}\n"""{doc}"""\n\n'


def events_index(found: Found) -> str:
    """`events/_index.py`: the tag, name and public-module tables, written as plain strings."""
    return (
        HEADER.format(source="the event models in events/")
        + '"""Where each event model lives, read without importing any model.\n\n'
        "The events package loads a family module only when one of its names is\n"
        "first used, and the parser only the module of the event it reads.\n"
        '"""\n\n'
        '__all__ = ["EVENT_MODULES", "EXPORTS", "PUBLISHED"]\n\n'
        + _table(
            "EVENT_MODULES",
            "dict[str, str]",
            {event.tag: event.module.relative(EVENTS) for event in found.events},
            "Each known `event_type`, mapped to the module that declares its class.",
        )
        + _table(
            "EXPORTS",
            "dict[str, str]",
            {
                name: module.relative(EVENTS)
                for module in sorted(found.families, key=lambda m: m.dotted)
                for name in module.exports
            },
            "Each name a family module exports, mapped to that module.",
        )
        + "PUBLISHED: dict[str, tuple[str, ...]] = {\n"
        + "".join(
            f'    "{public}": (\n' + "".join(f'        "{c}",\n' for c in classes) + "    ),\n"
            for public, classes in _published(found).items()
        )
        + '}\n"""Each public class (`_module.Class` in the events package), by the module\n'
        'its reprs and pickles name."""\n' + "\n"
    )
