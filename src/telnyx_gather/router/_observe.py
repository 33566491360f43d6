"""One structured log record per delivery, for apps that want to watch the flow.

Each record goes to the `telnyx_gather.router` logger at INFO (WARNING for a
503 or 5xx answer) with these attributes, ready for a JSON formatter:
`event_id`, `event_type`, `call_control_id`, `outcome` (the `Reason`),
`status`, `commands` (how many were sent) and `duration_ms`. No payload
field other than the call's id is logged: no phone numbers, no transcripts.
Nothing is built unless the logger is enabled for the record's level.

OpenTelemetry (`_otel`: spans, counters, histograms) is recorded once the
process has imported `opentelemetry`: until then, which is always when it is
not installed, a delivery pays one dictionary lookup for it and nothing is
imported.
"""

from __future__ import annotations

import logging
import sys
import time
from typing import TYPE_CHECKING

from .._errors import safe_repr
from ._delivery import STATUS, Delivery, Outcome
from ._routes import payload_field

if TYPE_CHECKING:
    from ._otel import Telemetry

__all__ = ["observed"]

logger = logging.getLogger("telnyx_gather.router")

_telemetry: list[Telemetry] = []
"""The router's `Telemetry`, made at the first delivery after `opentelemetry` was imported."""


def _otel() -> Telemetry:
    from ._otel import Telemetry

    if not _telemetry:
        _telemetry.append(Telemetry())
    return _telemetry[0]


def observed(outcome: Outcome, started: float, delivery: Delivery | None = None) -> Outcome:
    """Record `outcome` (a log record if the logger takes it, OpenTelemetry if loaded)."""
    telemetry: Telemetry | None
    if _telemetry:
        telemetry = _telemetry[0]
    else:
        modules = sys.modules
        otel = "opentelemetry.trace" in modules or "opentelemetry.metrics" in modules
        telemetry = _otel() if otel else None
    if telemetry is not None:
        telemetry.record(outcome, started, delivery)
    status = STATUS[outcome.reason]
    level = logging.INFO if status < 500 else logging.WARNING
    if not logger.isEnabledFor(level):
        return outcome
    duration_ms = round((time.monotonic() - started) * 1000, 3)
    event = outcome.event  # a parsed event: its `id` and `event_type` are str (or None)
    event_id: str | None = getattr(event, "id", None)
    event_type: str | None = getattr(event, "event_type", None)
    fields: dict[str, object] = {
        "event_id": event_id,
        "event_type": event_type,
        "call_control_id": payload_field(event, "call_control_id"),
        "outcome": outcome.reason,
        "status": status,
        "commands": len(outcome.sent),
        "duration_ms": duration_ms,
    }
    logger.log(
        level,
        "delivery %s %s: %s (%d) in %.1f ms",
        safe_repr(event_type or "<rejected>"),
        safe_repr(event_id or "<no id>"),
        outcome.reason,
        status,
        duration_ms,
        extra=fields,
    )
    return outcome
