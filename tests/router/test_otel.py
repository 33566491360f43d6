"""OpenTelemetry: spans and metrics of each delivery, read back from the SDK's in-memory exporters.

The providers are global to a process and set once: this module sets them for
the whole test session's process (joining the tracer provider a docs snippet
may have set before), and every test clears what they gathered.
"""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
from collections.abc import Iterator, Sequence

import pytest
from opentelemetry import metrics, trace
from opentelemetry.sdk.metrics import MeterProvider
from opentelemetry.sdk.metrics.export import InMemoryMetricReader
from opentelemetry.sdk.trace import ReadableSpan, TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from opentelemetry.trace import SpanKind, StatusCode

from telnyx_gather import (
    AsyncGatherClient,
    CallGatherEnded,
    GatherClient,
    Router,
    StopGather,
    WebhookVerifier,
    __version__,
)
from telnyx_gather.commands import Command
from telnyx_gather.router import command_id
from telnyx_gather.stores import MemoryStore
from telnyx_gather.testing import WebhookSigner, call_gather_ended
from tests.loopback import Recorder, Reply
from tests.router.conftest import API_KEY

SESSION = "428c31b6-abf3-3bc1-b7f4-5013ef9657c1"
"""The `call_session_id` the deliveries below name."""


class Telemetry:
    def __init__(self) -> None:
        self.spans = InMemorySpanExporter()
        self.reader = InMemoryMetricReader()
        tracer_provider = trace.get_tracer_provider()
        if not isinstance(tracer_provider, TracerProvider):  # else a docs snippet set one
            tracer_provider = TracerProvider()
            trace.set_tracer_provider(tracer_provider)
        tracer_provider.add_span_processor(SimpleSpanProcessor(self.spans))
        metrics.set_meter_provider(MeterProvider(metric_readers=[self.reader]))
        self.tracer = trace.get_tracer("tests")

    def finished(self) -> list[ReadableSpan]:
        return list(self.spans.get_finished_spans())

    def points(self, name: str) -> list[tuple[dict[str, object], float]]:
        """Each data point of the instrument `name`: its attributes and its sum or value."""
        data = self.reader.get_metrics_data()
        found = []
        for resource in data.resource_metrics if data else ():
            for scope in resource.scope_metrics:
                for metric in scope.metrics:
                    if metric.name == name:
                        for point in metric.data.data_points:
                            value = getattr(point, "value", None)
                            found.append((dict(point.attributes or {}), value or point.sum))  # type: ignore[attr-defined]
        return found


_ONE: list[Telemetry] = []


@pytest.fixture
def otel() -> Iterator[Telemetry]:
    if not _ONE:
        _ONE.append(Telemetry())
    telemetry = _ONE[0]
    telemetry.spans.clear()
    telemetry.reader.get_metrics_data()  # cumulative: the tests compare against a start
    yield telemetry
    telemetry.spans.clear()


def routed(verifier: WebhookVerifier, client: GatherClient | AsyncGatherClient) -> Router[None]:
    router = Router(verifier=verifier, client=client, store=MemoryStore())

    @router.on(CallGatherEnded)
    def ended(event: CallGatherEnded) -> Sequence[Command]:
        return [StopGather(), StopGather(client_state="e30=")]

    return router


def test_a_delivery_is_a_server_span_with_a_client_span_per_command(
    otel: Telemetry, verifier: WebhookVerifier, client: GatherClient, signer: WebhookSigner
) -> None:
    router = routed(verifier, client)
    body = call_gather_ended(event_id="ev-t1", call_control_id="v3:call-t", call_session_id=SESSION)
    router.handle(body, signer.sign(body))

    spans = otel.finished()
    server = next(s for s in spans if s.kind is SpanKind.SERVER)
    clients = [s for s in spans if s.kind is SpanKind.CLIENT]
    assert server.name == "process call.gather.ended"
    assert server.attributes is not None
    assert dict(server.attributes) == {
        "messaging.system": "telnyx",
        "messaging.operation.type": "process",
        "messaging.operation.name": "process",
        "messaging.destination.name": "call.gather.ended",
        "messaging.message.id": "ev-t1",
        "messaging.message.conversation_id": SESSION,
        "http.response.status_code": 200,
        "telnyx.delivery.outcome": "handled",
        "telnyx.delivery.commands": 2,
        "telnyx.call_control_id": "v3:call-t",
        "telnyx.call_session_id": SESSION,
    }
    assert server.status.status_code is StatusCode.UNSET
    assert [c.name for c in clients] == ["POST /v2/calls/{call_control_id}/actions/gather_stop"] * 2
    assert [c.parent.span_id for c in clients if c.parent] == [server.context.span_id] * 2
    assert [(c.attributes or {})["telnyx.command_id"] for c in clients] == [
        command_id("ev-t1", 0),
        command_id("ev-t1", 1),
    ]
    assert [dict(c.attributes or {}) for c in clients] == [
        {
            "http.request.method": "POST",
            "url.template": "/v2/calls/{call_control_id}/actions/gather_stop",
            "telnyx.command.action": "gather_stop",
            "telnyx.command_id": command_id("ev-t1", index),
            "telnyx.call_control_id": "v3:call-t",
        }
        for index in (0, 1)
    ]
    assert server.start_time is not None
    assert server.end_time is not None
    assert server.start_time < server.end_time  # an order of instants, not a duration
    for span in clients:
        assert span.start_time is not None
        assert span.end_time is not None
        assert server.start_time <= span.start_time <= span.end_time <= server.end_time
    first, second = clients
    assert first.end_time is not None
    assert second.start_time is not None
    assert first.end_time <= second.start_time  # one command after the other


def test_every_delivery_of_one_call_shares_a_trace_derived_from_its_session(
    otel: Telemetry, verifier: WebhookVerifier, client: GatherClient, signer: WebhookSigner
) -> None:
    router = routed(verifier, client)
    for event_id in ("ev-s1", "ev-s2", "ev-s1"):
        body = call_gather_ended(event_id=event_id)
        router.handle(body, signer.sign(body))
    servers = [s for s in otel.finished() if s.kind is SpanKind.SERVER]
    assert [(s.attributes or {})["telnyx.delivery.outcome"] for s in servers] == [
        "handled",
        "handled",
        "duplicate",
    ]
    assert len({s.context.trace_id for s in servers}) == 1
    assert all(s.parent is not None and s.parent.is_remote for s in servers)
    assert all([link.context.trace_id for link in s.links] == [s.context.trace_id] for s in servers)


def test_under_an_http_server_span_the_delivery_is_its_child_linked_to_the_call(
    otel: Telemetry, verifier: WebhookVerifier, client: GatherClient, signer: WebhookSigner
) -> None:
    router = routed(verifier, client)
    body = call_gather_ended(event_id="ev-h1", call_session_id=SESSION)
    with otel.tracer.start_as_current_span("POST /webhooks", kind=SpanKind.SERVER) as outer:
        router.handle(body, signer.sign(body))
    delivery = next(s for s in otel.finished() if s.name == "process call.gather.ended")
    assert delivery.parent is not None
    assert delivery.parent.span_id == outer.get_span_context().span_id
    assert delivery.context.trace_id == outer.get_span_context().trace_id
    [link] = delivery.links
    assert link.context.trace_id != delivery.context.trace_id
    assert (link.attributes or {})["telnyx.call_session_id"] == SESSION


def test_a_failed_send_is_an_error_on_both_spans_and_counted(
    otel: Telemetry,
    verifier: WebhookVerifier,
    client: GatherClient,
    signer: WebhookSigner,
    recorder: Recorder,
) -> None:
    failed_stop = {"telnyx.command.action": "gather_stop", "error": True}
    before = sum(v for a, v in otel.points("telnyx_gather.commands") if a == failed_stop)
    router = routed(verifier, client)
    recorder.reply(Reply(), Reply(status=500))
    body = call_gather_ended(event_id="ev-f1")
    outcome = router.handle(body, signer.sign(body))
    assert outcome.reason == "send_failed"

    spans = otel.finished()
    server = next(s for s in spans if s.kind is SpanKind.SERVER)
    clients = [s for s in spans if s.kind is SpanKind.CLIENT]
    assert server.status.status_code is StatusCode.ERROR
    assert server.status.description == "send_failed"
    assert (server.attributes or {})["error.type"] == "send_failed"
    assert [c.status.status_code for c in clients] == [StatusCode.UNSET, StatusCode.ERROR]
    assert clients[1].status.description == "send_failed"
    assert (clients[1].attributes or {})["error.type"] == "send_failed"
    after = sum(v for a, v in otel.points("telnyx_gather.commands") if a == failed_stop)
    assert after - before == 1  # counters are cumulative over the session: whatever ran first


def test_metrics_count_outcomes_and_time_handlers_with_low_cardinality_attributes(
    otel: Telemetry, verifier: WebhookVerifier, client: GatherClient, signer: WebhookSigner
) -> None:
    before = dict(_sums(otel.points("telnyx_gather.deliveries")))
    router = routed(verifier, client)
    for event_id in ("ev-m1", "ev-m2", "ev-m1"):
        body = call_gather_ended(event_id=event_id)
        router.handle(body, signer.sign(body))
    router.handle(b"{}", {})

    after = dict(_sums(otel.points("telnyx_gather.deliveries")))
    handled = ("call.gather.ended", "handled", 200)
    duplicate = ("call.gather.ended", "duplicate", 200)
    assert after[handled] - before.get(handled, 0) == 2
    assert after[duplicate] - before.get(duplicate, 0) == 1
    assert (
        after[(None, "unauthenticated", 401)] - before.get((None, "unauthenticated", 401), 0) == 1
    )
    allowed = {
        "messaging.destination.name",
        "telnyx.delivery.outcome",
        "http.response.status_code",
        "telnyx.command.action",
        "error",
    }
    for name in (
        "telnyx_gather.deliveries",
        "telnyx_gather.delivery.duration",
        "telnyx_gather.handler.duration",
        "telnyx_gather.commands",
    ):
        points = otel.points(name)
        assert points, name
        assert all(set(attributes) <= allowed for attributes, _ in points), name


def _sums(
    points: list[tuple[dict[str, object], float]],
) -> Iterator[tuple[tuple[object, object, object], float]]:
    for attributes, value in points:
        key = (
            attributes.get("messaging.destination.name"),
            attributes.get("telnyx.delivery.outcome"),
            attributes.get("http.response.status_code"),
        )
        yield key, value


def async_client(recorder: Recorder) -> AsyncGatherClient:
    return AsyncGatherClient(api_key=API_KEY, base_url=f"{recorder.url}/v2", max_retries=0)


def test_handle_async_records_the_same_spans(
    otel: Telemetry, verifier: WebhookVerifier, signer: WebhookSigner, recorder: Recorder
) -> None:
    async def scenario() -> None:
        async with async_client(recorder) as client:
            router = routed(verifier, client)
            body = call_gather_ended(event_id="ev-a1")
            await router.handle_async(body, signer.sign(body))

    asyncio.run(scenario())
    kinds = sorted(s.kind.name for s in otel.finished())
    assert kinds == ["CLIENT", "CLIENT", "SERVER"]


def test_a_delivery_cancelled_mid_send_ends_that_commands_span_in_error(
    otel: Telemetry, verifier: WebhookVerifier, signer: WebhookSigner, recorder: Recorder
) -> None:
    recorder.reply(Reply(), Reply(delay=30))  # the second send is still waiting when cancelled

    async def scenario() -> None:
        async with async_client(recorder) as client:
            router = routed(verifier, client)
            body = call_gather_ended(event_id="ev-c1")
            delivery = asyncio.create_task(router.handle_async(body, signer.sign(body)))
            for _ in range(3000):  # a bound on waiting, not a timing
                if len(recorder.requests) == 2:
                    break
                await asyncio.sleep(0.01)
            delivery.cancel()
            with pytest.raises(asyncio.CancelledError):
                await delivery

    asyncio.run(scenario())
    spans = otel.finished()
    server = next(s for s in spans if s.kind is SpanKind.SERVER)
    clients = [s for s in spans if s.kind is SpanKind.CLIENT]
    assert (server.attributes or {})["telnyx.delivery.outcome"] == "cancelled"
    assert [c.status.status_code for c in clients] == [StatusCode.UNSET, StatusCode.ERROR]
    assert (clients[1].attributes or {})["error.type"] == "cancelled"


@pytest.mark.parametrize(
    "imported",
    [("opentelemetry.trace",), ("opentelemetry.metrics",), ()],
    ids=["trace", "metrics", "neither"],
)
def test_either_half_of_opentelemetry_imported_turns_telemetry_on(
    monkeypatch: pytest.MonkeyPatch,
    verifier: WebhookVerifier,
    client: GatherClient,
    signer: WebhookSigner,
    imported: tuple[str, ...],
) -> None:
    from telnyx_gather.router import _observe

    monkeypatch.setattr(_observe, "_telemetry", [])  # as in a process that has not yet seen it
    for name in {"opentelemetry.trace", "opentelemetry.metrics"} - set(imported):
        monkeypatch.delitem(sys.modules, name)
    router = routed(verifier, client)
    for event_id in ("ev-half-1", "ev-half-2"):
        body = call_gather_ended(event_id=event_id)
        router.handle(body, signer.sign(body))

    made = [type(telemetry).__name__ for telemetry in _observe._telemetry]
    assert made == (["Telemetry"] if imported else [])  # one, made once


CHECK = """
import json, sys
from telnyx_gather import CallGatherEnded, Router, WebhookVerifier
from telnyx_gather.testing import WebhookSigner, call_gather_ended

class NoSends:
    def send(self, call_control_id, command):
        raise AssertionError

signer = WebhookSigner(b"k" * 32)
router = Router(verifier=WebhookVerifier(signer.public_key), client=NoSends())
router.on(CallGatherEnded)(lambda event: None)
body = call_gather_ended()
outcome = router.handle(body, signer.sign(body))
print(json.dumps({
    "reason": outcome.reason,
    "otel": sorted(m for m in sys.modules if m.startswith("opentelemetry")),
    "ours": "telnyx_gather.router._otel" in sys.modules,
}))
"""


def test_an_app_that_never_imports_opentelemetry_loads_none_of_it() -> None:
    out = subprocess.run(
        [sys.executable, "-c", CHECK], check=True, capture_output=True, text=True
    ).stdout
    assert json.loads(out) == {"reason": "handled", "otel": [], "ours": False}


INSTRUMENTS = {
    "telnyx_gather.deliveries": (
        "{delivery}",
        "Webhook deliveries the router answered, by outcome",
    ),
    "telnyx_gather.delivery.duration": ("s", "Time from a delivery's arrival to its answer"),
    "telnyx_gather.handler.duration": ("s", "Time the handler alone ran"),
    "telnyx_gather.commands": ("{command}", "Commands the router sent (or tried to), by action"),
}


def test_spans_and_instruments_name_the_library_and_their_units(
    otel: Telemetry, verifier: WebhookVerifier, client: GatherClient, signer: WebhookSigner
) -> None:
    router = routed(verifier, client)
    body = call_gather_ended(event_id="ev-scope")
    router.handle(body, signer.sign(body))

    scopes = {span.instrumentation_scope for span in otel.finished()}
    assert {(s.name, s.version) for s in scopes if s is not None} == {
        ("telnyx_gather", __version__)
    }
    data = otel.reader.get_metrics_data()
    assert data is not None
    ours = [
        scope
        for resource in data.resource_metrics
        for scope in resource.scope_metrics
        if scope.scope.name == "telnyx_gather"
    ]
    assert [(scope.scope.version) for scope in ours] == [__version__]
    assert {m.name: (m.unit, m.description) for m in ours[0].metrics} == INSTRUMENTS


def test_each_call_hangs_from_a_parent_of_its_own(
    otel: Telemetry, verifier: WebhookVerifier, client: GatherClient, signer: WebhookSigner
) -> None:
    router = routed(verifier, client)
    sessions = ("session-one", "session-two", "session-one")
    for index, session in enumerate(sessions):
        body = call_gather_ended(event_id=f"ev-p{index}", call_session_id=session)
        router.handle(body, signer.sign(body))

    servers = [s for s in otel.finished() if s.kind is SpanKind.SERVER]
    parents = [(s.parent.trace_id, s.parent.span_id) for s in servers if s.parent]
    assert len(parents) == 3
    assert parents[0] == parents[2]
    assert parents[0][0] != parents[1][0]
    assert parents[0][1] != parents[1][1]


@pytest.mark.parametrize(
    ("fails", "name", "status", "error"),
    [
        (True, "process call.gather.ended", StatusCode.ERROR, "handler_failed"),  # a 500
        (False, "process webhook", StatusCode.UNSET, None),  # a 401, before any event is read
    ],
    ids=["500", "401"],
)
def test_a_5xx_answer_and_no_other_is_an_error_span(
    otel: Telemetry,
    verifier: WebhookVerifier,
    client: GatherClient,
    signer: WebhookSigner,
    fails: bool,
    name: str,
    status: StatusCode,
    error: str | None,
) -> None:
    router = Router(verifier=verifier, client=client, store=MemoryStore())

    @router.on(CallGatherEnded)
    def ended(event: CallGatherEnded) -> None:
        raise RuntimeError("the handler broke")

    body = call_gather_ended(event_id="ev-500")
    router.handle(body, signer.sign(body) if fails else {})

    [server] = otel.finished()
    assert server.name == name
    assert server.status.status_code is status
    assert server.status.description == error
    assert (server.attributes or {}).get("error.type") == error


def _counts(otel: Telemetry, name: str) -> dict[tuple[tuple[str, object], ...], float]:
    """Each data point of the instrument `name` by its attributes: a histogram's count, a sum."""
    data = otel.reader.get_metrics_data()
    found: dict[tuple[tuple[str, object], ...], float] = {}
    for resource in data.resource_metrics if data else ():
        for scope in resource.scope_metrics:
            for metric in scope.metrics:
                if metric.name == name:
                    for point in metric.data.data_points:
                        key = tuple(sorted((point.attributes or {}).items()))
                        found[key] = getattr(point, "count", None) or point.value  # type: ignore[union-attr]
    return found


def test_each_instrument_gets_one_point_per_delivery_or_command_with_its_attributes(
    otel: Telemetry, verifier: WebhookVerifier, client: GatherClient, signer: WebhookSigner
) -> None:
    names = ("telnyx_gather.delivery.duration", "telnyx_gather.handler.duration")
    before = {name: _counts(otel, name) for name in (*names, "telnyx_gather.commands")}
    router = routed(verifier, client)
    body = call_gather_ended(event_id="ev-points")
    router.handle(body, signer.sign(body))

    handled = (
        ("http.response.status_code", 200),
        ("messaging.destination.name", "call.gather.ended"),
        ("telnyx.delivery.outcome", "handled"),
    )
    for name in names:
        assert _counts(otel, name)[handled] - before[name].get(handled, 0) == 1, name
    sent = (("error", False), ("telnyx.command.action", "gather_stop"))
    commands = _counts(otel, "telnyx_gather.commands")
    assert commands[sent] - before["telnyx_gather.commands"].get(sent, 0) == 2
