"""The routes as data and as a Mermaid diagram; the docs show the IVR example's exactly."""

from __future__ import annotations

import asyncio
import re
import sys
from pathlib import Path

from telnyx_gather import CallAnswered, CallInitiated, WebhookVerifier, parse_event
from telnyx_gather.client import GatherClient
from telnyx_gather.router import (
    Outcome,
    RouteKey,
    Router,
    observe_routers,
    route_taken,
    routes_of,
)
from telnyx_gather.testing import (
    RouteCoverage,
    WebhookSigner,
    call_answered,
    call_hangup,
    call_initiated,
)
from tests.loopback import Recorder
from tests.testing.replay_app import make_app

ROOT = Path(__file__).resolve().parents[2]


def _ivr() -> Router[object]:
    sys.path.insert(0, str(ROOT / "examples"))
    try:
        from ivr import build  # type: ignore[import-not-found]  # pyright: ignore[reportMissingImports]
    finally:
        sys.path.remove(str(ROOT / "examples"))

    class Offline:
        def send(self, call_control_id: str, command: object, /) -> object:
            raise AssertionError("drawing never sends")

    router: Router[object] = build(WebhookVerifier(WebhookSigner().public_key), Offline())  # pyright: ignore[reportUnknownVariableType]
    return router


def test_the_docs_show_the_ivr_examples_diagram() -> None:
    page = (ROOT / "docs" / "flows.md").read_text()
    blocks = re.findall(r"```mermaid\n(.*?)```", page, re.S)
    assert blocks == [_ivr().to_mermaid()]


def test_handlers_declare_what_they_return_in_their_annotation() -> None:
    _, router = make_app("http://127.0.0.1:9/v2", "KEY", WebhookSigner().public_key)
    returns = {str(info.key): info.returns for info in routes_of(router)}
    assert returns == {
        "call.initiated": ("Answer",),
        "call.answered": ("GatherUsingSpeak",),
        "call.gather.ended at menu": ("GatherUsingSpeak", "Hangup"),
        "call.gather.ended at account": ("Hangup",),
        "call.hangup": (),
    }
    diagram = router.to_mermaid()
    assert 'state "call.gather.ended at menu" as r3' in diagram
    assert "r3 : returns GatherUsingSpeak, Hangup" in diagram
    assert "r5 : returns nothing" in diagram
    assert "[*] --> r1" in diagram
    assert "r5 --> [*]" in diagram


def test_coverage_observes_routes_and_transitions(recorder: Recorder) -> None:
    signer = WebhookSigner()
    client = GatherClient(api_key="KEY", base_url=recorder.url, max_retries=0)
    router = Router(verifier=WebhookVerifier(signer.public_key), client=client)

    @router.on(CallInitiated)
    def ring(event: CallInitiated) -> None:
        return None

    @router.on(CallAnswered)
    def answered(event: CallAnswered) -> None:
        return None

    coverage = RouteCoverage()
    stop = observe_routers(coverage)
    try:
        for body in (call_initiated(call_control_id="c1"), call_answered(call_control_id="c1")):
            assert router.handle(body, signer.sign(body)).status == 200
    finally:
        stop()
        stop()  # twice is fine
    after = call_answered(call_control_id="c1")  # no longer observed
    assert router.handle(after, signer.sign(after)).status == 200
    edge = (RouteKey("call.initiated"), RouteKey("call.answered"))
    assert coverage.transitions() == [edge]
    assert coverage.percent == 100.0
    assert "r1 --> r2 : seen 1x" in router.to_mermaid(coverage.transitions())
    assert route_taken(router, parse_event(call_initiated())) == RouteKey("call.initiated")
    assert route_taken(router, parse_event(call_hangup())) is None


class _Watch:
    """A recorder that notes (router, body, reason) of every delivery it is shown."""

    def __init__(self, seen: list[tuple[object, object, str]]) -> None:
        self.seen = seen

    def record(self, router: object, body: object, outcome: Outcome) -> None:
        self.seen.append((router, body, outcome.reason))


def _watched_router(recorder: Recorder) -> tuple[WebhookSigner, Router[None]]:
    """A signer, and a router that handles `call.initiated` with nothing to send."""
    signer = WebhookSigner()
    client = GatherClient(api_key="KEY", base_url=recorder.url, max_retries=0)
    router: Router[None] = Router(verifier=WebhookVerifier(signer.public_key), client=client)
    router.on(CallInitiated)(lambda event: None)
    return signer, router


def test_observers_see_each_delivery_as_the_routers_own_recorder_does(recorder: Recorder) -> None:
    signer, router = _watched_router(recorder)
    seen: list[tuple[object, object, str]] = []
    router.recorder = _Watch(seen)
    stop = observe_routers(_Watch(seen))
    body = call_initiated()
    try:
        router.handle(body, signer.sign(body))
    finally:
        stop()
    assert seen == [(router, body, "handled")] * 2


def test_an_observer_alone_sees_the_deliveries_of_handle_and_handle_async(
    recorder: Recorder,
) -> None:
    signer, router = _watched_router(recorder)
    seen: list[tuple[object, object, str]] = []
    first, second = call_initiated(event_id="ev-sync"), call_initiated(event_id="ev-async")
    stop = observe_routers(_Watch(seen))  # and no recorder of the router's own
    try:
        router.handle(first, signer.sign(first))
        asyncio.run(router.handle_async(second, signer.sign(second)))
    finally:
        stop()
    assert seen == [(router, first, "handled"), (router, second, "handled")]
