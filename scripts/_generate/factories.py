"""Render the testing package's body factories: one per event, from its class's example.

Every event gets one in `testing/_call_factories.py`, built by
`testing/_factories.py`'s `example_factory`, and `testing/__init__.py`
re-exports them, loaded on first use, from its fenced block.
"""

from __future__ import annotations

from .discover import Event, Found
from .render import HEADER, imports, name_list


def factory_name(event: Event) -> str:
    """A factory's name: its event's tag, dots made underscores."""
    return event.tag.replace(".", "_")


def factories_module(found: Found) -> str:
    """`testing/_call_factories.py`: a factory per event, defaulting to its `example_payload`."""
    events = found.events
    lines = [
        HEADER.format(source="the event models in events/"),
        '"""A body factory per call event, its defaults its class\'s `example_payload`.\n\n'
        "The example is the spec's documented delivery where there is one, so there is\n"
        "no second table to keep in step. A factory is named after the `event_type`,\n"
        "dots made underscores (`call_gather_ended`, `streaming_started`); keyword\n"
        "arguments override or add payload fields, and `event_id`, `occurred_at` and\n"
        "`attempt` set the envelope, as for `telnyx_gather.testing.webhook_body`.\n"
        '"""\n\n',
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
    names = sorted(factory_name(e) for e in found.events)
    return (
        "if TYPE_CHECKING:\n"
        + "".join("    " + line for line in imports("._call_factories", names).splitlines(True))
        + "\n__all__ += [\n"
        + name_list(names)
        + "]\n"
        + f"_LAZY.update(dict.fromkeys({names!r}, '._call_factories'))\n"
    )
