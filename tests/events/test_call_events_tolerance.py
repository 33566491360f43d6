"""The new call events take what Telnyx sends: only the id, an aware time and the call id are needed.

`call_control_id` is optional exactly where the spec's examples leave it out
(recordings and answering machine detection). Enum values Telnyx adds later
arrive as strings, unknown fields are kept, and a bad value is refused naming
its field, never echoing it.
"""

from __future__ import annotations

import json
from typing import Any, get_args

import pytest
from pydantic import BaseModel

from telnyx_gather import CallAnalyzed, WebhookParseError, parse_event
from telnyx_gather.events import AnalyzedCost, CallEvent
from tests.events.call_event_classes import NEW_EVENTS

OPTIONAL_CALL_ID = {
    "call.recording.saved",
    "call.recording.error",
    "call.machine.detection.ended",
    "call.machine.greeting.ended",
    "call.machine.premium.detection.started",
    "call.machine.premium.detection.ended",
    "call.machine.premium.greeting.ended",
    "call.machine.premium.call_screening.detected",
}
ENVELOPE: dict[str, Any] = {"id": "e-1", "occurred_at": "2026-11-24T10:15:02.123456Z"}


def _tag(event: type[BaseModel]) -> str:
    (tag,) = get_args(event.model_fields["event_type"].annotation)
    return str(tag)


TAGS = {_tag(event): event for event in NEW_EVENTS}


def _validate(tag: str, payload: dict[str, Any], **data: Any) -> Any:
    event = parse_event(
        json.dumps({"data": {"event_type": tag, **ENVELOPE, "payload": payload, **data}})
    )
    assert type(event) is TAGS[tag]
    return event


def _payload_fields(tag: str) -> dict[str, Any]:
    payload = TAGS[tag].model_fields["payload"].annotation
    assert isinstance(payload, type)
    assert issubclass(payload, BaseModel)
    return dict(payload.model_fields)


def test_call_control_id_is_optional_exactly_where_the_spec_leaves_it_out() -> None:
    optional = {tag for tag in TAGS if not _payload_fields(tag)["call_control_id"].is_required()}
    assert optional == OPTIONAL_CALL_ID


@pytest.mark.parametrize("tag", sorted(TAGS))
def test_only_the_id_time_and_call_id_are_needed(tag: str) -> None:
    event = _validate(tag, {"call_control_id": "v3:only-this"})
    assert isinstance(event, CallEvent)
    assert event.payload.model_dump(exclude_unset=True) == {"call_control_id": "v3:only-this"}
    required = {name for name, f in _payload_fields(tag).items() if f.is_required()}
    assert required == (set() if tag in OPTIONAL_CALL_ID else {"call_control_id"})


@pytest.mark.parametrize("tag", sorted(OPTIONAL_CALL_ID))
def test_the_events_without_call_control_id_parse_without_it(tag: str) -> None:
    event = _validate(tag, {"call_leg_id": "leg"})
    assert event.payload.call_control_id is None
    assert event.payload.call_leg_id == "leg"


@pytest.mark.parametrize("tag", sorted(TAGS))
@pytest.mark.parametrize("drop", ["id", "occurred_at"])
def test_without_id_or_time_is_refused(tag: str, drop: str) -> None:
    data = {"event_type": tag, **ENVELOPE, "payload": {"call_control_id": "v3:x"}}
    del data[drop]
    with pytest.raises(WebhookParseError, match=drop):
        parse_event(json.dumps({"data": data}))


@pytest.mark.parametrize("tag", sorted(set(TAGS) - OPTIONAL_CALL_ID))
def test_without_call_control_id_is_refused_where_every_delivery_has_it(tag: str) -> None:
    with pytest.raises(WebhookParseError, match="call_control_id"):
        _validate(tag, {"call_leg_id": "leg"})


@pytest.mark.parametrize("tag", sorted(TAGS))
def test_a_naive_time_is_refused(tag: str) -> None:
    with pytest.raises(WebhookParseError, match="occurred_at"):
        _validate(tag, {"call_control_id": "v3:x"}, occurred_at="2026-11-24T10:15:02")


@pytest.mark.parametrize("tag", sorted(TAGS))
def test_unknown_fields_are_kept_and_ids_may_be_null(tag: str) -> None:
    payload = {
        "call_control_id": "v3:x",
        "client_state": None,
        "call_leg_id": None,
        "brand_new": {"a": [1]},
    }
    event = _validate(tag, payload, brand_new_too=True)
    assert event.payload.model_extra == {"brand_new": {"a": [1]}}
    assert event.model_extra == {"brand_new_too": True}
    assert event.payload.client_state is None


ENUMS = [
    ("call.speak.ended", "status"),
    ("call.dequeued", "reason"),
    ("call.recording.saved", "channels"),
    ("call.recording.error", "reason"),
    ("call.machine.detection.ended", "result"),
    ("call.machine.premium.greeting.ended", "result"),
    ("call.fork.started", "stream_type"),
    ("streaming.failed", "stream_type"),
    ("call.conversation.start_failed", "reason"),
    ("call.deepfake_detection.result", "result"),
    ("call.payment.completed", "result"),
    ("call.cost", "status"),
]


@pytest.mark.parametrize(("tag", "field"), ENUMS)
def test_a_value_telnyx_adds_later_is_kept_as_text(tag: str, field: str) -> None:
    event = _validate(tag, {"call_control_id": "v3:x", field: "added_next_year"})
    assert getattr(event.payload, field) == "added_next_year"


BAD = [
    ("call.speak.ended", "status", 7),
    ("call.enqueued", "current_position", "fifth"),
    ("call.recording.saved", "recording_started_at", "2026-11-24T10:15:02"),
    ("call.recording.saved", "recording_urls", ["http://example.com/r.mp3"]),
    ("call.refer.failed", "sip_notify_response", "busy"),
    ("streaming.failed", "stream_params", "wss://example.com"),
    ("call.deepfake_detection.result", "score", float("nan")),
    ("call.analyzed", "cost", 0.5),
    ("call.cost", "cost_parts", {"cost": "1"}),
    ("call.payment.progress", "attempt", 1.5),
]


@pytest.mark.parametrize(("tag", "field", "value"), BAD)
def test_a_wrong_value_is_refused_naming_its_field_and_not_echoing_it(
    tag: str, field: str, value: object
) -> None:
    with pytest.raises(WebhookParseError, match=f"payload.{field}") as caught:
        _validate(tag, {"call_control_id": "v3:x", field: value})
    assert "input_value" not in str(caught.value)
    if isinstance(value, str):
        assert value not in str(caught.value)


def test_analyzed_cost_is_an_object_or_the_placeholder_text() -> None:
    text = _validate(
        "call.analyzed", {"call_control_id": "v3:x", "cost": "No cost data available."}
    )
    assert isinstance(text, CallAnalyzed)
    assert text.payload.cost == "No cost data available."
    breakdown = {
        "currency": "USD",
        "total": "0.01",
        "breakdown": [{"product": "x", "cost": "0.01"}],
    }
    cost = _validate("call.analyzed", {"call_control_id": "v3:x", "cost": breakdown}).payload.cost
    assert isinstance(cost, AnalyzedCost)
    assert cost.breakdown is not None
    assert (cost.total, cost.breakdown[0].product) == ("0.01", "x")


def test_analyzed_lists_may_be_empty_or_null() -> None:
    payload = {"call_control_id": "v3:x", "recordings": None, "conversation_insights": []}
    event = _validate("call.analyzed", payload)
    assert (event.payload.recordings, event.payload.conversation_insights) == (None, [])


def test_insight_results_are_text_or_objects() -> None:
    results = [{"insight_id": "a", "result": "text"}, {"insight_id": "b", "result": {"score": 4}}]
    event = _validate(
        "call.conversation_insights.generated", {"call_control_id": "v3:x", "results": results}
    )
    assert [r.result for r in event.payload.results] == ["text", {"score": 4}]


def test_created_at_is_aware_when_present() -> None:
    event = _validate(
        "call.conversation.created",
        {"call_control_id": "v3:x"},
        created_at="2026-11-24T10:15:02.5Z",
    )
    assert event.created_at.utcoffset() is not None
    with pytest.raises(WebhookParseError, match="created_at"):
        _validate("call.conversation.created", {"call_control_id": "v3:x"}, created_at="2026-11-24")
