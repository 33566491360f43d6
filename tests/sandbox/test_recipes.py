"""The recipes of docs/recipes.md, each a flow test: a Router app, served over loopback HTTP.

The app sends its commands with the facade to the sandbox; the sandbox
posts signed webhooks to the app; `CallFlow` drives the caller and reads
what happened.
"""

from __future__ import annotations

import inspect
from collections.abc import Iterator
from pathlib import Path

import pytest

from telnyx_gather import (
    CallHangup,
    CallRecordingSaved,
    CallSpeakEnded,
    Hangup,
    Speak,
    StartRecording,
    StopPlayback,
    Transfer,
)
from telnyx_gather.testing import AIAnswer, CallFlow, Press, Sandbox, Silence
from telnyx_gather.testing._apps import serve_app

from . import recipes
from .conftest import FAST, assert_typed

AGENT = "+13125550142"


@pytest.fixture
def flow() -> Iterator[tuple[CallFlow, recipes.Apps]]:
    with Sandbox(time_scale=FAST) as sandbox:
        apps = recipes.Apps(sandbox)
        with apps, serve_app(apps.wsgi) as base_url:
            yield CallFlow(sandbox, base_url + "/webhooks"), apps
            sandbox.wait_idle()
            assert_typed(sandbox.deliveries)


def kinds(flow: CallFlow, call: str) -> list[str]:
    return [e.event_type for e in flow.events(call)]


def test_speak_then_hang_up_on_speak_ended(flow: tuple[CallFlow, recipes.Apps]) -> None:
    calls, apps = flow
    apps.use(recipes.speak_then_hang_up)
    call = calls.ring()
    calls.expect(Speak, call)
    calls.expect(Hangup, call)
    gone = calls.hangup(call)
    assert gone.payload.hangup_source == "callee"
    events = kinds(calls, call.call_control_id)
    assert events.index("call.speak.ended") < events.index("call.hangup")
    ended = [e for e in calls.events(call) if isinstance(e, CallSpeakEnded)]
    assert [e.payload.status for e in ended] == ["completed"]


def test_transfer_bridges_and_the_hold_music_stops(flow: tuple[CallFlow, recipes.Apps]) -> None:
    calls, apps = flow
    calls.sandbox.callee(AGENT, answer_after=5)
    apps.use(recipes.transfer_with_hold_music_and_fallback)
    call = calls.ring()
    calls.expect(Transfer, call)
    calls.expect(StopPlayback, call)
    a = call.call_control_id
    assert [type(c).__name__ for c in calls.commands(a)] == [
        "Answer",
        "StartPlayback",
        "Transfer",
        "StopPlayback",
    ]
    calls.sandbox.wait_for("call.playback.ended")
    events = kinds(calls, a)
    assert events == [
        "call.initiated",
        "call.answered",
        "call.playback.started",
        "call.bridged",
        "call.playback.ended",
    ]
    (b,) = {d.call_control_id for d in calls.sandbox.deliveries} - {a}
    calls.sandbox.wait_for("call.bridged", call_control_id=b)  # leg B's own delivery
    assert kinds(calls, b) == ["call.initiated", "call.answered", "call.bridged"]
    call.hang_up_now()  # the caller hangs up: the agent's leg ends too
    calls.hangup(b)


@pytest.mark.parametrize("refuse", [None, "user_busy"])
def test_transfer_nobody_answers_falls_back_on_leg_a(
    flow: tuple[CallFlow, recipes.Apps], refuse: str | None
) -> None:
    calls, apps = flow
    if refuse is not None:
        calls.sandbox.callee(AGENT, refuse="user_busy", answer_after=3)
    apps.use(recipes.transfer_with_hold_music_and_fallback)
    call = calls.ring()
    sorry = calls.expect(Speak, call, timeout=10)
    assert sorry.stop == "all"
    calls.expect(Hangup, call)
    gone = calls.hangup(call)
    assert gone.payload.hangup_source == "callee"
    a = call.call_control_id
    b_hangups = [
        e for e in calls.events() if isinstance(e, CallHangup) and e.payload.call_control_id != a
    ]
    assert [e.payload.hangup_cause for e in b_hangups] == [refuse or "timeout"]
    assert "call.bridged" not in kinds(calls, a)
    ended = [e for e in calls.events(call) if e.event_type == "call.playback.ended"]
    assert [e.payload.status for e in ended] == ["cancelled"]  # type: ignore[union-attr]


def test_voicemail(flow: tuple[CallFlow, recipes.Apps]) -> None:
    calls, apps = flow
    saved: list[str] = []
    apps.use(lambda router, client: recipes.voicemail(router, client, saved))
    call = calls.ring()
    record = calls.expect(StartRecording, call)
    assert record.play_beep is True
    # The caller leaves the message and stays on the line: `max_length` (120 s) ends it.
    event = calls.sandbox.wait_for("call.recording.saved").event
    assert isinstance(event, CallRecordingSaved)
    started, ended = event.payload.recording_started_at, event.payload.recording_ended_at
    assert started is not None
    assert ended is not None
    assert (ended - started).total_seconds() == pytest.approx(120, abs=2e-3)
    call.hang_up_now()
    calls.sandbox.wait_idle()
    assert kinds(calls, call.call_control_id)[-2:] == ["call.recording.saved", "call.hangup"]
    assert len(saved) == 1
    assert saved[0].endswith(".mp3")


def test_dtmf_or_speech_menu(flow: tuple[CallFlow, recipes.Apps]) -> None:
    calls, apps = flow
    chosen: list[str] = []
    apps.use(lambda router, client: recipes.dtmf_or_speech_menu(router, client, chosen))
    pressed = calls.ring(Press(digits="2"))
    spoke = calls.ring(Silence(), AIAnswer(result={"department": "sales"}, say="Sales, please."))
    for call in (pressed, spoke):
        calls.expect(Hangup, call, timeout=10)
        calls.hangup(call)
    assert sorted(chosen) == ["sales", "support"]
    assert [type(c).__name__ for c in calls.commands(spoke)] == [
        "Answer",
        "GatherUsingSpeak",
        "GatherUsingAI",
        "Speak",
        "Hangup",
    ]


def test_the_docs_show_the_recipes_that_run_here() -> None:
    page = (Path(__file__).resolve().parents[2] / "docs" / "recipes.md").read_text()
    for recipe in recipes.RECIPES:
        assert inspect.getsource(recipe) in page, recipe.__name__
