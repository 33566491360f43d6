"""Render the testing package's body factories: one per event, from its class's example.

The factories of `testing/_factories.py` are written by hand (with their own
defaults); every other event gets one in `testing/_call_factories.py`, and
`testing/__init__.py` re-exports them from its fenced block.
"""

from __future__ import annotations

import ast

from .discover import Event, Found
from .render import HEADER, imports, name_list

HAND = "_factories.py"


def factory_name(event: Event) -> str:
    """A factory's name: its event's tag, dots made underscores."""
    return event.tag.replace(".", "_")


def _by_hand(found: Found) -> set[str]:
    """The names `testing/_factories.py` exports (its `__all__`, read without importing it)."""
    path = found.families[0].path.parents[1] / "testing" / HAND
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == "__all__" for t in node.targets
        ):
            return set(ast.literal_eval(node.value))
    return set()


def generated(found: Found) -> list[Event]:
    """The events whose factory is generated: every one without a hand-written factory."""
    hand = _by_hand(found)
    return [e for e in found.events if factory_name(e) not in hand]


def factories_module(found: Found) -> str:
    """`testing/_call_factories.py`: a factory per event, defaulting to its `example_payload`."""
    events = generated(found)
    lines = [
        HEADER.format(source="the event models in events/"),
        '"""A body factory per call event, its defaults its class\'s `example_payload`.\n\n'
        "The example is the spec's documented delivery where there is one, so there is\n"
        "no second table to keep in step. A factory is named after the `event_type`,\n"
        "dots made underscores (`call_speak_ended`, `streaming_started`), and takes the\n"
        "same arguments as the others: see `telnyx_gather.testing.webhook_body` for the\n"
        'envelope.\n"""\n\n',
    ]
    for module in found.families:
        names = [e.name for e in events if e.module == module]
        if names:
            package = "..events" + module.dotted.removeprefix("telnyx_gather.events")
            lines.append(imports(package, names))
    lines.append("from ._factories import EventFactory, example_factory\n\n")
    lines.append("__all__ = [\n" + name_list(factory_name(e) for e in events) + "]\n\n")
    lines.extend(f"{factory_name(e)}: EventFactory = example_factory({e.name})\n" for e in events)
    return "".join(lines)


def testing_fence(found: Found) -> str:
    """`testing/__init__.py`: the generated factories, re-exported."""
    names = sorted(factory_name(e) for e in generated(found))
    return (
        "if TYPE_CHECKING:\n"
        + "".join("    " + line for line in imports("._call_factories", names).splitlines(True))
        + "\n__all__ += [\n"
        + name_list(names)
        + "]\n"
        + f"_LAZY.update(dict.fromkeys({names!r}, '._call_factories'))\n"
    )
