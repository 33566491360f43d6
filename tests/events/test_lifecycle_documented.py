"""The lifecycle models against the SDK's generated types: every documented field is typed.

The `telnyx` SDK's types are generated from Telnyx's full OpenAPI spec, which
documents these three events (the gather cut in tests/spec/gather.json does not). A body
carrying every documented field parses with nothing left over in
`model_extra`, and the SDK reads the same values from it.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
import telnyx.types
from pydantic import BaseModel

from telnyx_gather import CallAnswered, CallHangup, CallInitiated, parse_event

HEADERS = {
    "custom_headers": [{"name": "X-Campaign", "value": "spring"}],
    "sip_headers": [
        {"name": "User-to-User", "value": "56a390f3d2b7310023a2;encoding=hex"},
        {"name": "Diversion", "value": "<sip:+15550100999@192.0.2.1>;reason=unconditional"},
    ],
}
COMMON: dict[str, Any] = {
    "call_control_id": "v3:R2F0aGVyLWRvY3VtZW50ZWQtY2FsbA",
    "call_leg_id": "2dc6fc34-f9e0-11ea-b68e-02420a0f6468",
    "call_session_id": "2dc1b3c8-f9e0-11ea-bc5a-02420a0f6468",
    "client_state": "eyJzdGVwIjoid2VsY29tZSJ9",
    "connection_id": "1440000000000000001",
    "from": "+15550100777",
    "to": "sip:ivr@example.sip.telnyx.com",
    "start_time": "2026-03-02T14:00:00.250000Z",
    "tags": ["support", "eu"],
    **HEADERS,
}
DOCUMENTED: dict[str, dict[str, Any]] = {
    "call.initiated": {
        **COMMON,
        "caller_id_name": "Front Desk",
        "call_screening_result": "not_screened",
        "connection_codecs": "G722,PCMU,PCMA",
        "offered_codecs": "PCMU,PCMA",
        "direction": "outgoing",
        "shaken_stir_attestation": "B",
        "shaken_stir_validated": False,
        "state": "bridging",
    },
    "call.answered": {**COMMON, "state": "answered"},
    "call.hangup": {
        **COMMON,
        "hangup_cause": "user_busy",
        "hangup_source": "callee",
        "sip_hangup_cause": "486",
        "state": "hangup",
        "call_quality_stats": {
            "inbound": {
                "jitter_max_variance": "11.08",
                "jitter_packet_count": "12",
                "mos": "3.91",
                "packet_count": "1204",
                "skip_packet_count": "31",
            },
            "outbound": {"packet_count": "1190", "skip_packet_count": "2"},
        },
    },
}
OURS: dict[str, type[BaseModel]] = {
    "call.initiated": CallInitiated,
    "call.answered": CallAnswered,
    "call.hangup": CallHangup,
}
SDK: dict[str, type[BaseModel]] = {
    "call.initiated": telnyx.types.CallInitiated,
    "call.answered": telnyx.types.CallAnswered,
    "call.hangup": telnyx.types.CallHangup,
}


def _wire_names(model: type[BaseModel]) -> set[str]:
    return {field.alias or name for name, field in model.model_fields.items()}


def _payload_model(model: type[BaseModel]) -> type[BaseModel]:
    annotation = model.model_fields["payload"].annotation
    candidates = [annotation, *getattr(annotation, "__args__", ())]
    return next(c for c in candidates if isinstance(c, type) and issubclass(c, BaseModel))


@pytest.mark.parametrize("event_type", list(OURS))
def test_every_field_the_sdk_documents_is_typed(event_type: str) -> None:
    ours, sdk = _payload_model(OURS[event_type]), _payload_model(SDK[event_type])
    assert _wire_names(sdk) <= _wire_names(ours)
    assert _wire_names(SDK[event_type]) <= _wire_names(OURS[event_type])
    assert set(DOCUMENTED[event_type]) == _wire_names(sdk)


@pytest.mark.parametrize("event_type", list(OURS))
def test_documented_body_parses_and_agrees_with_the_sdk(event_type: str) -> None:
    data = {
        "record_type": "event",
        "event_type": event_type,
        "id": "b9a3e5a1-0f43-4b53-9d2f-4fa1f0c1e7d2",
        "occurred_at": "2026-03-02T14:00:01.500000Z",
        "payload": DOCUMENTED[event_type],
    }
    event = parse_event(json.dumps({"data": data}))
    assert type(event) is OURS[event_type]
    assert event.model_extra == {}
    assert event.payload.model_extra == {}
    assert event.model_dump(mode="json", by_alias=True, exclude_unset=True) == data

    theirs = SDK[event_type].model_validate(data).model_dump(mode="json", by_alias=True)
    ours = event.model_dump(mode="json", by_alias=True)
    assert ours["payload"]["start_time"] == "2026-03-02T14:00:00.250000Z"
    for key, value in theirs["payload"].items():
        if key != "start_time":  # the SDK dumps it as +00:00, the same instant
            assert ours["payload"][key] == value, key
