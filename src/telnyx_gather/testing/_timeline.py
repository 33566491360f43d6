"""A call's timeline: the commands the app sent and each webhook's attempts, by call time.

It reads the sandbox's log as JSON (`Sandbox.log()`, or `GET /_sandbox/log`
of a sandbox running elsewhere), so the demo, `telnyx-gather call` and
`CallFlow.timeline()` show the same thing. The log also lists the commands
the sandbox refused; each shows as `-x` with its status and the API's reason.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

__all__ = [
    "assistant_post",
    "failed_attempts",
    "one_call",
    "print_timeline",
    "render_timeline",
    "timeline_rows",
]

_FAULTS = {"fail_first": "answer dropped on purpose", "duplicate": "sent again on purpose"}
_SAID = ("payload", "audio_url", "media_name", "greeting", "to", "digits", "queue_name", "cause")
_SHOWN = (
    "direction",
    "digit",
    "digits",
    "status",
    "queue",
    "reason",
    "hangup_cause",
    "hangup_source",
    "result",
)
"""Payload fields a webhook's line shows, when they are text (an AI gather's `result` is not)."""
_LEGS = "ABCDEFGH"


def timeline_rows(
    log: Mapping[str, list[dict[str, Any]]],
    outcomes: Mapping[tuple[str, int], str] | None = None,
) -> list[tuple[float, str, str, str]]:
    """(seconds from the first row, arrow, name, detail) per command and webhook, in order.

    Args:
        log: The sandbox's log.
        outcomes: What the app did with each post, by (`data.id`, attempt),
            when the app can tell (the demo's router can).
    """
    calls = list(dict.fromkeys(w["call_control_id"] for w in log["webhooks"]))
    calls += [c["call_control_id"] for c in log["commands"] if c["call_control_id"] not in calls]

    def leg(call_control_id: str) -> str:
        index = calls.index(call_control_id)
        return f" [leg {_LEGS[index] if index < len(_LEGS) else index + 1}]" if index else ""

    rows = [
        (
            _time(c["occurred_at"]),
            "->",
            str(c["action"]),
            _command(c["body"]) + leg(c["call_control_id"]),
        )
        for c in log["commands"]
    ]
    rows += [
        (
            _time(r["occurred_at"]),
            "-x",
            str(r["action"]),
            f"REFUSED {r['status']}: {r['detail']}" + leg(r["call_control_id"]),
        )
        for r in log.get("refused", [])
    ]
    for webhook in log["webhooks"]:
        data = webhook["body"]["data"]
        detail = _posts(webhook, outcomes or {}) + leg(webhook["call_control_id"])
        rows.append((_time(data["occurred_at"]), "<-", data["event_type"], detail))
    for post in log.get("assistant", []):
        name = post["name"] if post["kind"] == "initialization" else f"tool {post['name']}"
        detail = assistant_post(post) + leg(post["call_control_id"])
        rows.append((_time(post["occurred_at"]), "<-", name, detail))
    rows.sort(key=lambda row: (round(row[0], 3), row[1] == "<-"))
    origin = rows[0][0] if rows else 0.0
    return [(at - origin, arrow, name, detail) for at, arrow, name, detail in rows]


def render_timeline(
    log: Mapping[str, list[dict[str, Any]]],
    outcomes: Mapping[tuple[str, int], str] | None = None,
) -> str:
    """`timeline_rows` as text, one line each under a ` call time` heading."""
    lines = [" call time"]
    for at, arrow, name, detail in timeline_rows(log, outcomes):
        lines.append(f"  {at:6.2f}s  {arrow}  {name:<26} {detail}".rstrip())
    return "\n".join(lines)


def print_timeline(
    log: Mapping[str, list[dict[str, Any]]],
    outcomes: Mapping[tuple[str, int], str] | None = None,
) -> None:
    """Print `render_timeline`."""
    print(render_timeline(log, outcomes))


def one_call(
    log: Mapping[str, list[dict[str, Any]]], call_control_id: str
) -> dict[str, list[dict[str, Any]]]:
    """The part of `log` about one call and the legs of its session (a transfer's leg B).

    Its commands, its webhooks, the commands the sandbox refused, and what
    an AI assistant posted to the app.
    """
    sessions = {
        w["body"]["data"]["payload"].get("call_session_id")
        for w in log["webhooks"]
        if w["call_control_id"] == call_control_id
    } - {None}
    calls = {call_control_id} | {
        w["call_control_id"]
        for w in log["webhooks"]
        if w["body"]["data"]["payload"].get("call_session_id") in sessions
    }
    return {
        "commands": [c for c in log["commands"] if c["call_control_id"] in calls],
        "webhooks": [w for w in log["webhooks"] if w["call_control_id"] in calls],
        "refused": [r for r in log.get("refused", []) if r["call_control_id"] in calls],
        "assistant": [p for p in log.get("assistant", []) if p["call_control_id"] in calls],
    }


def assistant_post(post: Mapping[str, Any]) -> str:
    """How an AI assistant's post to the app went: its status, or why it had no answer."""
    outcome = str(post["status"]) if post["status"] is not None else post.get("error") or "?"
    kind = " (async)" if post.get("async") else ""
    return f"{outcome}{kind}" + ("" if post["ok"] else "  FAILED")


def failed_attempts(webhook: Mapping[str, Any]) -> list[str]:
    """The attempts the app answered with other than a 2xx (or not at all), not on purpose.

    An attempt whose answer the sandbox dropped on purpose (`fail_first`) or
    that it sent again on purpose (`duplicate`) is left out.
    """
    failed: list[str] = []
    for attempt in webhook["attempts"]:
        status = attempt["status"]
        if attempt.get("fault") or (status is not None and 200 <= status < 300):
            continue
        failed.append(f"#{attempt['attempt']} {status or attempt.get('error') or 'no answer'}")
    return failed


def _time(occurred_at: str) -> float:
    return datetime.fromisoformat(occurred_at.replace("Z", "+00:00")).timestamp()


def _command(body: Mapping[str, Any]) -> str:
    for key in _SAID:
        if key in body:
            text = str(body[key])
            return f'"{text[:48]}..."' if len(text) > 48 else f'"{text}"'
    if isinstance(body.get("parameters"), dict):
        return "parameters: " + ", ".join(body["parameters"].get("properties", {}))
    return ""


def _posts(webhook: Mapping[str, Any], outcomes: Mapping[tuple[str, int], str]) -> str:
    payload: dict[str, Any] = webhook["body"]["data"].get("payload") or {}
    said = [f"{k} {payload[k]}" for k in _SHOWN if payload.get(k) and isinstance(payload[k], str)]
    attempts = webhook["attempts"]
    if not attempts:
        return ", ".join(said) + "  (logged: no webhook URL)"
    parts: list[str] = []
    for attempt in attempts:
        answer = attempt["status"] if attempt["status"] is not None else "no answer"
        text = f"#{attempt['attempt']} {answer}"
        outcome = outcomes.get((webhook["event_id"], attempt["attempt"]))
        if outcome is not None:
            text += f" {outcome}"
        if attempt.get("fault"):
            text += f" ({_FAULTS.get(attempt['fault'], attempt['fault'])})"
        parts.append(text)
    ending = "" if webhook["delivered"] else "  NEVER DELIVERED"
    detail = ", ".join(said)
    return (detail + "  " if detail else "") + ", ".join(parts) + ending
