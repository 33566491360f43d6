"""What `routes_of`, `route_taken` and `to_mermaid` say about steps, AI results and odd handlers."""

from __future__ import annotations

import functools
from collections.abc import Coroutine
from dataclasses import dataclass
from types import SimpleNamespace
from typing import Any

import pytest
from pydantic import BaseModel

from telnyx_gather import (
    CallAIGatherEnded,
    CallAnswered,
    CallGatherEnded,
    CallHangup,
    CallInitiated,
    GatherClient,
    Hangup,
    Router,
    Speak,
    StopGather,
    UnknownEvent,
    WebhookVerifier,
    encode_client_state,
    parse_event,
)
from telnyx_gather.commands import Command
from telnyx_gather.router import RouteKey, route_taken, routes_of
from telnyx_gather.router._routes import payload_field
from telnyx_gather.testing import call_ai_gather_ended, call_gather_ended

HERE = __name__


class Flow(BaseModel):
    step: str


class Profile(BaseModel):
    age: int


class Custom(BaseModel):
    """A model registered as an event class, with no `event_type` tag of its own."""


def _answered(event: CallAnswered, tone: str) -> None:
    return None


def _router(verifier: WebhookVerifier, client: GatherClient) -> Router[Flow]:
    router = Router(verifier=verifier, client=client, state=Flow)

    @router.on(CallGatherEnded, step='X:"menu"')
    def menu(event: CallGatherEnded, state: Flow) -> tuple[Speak, Hangup]:
        return Speak(payload="hi", voice="female"), Hangup()

    @router.on(CallGatherEnded)
    def plain(event: CallGatherEnded) -> Command:
        return StopGather()

    @router.on(CallAIGatherEnded, result=Profile)
    def booked(event: CallAIGatherEnded, profile: Profile) -> Coroutine[Any, Any, Hangup]:
        raise AssertionError("never delivered here")

    @router.on(UnknownEvent)
    def unknown(event: UnknownEvent) -> dict[str, Hangup]:
        return {}

    router.on(Custom)(lambda event: None)
    router.on(CallAnswered)(functools.partial(_answered, tone="beep"))  # no __qualname__
    router.on(CallHangup)([].append)  # a builtin method: its __module__ is None
    router.on(CallInitiated)(object().__eq__)  # a slot wrapper: no __module__ at all
    return router


def test_routes_of_names_each_route_its_handler_and_what_it_returns(
    verifier: WebhookVerifier, client: GatherClient
) -> None:
    infos = routes_of(_router(verifier, client))
    local = f"{HERE}._router.<locals>"
    assert [(info.key, info.handler, info.returns) for info in infos] == [
        (RouteKey("call.gather.ended", 'X:"menu"'), f"{local}.menu", ("Hangup", "Speak")),
        (RouteKey("call.gather.ended"), f"{local}.plain", ("any command",)),
        (RouteKey("UnknownEvent"), f"{local}.unknown", ()),
        (RouteKey("Custom"), f"{local}.<lambda>", None),
        (RouteKey("call.answered"), "functools.partial", None),
        (RouteKey("call.hangup"), "?.list.append", None),
        (RouteKey("call.initiated"), "?.object.__eq__", None),
        (RouteKey("call.ai_gather.ended", None, "Profile"), f"{local}.booked", ("Hangup",)),
    ]


def test_route_taken_follows_the_step_and_the_ai_result(
    verifier: WebhookVerifier, client: GatherClient
) -> None:
    router = _router(verifier, client)
    at_menu = call_gather_ended(client_state=encode_client_state(Flow(step='X:"menu"')))
    elsewhere = call_gather_ended(client_state=encode_client_state(Flow(step="other")))
    fits = call_ai_gather_ended(result={"age": "29"})
    misfit = call_ai_gather_ended(result={"age": "old"})

    assert route_taken(router, parse_event(at_menu)) == RouteKey("call.gather.ended", 'X:"menu"')
    assert route_taken(router, parse_event(elsewhere)) == RouteKey("call.gather.ended")
    assert route_taken(router, parse_event(fits)) == RouteKey(
        "call.ai_gather.ended", None, "Profile"
    )
    assert route_taken(router, parse_event(misfit)) is None  # no plain handler to fall to
    assert str(RouteKey("call.ai_gather.ended", None, "Profile")) == (
        "call.ai_gather.ended as Profile"
    )


def test_the_diagram_cleans_labels_and_leaves_out_edges_to_unknown_routes(
    verifier: WebhookVerifier, client: GatherClient
) -> None:
    router = _router(verifier, client)
    menu, plain = RouteKey("call.gather.ended", 'X:"menu"'), RouteKey("call.gather.ended")
    diagram = router.to_mermaid(
        [(menu, plain), (menu, plain), (plain, RouteKey("call.nowhere")), (RouteKey("x"), menu)]
    )
    assert diagram.splitlines() == [
        "stateDiagram-v2",
        "    direction LR",
        '    state "call.gather.ended at X  menu " as r1',
        "    r1 : returns Hangup, Speak",
        '    state "call.gather.ended" as r2',
        "    r2 : returns any command",
        '    state "UnknownEvent" as r3',
        "    r3 : returns nothing",
        '    state "Custom" as r4',
        '    state "call.answered" as r5',
        '    state "call.hangup" as r6',
        '    state "call.initiated" as r7',
        '    state "call.ai_gather.ended as Profile" as r8',
        "    r8 : returns Hangup",
        "    [*] --> r7",
        "    r1 --> r2 : seen 2x",
        "    r6 --> [*]",
    ]


@pytest.mark.parametrize(
    "payload", [{"call_control_id": 5}, SimpleNamespace(call_control_id=5)], ids=["dict", "model"]
)
def test_a_payload_field_that_is_not_text_reads_as_absent(payload: object) -> None:
    assert payload_field(SimpleNamespace(payload=payload), "call_control_id") is None
    assert payload_field(SimpleNamespace(payload=payload), "missing") is None


@dataclass
class Steps:
    """A state type that is not a Pydantic model (no `model_fields` to check)."""

    step: str


def test_a_state_type_without_model_fields_still_routes_on_step(
    verifier: WebhookVerifier, client: GatherClient
) -> None:
    router = Router(verifier=verifier, client=client, state=Steps)
    router.on(CallGatherEnded, step="menu")(lambda event, state: None)
    assert [route.key for route in routes_of(router)] == [RouteKey("call.gather.ended", "menu")]


def test_a_class_with_only_step_handlers_is_routed_by_step(
    verifier: WebhookVerifier, client: GatherClient
) -> None:
    router = Router(verifier=verifier, client=client, state=Flow)
    router.on(CallGatherEnded, step="menu")(lambda event, state: None)
    at_menu = call_gather_ended(client_state=encode_client_state(Flow(step="menu")))
    assert route_taken(router, parse_event(at_menu)) == RouteKey("call.gather.ended", "menu")
