"""Fixtures for the sandbox tests: a fast sandbox, the real telnyx client, and normalisers."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import datetime
from typing import Any

import pytest
import telnyx

from telnyx_gather.events import EVENT_TYPES
from telnyx_gather.testing import Delivery, Sandbox

FAST = 0.001
"""Time scale for the tests: a 60 s timeout passes in 60 ms."""

_IDS = ("call_control_id", "call_leg_id", "call_session_id", "conversation_id")
_TIMES = ("start_time", "end_time")


@pytest.fixture
def sandbox() -> Iterator[Sandbox]:
    with Sandbox(time_scale=FAST) as box:
        yield box
        assert_typed(box.deliveries)


def assert_typed(deliveries: list[Delivery]) -> None:
    """Every webhook the sandbox sent validates into its own model (when it has one)."""
    for delivery in deliveries:
        event = delivery.event
        expected = EVENT_TYPES.get(delivery.event_type)
        assert expected is None or type(event) is expected, delivery.event_type


@pytest.fixture
def client(sandbox: Sandbox) -> Iterator[telnyx.Telnyx]:
    with telnyx.Telnyx(api_key=sandbox.api_key, base_url=sandbox.base_url, max_retries=0) as c:
        yield c


def timeline(deliveries: list[Delivery], *, times: bool = True) -> list[dict[str, Any]]:
    """Deliveries as comparable dicts: ids blanked, times relative to the first event."""
    rows: list[dict[str, Any]] = []
    start: datetime | None = None
    for delivery in deliveries:
        data = json.loads(delivery.body)["data"]
        occurred = datetime.fromisoformat(data["occurred_at"].replace("Z", "+00:00"))
        start = start or occurred
        payload = {
            k: "<id>" if k in _IDS else "<time>" if k in _TIMES else v
            for k, v in data["payload"].items()
        }
        row: dict[str, Any] = {"event_type": data["event_type"], "payload": payload}
        if times:
            row["t"] = round((occurred - start).total_seconds(), 3)
        rows.append(row)
    return rows


def statuses(deliveries: list[Delivery]) -> list[tuple[str, str | None]]:
    """(event_type, status or digit) per delivery: the short form of a sequence."""
    out: list[tuple[str, str | None]] = []
    for delivery in deliveries:
        payload = json.loads(delivery.body)["data"]["payload"]
        out.append((delivery.event_type, payload.get("status", payload.get("digit"))))
    return out
