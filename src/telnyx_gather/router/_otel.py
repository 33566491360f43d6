"""OpenTelemetry for the router: a span per delivery, one per command, and four instruments.

Loaded only once the app has imported `opentelemetry` (see `_observe`), so an
app without it pays nothing. Depends on `opentelemetry-api` alone (the `otel`
extra): the app's SDK, configured its own way, decides where the data goes.

Spans (only while a tracer provider is set; none at all before):

- one `SERVER` span per delivery, named `process <event_type>` as the
  messaging conventions name a consumer's processing, with the messaging
  attributes (`messaging.system` `telnyx`, the event type as
  `messaging.destination.name`, the event id as `messaging.message.id`, the
  call's `call_session_id` as `messaging.message.conversation_id`) and the
  HTTP answer (`http.response.status_code`; a 5xx answer is an error,
  `error.type` the router's reason);
- one `CLIENT` span per command sent, its child, named `POST <url.template>`
  as the HTTP client conventions name it, with the command's action and
  `command_id`;
- each delivery's span is linked to its call: with no span current (no
  HTTP instrumentation around the router), every delivery of one call lands
  in one trace whose id is derived from the `call_session_id`; under an
  HTTP server span it stays that span's child and carries a link to the
  call's trace instead.

Instruments (through the global meter provider; no-ops until one is set),
with low-cardinality attributes only (the event type, the outcome, the
status, the command's action; never an id):

- `telnyx_gather.deliveries` (counter), `telnyx_gather.delivery.duration`
  and `telnyx_gather.handler.duration` (histograms, seconds),
  `telnyx_gather.commands` (counter).
"""

from __future__ import annotations

import math
import time
import uuid
from typing import TYPE_CHECKING

from opentelemetry import metrics, trace
from opentelemetry.trace import Link, SpanContext, SpanKind, Status, StatusCode, TraceFlags

from .._version import __version__
from ._delivery import Outcome
from ._routes import payload_field

if TYPE_CHECKING:
    from collections.abc import Callable

    from opentelemetry.util.types import AttributeValue

    from ._delivery import Delivery

__all__ = ["Telemetry"]

_RECHECK = 0.001
"""Seconds between two looks for a tracer provider while none is set."""

_REMEMBERED = 1024
"""How many (outcome, event type) attribute sets `Telemetry` keeps made."""

_SCOPE = "telnyx_gather"
_CALLS = uuid.UUID("6f1d0c9e-2b1f-4c47-9a55-7c3f4f0a8d21")
"""Namespace of the trace ids derived from `call_session_id`s."""


def call_context(call_session_id: str) -> SpanContext:
    """The span context every delivery of one call hangs from (a trace id derived from it)."""
    ids = uuid.uuid5(_CALLS, call_session_id).int
    return SpanContext(
        trace_id=ids,
        span_id=(ids & 0xFFFF_FFFF_FFFF_FFFF) or 1,
        is_remote=True,
        trace_flags=TraceFlags(TraceFlags.SAMPLED),
    )


class Telemetry:
    """The router's tracer and instruments, and how one delivery is recorded."""

    def __init__(self) -> None:
        self.tracer = trace.get_tracer(_SCOPE, __version__)
        meter = metrics.get_meter(_SCOPE, __version__)
        self.deliveries = meter.create_counter(
            "telnyx_gather.deliveries",
            unit="{delivery}",
            description="Webhook deliveries the router answered, by outcome",
        )
        self.delivery_time = meter.create_histogram(
            "telnyx_gather.delivery.duration",
            unit="s",
            description="Time from a delivery's arrival to its answer",
        )
        self.handler_time = meter.create_histogram(
            "telnyx_gather.handler.duration",
            unit="s",
            description="Time the handler alone ran",
        )
        self.commands = meter.create_counter(
            "telnyx_gather.commands",
            unit="{command}",
            description="Commands the router sent (or tried to), by action",
        )
        self._common: dict[tuple[str, str | None], dict[str, AttributeValue]] = {}
        self._traced = False
        self._recheck_at = -math.inf

    def record(self, outcome: Outcome, started: float, delivery: Delivery | None) -> None:
        """Count `outcome` and, while a tracer provider is set, export its spans."""
        ended = time.monotonic()
        found: object = getattr(outcome.event, "event_type", None)
        event_type = found if isinstance(found, str) else None
        common = self._common.get((outcome.reason, event_type))
        if common is None:
            common = self._remember(outcome, event_type)
        self.deliveries.add(1, common)
        self.delivery_time.record(ended - started, common)
        if delivery is not None and delivery.handler_seconds is not None:
            self.handler_time.record(delivery.handler_seconds, common)
        for command in outcome.sent:
            self.commands.add(1, {"telnyx.command.action": command.action, "error": False})
        pending = None if delivery is None else delivery.pending()
        if pending is not None:  # its send started and never ended well
            self.commands.add(1, {"telnyx.command.action": pending.action, "error": True})
        if self._tracing(ended):
            self._spans(outcome, event_type, started, ended, delivery)

    def _tracing(self, now: float) -> bool:
        """Whether a tracer provider is set; without one, asked again at most once per `_RECHECK`.

        The API's check reads the environment each time while none is set; a
        provider once set stays set.
        """
        if self._traced:
            return True
        if now < self._recheck_at:
            return False
        self._traced = not isinstance(trace.get_tracer_provider(), trace.ProxyTracerProvider)
        self._recheck_at = now + _RECHECK
        return self._traced

    def _remember(self, outcome: Outcome, event_type: str | None) -> dict[str, AttributeValue]:
        """The attributes every instrument gets for this outcome and event type, made once."""
        common: dict[str, AttributeValue] = {
            "telnyx.delivery.outcome": outcome.reason,
            "http.response.status_code": outcome.status,
        }
        if event_type is not None:
            common["messaging.destination.name"] = event_type
        if len(self._common) < _REMEMBERED:
            self._common[(outcome.reason, event_type)] = common
        return common

    def _spans(
        self,
        outcome: Outcome,
        event_type: str | None,
        started: float,
        ended: float,
        delivery: Delivery | None,
    ) -> None:
        wall = time.time_ns()

        def ns(instant: float) -> int:
            return wall - int((ended - instant) * 1e9)

        event = outcome.event
        attributes: dict[str, AttributeValue] = {
            "messaging.system": "telnyx",
            "messaging.operation.type": "process",
            "messaging.operation.name": "process",
            "http.response.status_code": outcome.status,
            "telnyx.delivery.outcome": outcome.reason,
            "telnyx.delivery.commands": len(outcome.sent),
        }
        if event_type is not None:
            attributes["messaging.destination.name"] = event_type
        found_id: object = getattr(event, "id", None)
        if isinstance(found_id, str):
            attributes["messaging.message.id"] = found_id
        call = payload_field(event, "call_control_id")
        if call is not None:
            attributes["telnyx.call_control_id"] = call
        session = payload_field(event, "call_session_id")
        links: list[Link] = []
        parent = None
        if session is not None:
            attributes["messaging.message.conversation_id"] = session
            attributes["telnyx.call_session_id"] = session
            linked = call_context(session)
            links.append(Link(linked, {"telnyx.call_session_id": session}))
            if not trace.get_current_span().get_span_context().is_valid:
                parent = trace.set_span_in_context(trace.NonRecordingSpan(linked))
        if outcome.status >= 500:
            attributes["error.type"] = outcome.reason
        name = f"process {event_type}" if event_type else "process webhook"
        span = self.tracer.start_span(
            name,
            context=parent,
            kind=SpanKind.SERVER,
            attributes=attributes,
            links=links,
            start_time=ns(started),
        )
        if outcome.status >= 500:
            span.set_status(Status(StatusCode.ERROR, outcome.reason))
        if delivery is not None:
            self._commands(span, outcome, delivery, call, ns, ended)
        span.end(end_time=ns(ended))

    def _commands(
        self,
        server: trace.Span,
        outcome: Outcome,
        delivery: Delivery,
        call: str | None,
        ns: Callable[[float], int],
        ended: float,
    ) -> None:
        context = trace.set_span_in_context(server)
        marks = delivery.marks
        for index in range(0, len(marks), 2):
            position = index // 2
            done = position < len(outcome.sent)
            command = outcome.sent[position] if done else delivery.pending()
            if command is None:
                break
            template = f"/v2/calls/{{call_control_id}}/actions/{command.action}"
            attributes: dict[str, AttributeValue] = {
                "http.request.method": "POST",
                "url.template": template,
                "telnyx.command.action": command.action,
            }
            if command.command_id is not None:
                attributes["telnyx.command_id"] = command.command_id
            if call is not None:
                attributes["telnyx.call_control_id"] = call
            if not done:
                attributes["error.type"] = outcome.reason
            span = self.tracer.start_span(
                f"POST {template}",
                context=context,
                kind=SpanKind.CLIENT,
                attributes=attributes,
                start_time=ns(marks[index]),
            )
            if not done:
                span.set_status(Status(StatusCode.ERROR, outcome.reason))
            span.end(end_time=ns(marks[index + 1] if done else ended))
