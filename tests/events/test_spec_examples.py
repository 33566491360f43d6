"""Every webhook example in the official spec parses to its class, value for value."""

from __future__ import annotations

import json
from typing import Any

import pytest
from syrupy.assertion import SnapshotAssertion

from telnyx_gather import parse_event, parse_webhook
from telnyx_gather.events import EVENT_TYPES
from tests.conftest import load_spec


def _examples() -> list[tuple[str, dict[str, Any]]]:
    spec = load_spec()
    schemas = spec["components"]["schemas"]
    out = []
    for name, hook in spec["webhooks"].items():
        ref = hook["post"]["requestBody"]["content"]["application/json"]["schema"]["$ref"]
        envelope = schemas[ref.rsplit("/", 1)[1]]
        data_schema = schemas[envelope["properties"]["data"]["$ref"].rsplit("/", 1)[1]]
        out.append((name, data_schema["example"]))
    return out


EXAMPLES = _examples()


def test_spec_has_one_example_per_gather_family_event() -> None:
    # The gather cut holds the gather family; test_call_events covers all of Call Control.
    gather = {"call.gather.ended", "call.dtmf.received", "call.conversation.ended"}
    gather |= {t for t in EVENT_TYPES if t.startswith(("call.ai_gather.", "call.playback."))}
    assert sorted(example["event_type"] for _, example in EXAMPLES) == sorted(gather)


@pytest.mark.parametrize(("name", "example"), EXAMPLES, ids=[name for name, _ in EXAMPLES])
def test_spec_example_parses_to_its_class(
    name: str, example: dict[str, Any], snapshot: SnapshotAssertion
) -> None:
    body = json.dumps({"data": example}).encode()
    event = parse_event(body)

    assert type(event) is EVENT_TYPES[example["event_type"]]
    assert event.event_type == example["event_type"]
    assert event.occurred_at.utcoffset() is not None
    # Every value of the example comes back, under its wire name, and nothing is invented.
    assert event.model_dump(mode="json", by_alias=True, exclude_unset=True) == example
    assert event.model_extra == {}
    assert event.payload.model_extra == {}
    assert event.model_dump(mode="json", by_alias=True) == snapshot


@pytest.mark.parametrize(("name", "example"), EXAMPLES, ids=[name for name, _ in EXAMPLES])
def test_spec_example_without_meta_has_no_meta(name: str, example: dict[str, Any]) -> None:
    webhook = parse_webhook(json.dumps({"data": example}))
    assert webhook.meta is None
    assert webhook.data.id == example["id"]
