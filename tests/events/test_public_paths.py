"""Event classes show their public path, and still build, parse, pickle and copy from it.

The models build on first use (`defer_build`), so each check runs in a fresh
interpreter where nothing was built before `__module__` changed.
"""

from __future__ import annotations

import json
import subprocess
import sys
from importlib import import_module

import pytest

import telnyx_gather
import telnyx_gather.events as events

EVENT_NAMES = [
    name
    for name in telnyx_gather.__all__
    if name in events.__all__ and isinstance(getattr(events, name), type)
]

# Builds every model first through the JSON schema or first through parsing,
# then parses, round-trips and reprs one delivery of each known event type.
CHECK = """
import copy, json, pickle, sys
from telnyx_gather import Webhook, parse_event, parse_webhook, testing
from telnyx_gather.events import EVENT_TYPES

schema_first = sys.argv[1] == "schema"
if schema_first:
    schemas = [cls.model_json_schema() for cls in (*EVENT_TYPES.values(), Webhook)]
bodies = [getattr(testing, t.replace(".", "_"))() for t in EVENT_TYPES]
bodies.append(testing.webhook_body("conference.created", {"x": 1}))
out = []
for body in bodies:
    event = parse_event(body)
    again = pickle.loads(pickle.dumps(parse_webhook(body)))
    assert again.data == event and copy.deepcopy(event) == event and copy.copy(event) == event
    assert type(pickle.loads(pickle.dumps(event.payload))) is type(event.payload)
    out.append([repr(type(event)), repr(event).split("(")[0], repr(type(event.payload))])
if not schema_first:
    schemas = [cls.model_json_schema() for cls in (*EVENT_TYPES.values(), Webhook)]
out.append(sorted(schemas[-1]["$defs"]))
print(json.dumps(out))
"""


def _run(order: str) -> list[list[str]]:
    result = subprocess.run(
        [sys.executable, "-c", CHECK, order], check=True, capture_output=True, text=True
    )
    out: list[list[str]] = json.loads(result.stdout)
    return out


def test_every_public_event_name_lives_at_the_top_level() -> None:
    assert {"CallGatherEnded", "CallHangup", "UnknownEvent", "Webhook"} <= set(EVENT_NAMES)
    for name in EVENT_NAMES:
        cls = getattr(telnyx_gather, name)
        assert cls.__module__ == "telnyx_gather", name
        assert repr(cls) == f"<class 'telnyx_gather.{name}'>"


def test_payloads_live_in_telnyx_gather_events() -> None:
    for name in events.__all__:
        obj = getattr(events, name)
        if isinstance(obj, type) and name not in EVENT_NAMES:
            assert obj.__module__ == "telnyx_gather.events", name
            assert getattr(import_module(obj.__module__), obj.__qualname__) is obj


@pytest.mark.parametrize("order", ["parse", "schema"])
def test_first_build_after_the_move_works(order: str) -> None:
    out = _run(order)
    *rows, defs = out
    for cls_repr, repr_head, payload_repr in rows:
        name = cls_repr.removeprefix("<class 'telnyx_gather.").removesuffix("'>")
        assert repr_head == name
        assert cls_repr == f"<class 'telnyx_gather.{name}'>"
        expected = "<class 'dict'>" if name == "UnknownEvent" else "<class 'telnyx_gather.events."
        assert payload_repr.startswith(expected)
    known = [*events.EVENT_TYPES.values(), events.UnknownEvent]
    assert {row[1] for row in rows} == {cls.__name__ for cls in known}
    assert "CallHangupPayload" in defs
    assert "WebhookMeta" in defs
