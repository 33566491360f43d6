"""The call lifecycle: the five deliveries of a real call parse, and the lifecycle models' rules."""

from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import pytest
from syrupy.assertion import SnapshotAssertion

from telnyx_gather import (
    CallAnswered,
    CallHangup,
    CallInitiated,
    CallSpeakEnded,
    CallSpeakStarted,
    WebhookParseError,
    parse_event,
    parse_webhook,
)
from telnyx_gather.testing import call_hangup, call_initiated

CAPTURED = sorted((Path(__file__).parent / "captured").glob("*.json"))
CLASSES: dict[str, type[object]] = {
    "call.initiated": CallInitiated,
    "call.answered": CallAnswered,
    "call.speak.started": CallSpeakStarted,
    "call.speak.ended": CallSpeakEnded,
    "call.hangup": CallHangup,
}


def test_the_call_has_five_deliveries_in_order() -> None:
    kinds = [json.loads(path.read_bytes())["data"]["event_type"] for path in CAPTURED]
    assert kinds == list(CLASSES)


@pytest.mark.parametrize("path", CAPTURED, ids=[path.stem for path in CAPTURED])
def test_captured_delivery_parses_to_its_class(path: Path, snapshot: SnapshotAssertion) -> None:
    raw = path.read_bytes()
    wire: dict[str, Any] = json.loads(raw)["data"]
    webhook = parse_webhook(raw)
    event = webhook.data

    assert type(event) is CLASSES[wire["event_type"]]
    assert webhook.meta is not None
    assert webhook.meta.attempt == 1
    assert event.id == wire["id"]
    # Nothing is lost: every value comes back under its wire name, nothing is invented.
    assert event.model_dump(mode="json", by_alias=True, exclude_unset=True) == wire
    assert event.model_dump(mode="json", by_alias=True) == snapshot


def _captured(event_type: str) -> bytes:
    for path in CAPTURED:
        if json.loads(path.read_bytes())["data"]["event_type"] == event_type:
            return path.read_bytes()
    raise LookupError(event_type)


def test_initiated_fields() -> None:
    event = parse_event(_captured("call.initiated"))
    assert isinstance(event, CallInitiated)
    p = event.payload
    assert (p.direction, p.state, p.calling_party_type) == ("incoming", "parked", "pstn")
    assert p.client_state is None
    assert p.from_ == p.caller_id_name == "+15550100123"
    assert p.from_sip_uri == "5550100123@198.51.100.7:5060"
    assert p.start_time == datetime(2026, 11, 23, 9, 12, 40, 104217, tzinfo=timezone.utc)


def test_answered_keeps_fields_the_spec_omits() -> None:
    event = parse_event(_captured("call.answered"))
    assert isinstance(event, CallAnswered)
    assert event.payload.state == "answered"
    assert event.payload.model_extra == {"codec": "PCMU", "sampling_rate": 8000}


def test_hangup_quality_stats_stay_strings() -> None:
    event = parse_event(_captured("call.hangup"))
    assert isinstance(event, CallHangup)
    p = event.payload
    assert (p.hangup_cause, p.hangup_source, p.sip_hangup_cause) == (
        "normal_clearing",
        "callee",
        "unspecified",
    )
    assert p.call_quality_stats is not None
    assert p.call_quality_stats.inbound is not None
    assert p.call_quality_stats.inbound.mos == "4.50"
    assert p.call_quality_stats.outbound is not None
    assert p.call_quality_stats.outbound.packet_count == "571"
    assert p.tags == []


def test_quality_figures_sent_as_numbers_become_strings() -> None:
    stats = {"inbound": {"mos": 4.5, "packet_count": 591}, "outbound": {"skip_packet_count": 0}}
    event = parse_event(call_hangup(call_quality_stats=stats))
    assert isinstance(event, CallHangup)
    assert event.payload.call_quality_stats is not None
    assert event.payload.call_quality_stats.inbound is not None
    assert event.payload.call_quality_stats.inbound.mos == "4.5"
    assert event.payload.call_quality_stats.inbound.packet_count == "591"
    assert event.payload.call_quality_stats.outbound is not None
    assert event.payload.call_quality_stats.outbound.skip_packet_count == "0"


@pytest.mark.parametrize(
    ("raw", "why"),
    [
        (b"1e400", "must be a finite number"),
        (b"-1e400", "must be a finite number"),
        (b"true", "Input should be a valid string"),
        (b"[4.5]", "Input should be a valid string"),
    ],
)
def test_quality_figures_that_are_no_number_are_refused(raw: bytes, why: str) -> None:
    body = call_hangup()
    assert b'"mos":"4.50"' in body
    body = body.replace(b'"mos":"4.50"', b'"mos":' + raw)
    with pytest.raises(WebhookParseError, match=rf"inbound\.mos: {why}"):
        parse_event(body)


def test_values_added_later_keep_their_strings() -> None:
    event = parse_event(
        call_hangup(hangup_cause="moon_eclipse", hangup_source="network", state="gone")
    )
    assert isinstance(event, CallHangup)
    assert (event.payload.hangup_cause, event.payload.hangup_source) == ("moon_eclipse", "network")
    assert event.payload.state == "gone"


def test_sip_headers_are_typed() -> None:
    headers = [{"name": "User-to-User", "value": "1234"}, {"name": "X-Ref", "value": "a"}]
    event = parse_event(call_initiated(sip_headers=headers, custom_headers=headers[1:]))
    assert isinstance(event, CallInitiated)
    assert event.payload.sip_headers is not None
    assert [(h.name, h.value) for h in event.payload.sip_headers] == [
        ("User-to-User", "1234"),
        ("X-Ref", "a"),
    ]
    assert event.payload.custom_headers is not None
    assert event.payload.custom_headers[0].name == "X-Ref"


@pytest.mark.parametrize(
    ("field", "value", "where"),
    [
        ("start_time", "2026-11-23T09:12:40", "payload.start_time"),
        ("shaken_stir_validated", "perhaps", "payload.shaken_stir_validated"),
        ("sip_headers", [{"name": "Diversion"}], "payload.sip_headers.0.value"),
        ("call_control_id", None, "payload.call_control_id"),
    ],
)
def test_wrong_lifecycle_fields_are_refused(field: str, value: object, where: str) -> None:
    with pytest.raises(WebhookParseError, match=where.replace(".", r"\.")):
        parse_event(call_initiated(**{field: value}))


@pytest.mark.parametrize("event_type", ["call.speak.started", "call.speak.ended"])
def test_speak_events_without_parties_are_kept_whole(event_type: str) -> None:
    raw = _captured(event_type)
    event = parse_event(raw)
    assert isinstance(event, (CallSpeakStarted, CallSpeakEnded))
    payload = event.payload.model_dump(mode="json", by_alias=True, exclude_unset=True)
    assert payload == json.loads(raw)["data"]["payload"]
    assert "from" not in payload
    assert event.payload.model_extra == {}
    assert event.payload.client_state is None
