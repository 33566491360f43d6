"""Every `call.*` webhook of the spec and the SDK has its own class, and the documented bodies fit.

Each spec webhook example parses to its class value for value, nothing
left in `model_extra`; each event the SDK types has a class whose payload
types every field the SDK documents; each class's `example_payload` is a
documented delivery.
"""

from __future__ import annotations

import importlib
import json
import pkgutil
from pathlib import Path
from typing import Any, get_args

import pytest
import telnyx.types
from pydantic import BaseModel
from syrupy.assertion import SnapshotAssertion

from telnyx_gather import parse_event
from telnyx_gather.events import EVENT_TYPES, CallEvent
from tests.conftest import load_call_control_spec
from tests.events.call_event_classes import ALL_EVENTS, NEW_EVENTS


def _spec_examples() -> list[tuple[str, dict[str, Any]]]:
    spec = load_call_control_spec()
    schemas = spec["components"]["schemas"]

    def named(ref: str) -> dict[str, Any]:
        schema: dict[str, Any] = schemas[ref.rsplit("/", 1)[1]]
        return schema

    out = []
    for name, hook in spec["webhooks"].items():
        envelope = named(
            hook["post"]["requestBody"]["content"]["application/json"]["schema"]["$ref"]
        )
        out.append((name, named(envelope["properties"]["data"]["$ref"])["example"]))
    return out


def _sdk_events() -> dict[str, type[BaseModel]]:
    """The SDK's `data` model of each call webhook, by its `event_type`."""
    found: dict[str, type[BaseModel]] = {}
    for module in pkgutil.iter_modules(telnyx.types.__path__):
        if not (module.name.startswith("call_") and module.name.endswith("_webhook_event")):
            continue
        namespace = vars(importlib.import_module(f"telnyx.types.{module.name}"))
        envelope = next(
            value
            for key, value in namespace.items()
            if key.endswith("WebhookEvent") and isinstance(value, type)
        )
        data = _model(envelope.model_fields["data"].annotation)
        (tag,) = get_args(_model(data.model_fields["event_type"].annotation))
        found[tag] = data
    return found


def _model(annotation: Any) -> Any:
    """`annotation` without `None`: the one type an `Optional[...]` holds."""
    args = [arg for arg in get_args(annotation) if arg is not type(None)]
    return args[0] if len(args) == 1 else annotation


def _models(annotation: Any) -> list[type[BaseModel]]:
    """The pydantic models an annotation holds, through unions and lists."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [found for arg in get_args(annotation) for found in _models(arg)]


def _tag(event: type[BaseModel]) -> str:
    (tag,) = get_args(event.model_fields["event_type"].annotation)
    return str(tag)


EXAMPLES = _spec_examples()
SDK_EVENTS = _sdk_events()
CLASSES = {_tag(event): event for event in ALL_EVENTS}


def _validate(data: dict[str, Any]) -> Any:
    return parse_event(json.dumps({"data": data}))


def test_the_spec_has_35_call_webhooks_and_each_has_its_own_class() -> None:
    tags = [example["event_type"] for _, example in EXAMPLES]
    assert len(tags) == len(set(tags)) == 35
    assert set(tags) <= set(CLASSES)
    assert len({CLASSES[tag] for tag in tags}) == 35


def test_every_call_event_the_sdk_types_has_a_class() -> None:
    assert len(SDK_EVENTS) == 47
    assert set(SDK_EVENTS) == set(CLASSES)


def test_every_class_is_known_to_the_parsers() -> None:
    assert CLASSES == EVENT_TYPES
    assert all(issubclass(event, CallEvent) for event in NEW_EVENTS)


@pytest.mark.parametrize(("name", "example"), EXAMPLES, ids=[name for name, _ in EXAMPLES])
def test_spec_example_validates_as_its_class(
    name: str, example: dict[str, Any], snapshot: SnapshotAssertion
) -> None:
    event_class = CLASSES[example["event_type"]]
    event = _validate(example)
    assert type(event) is event_class
    assert event.occurred_at is not None
    assert event.occurred_at.utcoffset() is not None
    assert event.model_dump(mode="json", by_alias=True, exclude_unset=True) == example
    assert event.model_extra == {}
    assert event.payload.model_extra == {}
    assert event.model_dump(mode="json", by_alias=True) == snapshot


@pytest.mark.parametrize(("name", "example"), EXAMPLES, ids=[name for name, _ in EXAMPLES])
def test_the_class_example_is_the_spec_example(name: str, example: dict[str, Any]) -> None:
    event_class = CLASSES[example["event_type"]]
    assert getattr(event_class, "example_payload", None) == example["payload"]


@pytest.mark.parametrize("tag", sorted(CLASSES))
def test_every_class_carries_an_example_that_fits_exactly(tag: str) -> None:
    event_class = CLASSES[tag]
    example: dict[str, Any] = getattr(event_class, "example_payload", {})
    assert example, f"{event_class.__name__} has no example_payload"
    data = {"event_type": tag, "id": "e", "occurred_at": "2026-01-01T00:00:00Z"}
    event = _validate({**data, "payload": example})
    assert event.payload.model_dump(mode="json", by_alias=True, exclude_unset=True) == example
    assert event.payload.model_extra == {}


def _assert_typed(ours: type[BaseModel], theirs: type[BaseModel], where: str) -> None:
    fields = {field.alias or name: field for name, field in ours.model_fields.items()}
    for name, their_field in theirs.model_fields.items():
        wire = their_field.alias or name
        assert wire in fields, f"{where}.{wire} is not typed"
        their_models = _models(their_field.annotation)
        if their_models:
            our_models = _models(fields[wire].annotation)
            assert our_models, f"{where}.{wire} is not a model"
            _assert_typed(our_models[0], their_models[0], f"{where}.{wire}")


@pytest.mark.parametrize("tag", sorted(SDK_EVENTS))
def test_every_field_the_sdk_documents_is_typed(tag: str) -> None:
    _assert_typed(CLASSES[tag], SDK_EVENTS[tag], tag)


@pytest.mark.parametrize("tag", sorted(CLASSES))
def test_the_example_reads_the_same_in_the_sdk(tag: str) -> None:
    event_class = CLASSES[tag]
    data = {
        "record_type": "event",
        "event_type": tag,
        "id": "e",
        "occurred_at": "2026-01-01T00:00:00Z",
        "payload": getattr(event_class, "example_payload", {}),
    }
    theirs = SDK_EVENTS[tag].model_validate(data).model_dump(mode="json", by_alias=True)
    ours = _validate(data).model_dump(mode="json", by_alias=True)
    for key, value in theirs["payload"].items():
        if value is not None and not isinstance(value, (dict, list)):
            assert ours["payload"][key] == value, key


def test_the_events_page_lists_every_event() -> None:
    page = (Path(__file__).resolve().parents[2] / "docs" / "events.md").read_text()
    for tag, event in EVENT_TYPES.items():
        assert f"| `{tag}` | `{event.__name__}` |" in page, tag
