"""Answering machine detection in the sandbox: `dial` and `transfer`'s leg B, once answered.

The callee's `answered_by` (a `Human` or a `Machine`) decides the results;
the command's `answering_machine_detection` mode decides which webhooks say
them, as the spec describes. Sent with the unmodified telnyx client, and
through a Router app served over HTTP.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

import pytest
import telnyx
from syrupy.assertion import SnapshotAssertion

from telnyx_gather import (
    Answer,
    CallAnswered,
    CallInitiated,
    CallMachineDetectionEnded,
    CallMachineGreetingEnded,
    CallSpeakEnded,
    Dial,
    Hangup,
    Speak,
    WebhookVerifier,
)
from telnyx_gather.client import GatherClient
from telnyx_gather.integrations.wsgi import request_parts
from telnyx_gather.router import Router
from telnyx_gather.testing import CallFlow, Human, Machine, Sandbox
from telnyx_gather.testing._apps import serve_app

from .conftest import FAST, assert_typed

PATIENT = "+13125550177"
CLINIC = "+13125550100"
VOICE = "Telnyx.KokoroTTS.af"


def results(sandbox: Sandbox, call_control_id: str) -> list[tuple[str, str | None]]:
    """(event_type, result) of each webhook about one call, once the sandbox is idle."""
    sandbox.wait_idle()
    rows: list[tuple[str, str | None]] = []
    for delivery in sandbox.deliveries:
        if delivery.call_control_id == call_control_id:
            payload = json.loads(delivery.body)["data"]["payload"]
            rows.append((delivery.event_type, payload.get("result")))
    return rows


def dial(client: telnyx.Telnyx, mode: str | None, to: str = PATIENT, **config: Any) -> str:
    extra: dict[str, Any] = {} if mode is None else {"answering_machine_detection": mode}
    if config:
        extra["answering_machine_detection_config"] = config
    dialled = client.calls.dial(connection_id="c1", from_=CLINIC, to=to, **extra)
    assert dialled.data is not None
    return dialled.data.call_control_id


ANSWERERS = {
    "human": Human(),
    "human at work": Human(business=True),
    "machine, beep": Machine(greeting=6),
    "machine, silence": Machine(greeting=6, beep=False),
    "machine, beep before detection": Machine(greeting=1),
}
MODES = [
    "detect",
    "detect_beep",
    "detect_words",
    "greeting_end",
    "premium",
    "premium_ios_call_screening_detection",  # the SDK's; the sandbox runs it as premium
]


def test_each_mode_sends_the_webhooks_the_spec_lists(
    sandbox: Sandbox, client: telnyx.Telnyx, snapshot: SnapshotAssertion
) -> None:
    legs: dict[tuple[str, str], str] = {}
    for number, (name, answered_by) in enumerate(ANSWERERS.items()):
        to = f"+1312555020{number}"
        sandbox.callee(to, answer_after=2, answered_by=answered_by)
        for mode in MODES:
            legs[name, mode] = dial(client, mode, to=to)
    table = {
        name: {
            mode: results(sandbox, legs[name, mode])[2:]  # after call.initiated, call.answered
            for mode in MODES
        }
        for name in ANSWERERS
    }
    assert table == snapshot


@pytest.mark.parametrize("mode", [None, "disabled"])
def test_without_detection_no_machine_webhook(
    sandbox: Sandbox, client: telnyx.Telnyx, mode: str | None
) -> None:
    sandbox.callee(PATIENT, answered_by=Machine())
    leg = dial(client, mode)
    sandbox.wait_for("call.answered", call_control_id=leg)
    sandbox.wait_idle()  # what was scheduled (a detection) has been sent
    sandbox.call(leg).hang_up_now()
    assert [kind for kind, _ in results(sandbox, leg)] == [
        "call.initiated",
        "call.answered",
        "call.hangup",
    ]


def test_a_callee_is_human_by_default(sandbox: Sandbox, client: telnyx.Telnyx) -> None:
    sandbox.callee(PATIENT)
    leg = dial(client, "detect")
    ended = sandbox.wait_for("call.machine.detection.ended").event
    assert isinstance(ended, CallMachineDetectionEnded)
    assert (ended.payload.result, ended.payload.call_control_id) == ("human", leg)
    assert ended.payload.to == PATIENT


def test_detection_decides_within_the_total_analysis_time(
    sandbox: Sandbox, client: telnyx.Telnyx
) -> None:
    sandbox.callee(PATIENT, answer_after=0, answered_by=Machine(greeting=30))
    leg = dial(client, "greeting_end", total_analysis_time_millis=1000)
    answered = sandbox.wait_for("call.answered", call_control_id=leg).event
    decided = sandbox.wait_for("call.machine.detection.ended", call_control_id=leg).event
    greeting = sandbox.wait_for("call.machine.greeting.ended", call_control_id=leg).event
    assert answered.occurred_at < decided.occurred_at < greeting.occurred_at


def test_a_hang_up_before_detection_sends_none(sandbox: Sandbox, client: telnyx.Telnyx) -> None:
    sandbox.callee(PATIENT, answered_by=Machine(greeting=2000))
    slow = 2_000_000  # call milliseconds: 2 s of real time at the tests' scale
    leg = dial(
        client, "greeting_end", total_analysis_time_millis=slow, greeting_duration_millis=slow
    )
    sandbox.wait_for("call.answered", call_control_id=leg)
    sandbox.call(leg).hang_up_now()
    sandbox.wait_idle(timeout=20)  # the detection's time passes
    kinds = [kind for kind, _ in results(sandbox, leg)]
    assert kinds == ["call.initiated", "call.answered", "call.hangup"]


def test_a_transfers_leg_b_gets_the_detection(sandbox: Sandbox, client: telnyx.Telnyx) -> None:
    sandbox.callee(PATIENT, answered_by=Machine(greeting=5))
    call = sandbox.dial()
    client.calls.actions.transfer(
        call.call_control_id, to=PATIENT, answering_machine_detection="detect_beep"
    )
    greeting = sandbox.wait_for("call.machine.greeting.ended").event
    assert isinstance(greeting, CallMachineGreetingEnded)
    leg = greeting.payload.call_control_id
    assert leg is not None
    assert leg != call.call_control_id
    assert results(sandbox, leg) == [
        ("call.initiated", None),
        ("call.answered", None),
        ("call.bridged", None),
        ("call.machine.detection.ended", "machine"),
        ("call.machine.greeting.ended", "beep_detected"),
    ]
    assert "call.machine.detection.ended" not in [e.event_type for e in call.events()]


def test_answered_by_must_be_a_human_or_a_machine(sandbox: Sandbox) -> None:
    with pytest.raises(TypeError, match="answered_by"):
        sandbox.callee(PATIENT, answered_by="machine")  # type: ignore[arg-type]


def reminder(router: Router) -> None:
    """An outbound reminder: speak to a person at once, to a machine after its beep."""

    @router.on(CallInitiated)
    def ring(event: CallInitiated) -> Answer | None:
        return Answer() if event.payload.direction == "incoming" else None

    @router.on(CallAnswered)
    def call_the_patient(event: CallAnswered) -> Dial | None:
        if event.payload.to == PATIENT:
            return None
        return Dial(
            to=PATIENT,
            from_=CLINIC,
            connection_id="sandbox-connection",
            answering_machine_detection="detect_beep",
        )

    @router.on(CallMachineDetectionEnded)
    def person(event: CallMachineDetectionEnded) -> Speak | None:
        if event.payload.result != "human":
            return None  # a machine: wait for its beep
        return Speak(payload="Hello! Your appointment is tomorrow.", voice=VOICE)

    @router.on(CallMachineGreetingEnded)
    def message(event: CallMachineGreetingEnded) -> Speak:
        return Speak(payload="This is the clinic: your appointment is tomorrow.", voice=VOICE)

    @router.on(CallSpeakEnded)
    def done(event: CallSpeakEnded) -> Hangup:
        return Hangup()


@pytest.fixture
def flow() -> Iterator[CallFlow]:
    with Sandbox(time_scale=FAST) as sandbox:
        client = GatherClient(api_key=sandbox.api_key, base_url=sandbox.base_url, max_retries=0)
        router = Router(verifier=WebhookVerifier(sandbox.public_key), client=client)
        reminder(router)

        def wsgi(environ: dict[str, Any], start_response: Any) -> Iterable[bytes]:
            outcome = router.handle(*request_parts(environ))
            start_response(f"{outcome.status} {outcome.reason}", [("Content-Length", "0")])
            return [b""]

        with client, serve_app(wsgi) as base_url:
            yield CallFlow(sandbox, base_url + "/webhooks")
            sandbox.wait_idle()
            assert_typed(sandbox.deliveries)


@pytest.mark.parametrize(
    ("answered_by", "heard"),
    [
        (Machine(greeting=4), ("machine", "beep_detected")),
        (Human(), ("human", None)),
    ],
)
def test_a_router_app_leaves_a_message_after_the_beep_or_speaks_to_a_person(
    flow: CallFlow,
    answered_by: Human | Machine,
    heard: tuple[str, str | None],
    snapshot: SnapshotAssertion,
) -> None:
    flow.sandbox.callee(PATIENT, answered_by=answered_by)
    flow.ring()
    decided = flow.sandbox.wait_for("call.machine.detection.ended", timeout=10).event
    assert isinstance(decided, CallMachineDetectionEnded)
    leg = decided.payload.call_control_id
    assert leg is not None
    flow.expect(Dial, leg)
    flow.expect(Speak, leg)
    flow.expect(Hangup, leg)
    flow.hangup(leg)
    kinds = [(e.event_type, getattr(e.payload, "result", None)) for e in flow.events(leg)]
    machine = [result for kind, result in kinds if kind.startswith("call.machine.")]
    assert tuple(machine) + (None,) * (2 - len(machine)) == heard
    assert [kind for kind, _ in kinds][:3] == [
        "call.initiated",
        "call.answered",
        "call.machine.detection.ended",
    ]
    assert flow.refused() == []
    lines = flow.timeline(leg).splitlines()[1:]
    assert [" ".join(line.split()[1:]) for line in lines] == snapshot(name="timeline")
