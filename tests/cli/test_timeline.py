"""The timeline shows a call and the other legs of its session, each marked, and the details."""

from __future__ import annotations

from typing import Any

from telnyx_gather.testing._timeline import one_call, timeline_rows


def _webhook(call: str, session: str, event_type: str, at: str, **payload: Any) -> dict[str, Any]:
    data = {
        "event_type": event_type,
        "occurred_at": f"2026-01-01T00:00:0{at}.000Z",
        "payload": {"call_control_id": call, "call_session_id": session, **payload},
    }
    return {
        "call_control_id": call,
        "event_id": f"{call}-{event_type}",
        "delivered": True,
        "attempts": [{"attempt": 1, "status": 200}],
        "body": {"data": data},
    }


LOG: dict[str, list[dict[str, Any]]] = {
    "commands": [
        {
            "occurred_at": "2026-01-01T00:00:01.000Z",
            "call_control_id": "a",
            "action": "transfer",
            "body": {"to": "+13125550142"},
        },
        {
            "occurred_at": "2026-01-01T00:00:01.000Z",
            "call_control_id": "other",
            "action": "hangup",
            "body": {},
        },
    ],
    "webhooks": [
        _webhook("a", "s1", "call.answered", "0"),
        _webhook("b", "s1", "call.initiated", "1", direction="outgoing"),
        _webhook("b", "s1", "call.hangup", "6", hangup_cause="timeout"),
        _webhook("other", "s2", "call.hangup", "2"),
    ],
}


def test_one_call_keeps_the_legs_of_its_session_only() -> None:
    mine = one_call(LOG, "a")
    assert {c["call_control_id"] for c in mine["commands"]} == {"a"}
    assert {w["call_control_id"] for w in mine["webhooks"]} == {"a", "b"}


def test_the_rows_mark_leg_b_and_show_what_each_step_carries() -> None:
    rows = [(name, detail) for _, _, name, detail in timeline_rows(one_call(LOG, "a"))]
    assert rows == [
        ("call.answered", "#1 200"),
        ("transfer", '"+13125550142"'),
        ("call.initiated", "direction outgoing  #1 200 [leg B]"),
        ("call.hangup", "hangup_cause timeout  #1 200 [leg B]"),
    ]
