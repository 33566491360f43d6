"""The timeline shows a call and the other legs of its session, each marked, and the details."""

from __future__ import annotations

from typing import Any

import pytest

from telnyx_gather._cli._call import _verdict
from telnyx_gather._cli._io import EXIT_FAILED
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


def _post(call: str, name: str, status: int | None, error: str | None = None) -> dict[str, Any]:
    ok = status is not None and 200 <= status < 300
    kind = "initialization" if name == "assistant.initialization" else "tool"
    return {
        "occurred_at": "2026-01-01T00:00:03.000Z",
        "call_control_id": call,
        "kind": kind,
        "name": name,
        "async": name == "confirm",
        "ok": ok,
        "status": status,
        "error": error,
    }


def test_the_assistant_posts_show_naming_the_tool_and_fail_the_verdict(
    capsys: pytest.CaptureFixture[str],
) -> None:
    log = {
        **LOG,
        "assistant": [
            _post("a", "assistant.initialization", 200),
            _post("a", "confirm", 200),
            _post("a", "book_table", None, "no answer within 200 ms"),
            _post("other", "lookup", 500),
        ],
    }
    mine = one_call(log, "a")
    rows = [(name, detail) for _, _, name, detail in timeline_rows(mine)]
    assert ("assistant.initialization", "200") in rows
    assert ("tool confirm", "200 (async)") in rows
    assert ("tool book_table", "no answer within 200 ms  FAILED") in rows
    assert "tool lookup" not in [name for name, _ in rows]

    assert _verdict(mine, True, 5.0) == EXIT_FAILED
    out = capsys.readouterr().out
    assert "FAILED: the assistant's tool book_table failed: no answer within 200 ms" in out
