"""The event factories: each builds its class's example as a delivery, fields overridable."""

from __future__ import annotations

import json
from typing import Any, get_args

import pytest
from pydantic import BaseModel
from syrupy.assertion import SnapshotAssertion

import telnyx_gather.testing as testing
from telnyx_gather.events._speak import CallSpeakEnded
from telnyx_gather.testing import EventFactory, WebhookSigner
from telnyx_gather.testing import _call_factories as factories
from tests.events.call_event_classes import ALL_EVENTS


def _tag(event: type[BaseModel]) -> str:
    (tag,) = get_args(event.model_fields["event_type"].annotation)
    return str(tag)


CASES: list[tuple[EventFactory, type[BaseModel]]] = [
    (getattr(factories, _tag(event).replace(".", "_")), event) for event in ALL_EVENTS
]
IDS = [_tag(event) for _, event in CASES]


def test_one_factory_per_event_and_nothing_else() -> None:
    assert sorted(factories.__all__) == sorted(_tag(e).replace(".", "_") for e in ALL_EVENTS)


@pytest.mark.parametrize(("factory", "event_class"), CASES, ids=IDS)
def test_the_body_is_the_class_example_as_a_delivery(
    factory: EventFactory, event_class: type[BaseModel]
) -> None:
    body = json.loads(factory())
    assert body["data"]["event_type"] == _tag(event_class)
    assert body["data"]["payload"] == getattr(event_class, "example_payload", None)
    assert body["meta"]["attempt"] == 1
    event: Any = event_class.model_validate(body["data"])
    assert event.occurred_at.utcoffset() is not None
    assert factory.__name__ == _tag(event_class).replace(".", "_")
    assert f"{event_class.__name__}.example_payload" in (factory.__doc__ or "")


@pytest.mark.parametrize(("factory", "event_class"), CASES, ids=IDS)
def test_the_body_is_exact(
    factory: EventFactory, event_class: type[BaseModel], snapshot: SnapshotAssertion
) -> None:
    body = factory(
        event_id="0ccc7b54-4df3-4bca-a65a-3da1ecc777f0", occurred_at="2026-01-02T03:04:05Z"
    )
    assert body == snapshot


def test_overrides_replace_and_add_fields_and_leave_the_example_alone() -> None:
    before = dict(CallSpeakEnded.example_payload)
    body = json.loads(factories.call_speak_ended(status="call_hangup", added=[1]))
    assert body["data"]["payload"]["status"] == "call_hangup"
    assert body["data"]["payload"]["added"] == [1]
    assert CallSpeakEnded.example_payload == before
    parties = json.loads(factories.call_bridged(from_="+15550100"))["data"]["payload"]
    assert parties["from"] == "+15550100"


def test_a_recording_saved_body_can_name_its_call() -> None:
    body = json.loads(factories.call_recording_saved(call_control_id="v3:rec"))
    assert body["data"]["payload"]["call_control_id"] == "v3:rec"


def test_bodies_sign_like_the_others() -> None:
    signer = WebhookSigner()
    body = factories.call_speak_started()
    assert set(signer.sign(body)) >= {"telnyx-signature-ed25519", "telnyx-timestamp"}


def test_the_package_exports_each_factory() -> None:
    for name in factories.__all__:
        assert getattr(testing, name) is getattr(factories, name), name
        assert name in testing.__all__
