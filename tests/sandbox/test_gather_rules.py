"""How a DTMF gather ends: each status rule, driven through the real telnyx client over HTTP."""

from __future__ import annotations

import json
from typing import Any

import pytest
import telnyx
from syrupy.assertion import SnapshotAssertion

from telnyx_gather import CallGatherEnded
from telnyx_gather.testing import CallerStep, HangUp, Press, Sandbox, Silence

from .conftest import statuses, timeline

SPEAK = {"payload": "Press 1, 2 or 3.", "voice": "Telnyx.KokoroTTS.af"}
AUDIO = {"audio_url": "https://example.com/menu.wav"}

CASES: dict[str, tuple[str, dict[str, Any], list[CallerStep], str, str]] = {
    "valid_with_terminator": ("gather", {}, [Press(digits="123#")], "valid", "123"),
    "valid_at_maximum_digits": (
        "gather",
        {"maximum_digits": 3},
        [Press(digits="12345")],
        "valid",
        "123",
    ),
    "invalid_digit": ("gather", {"valid_digits": "123"}, [Press(digits="19#")], "invalid", "19"),
    "too_few_digits": ("gather", {"minimum_digits": 3}, [Press(digits="12#")], "invalid", "12"),
    "custom_terminating_digit": (
        "gather",
        {"terminating_digit": "*"},
        [Press(digits="45*6")],
        "valid",
        "45",
    ),
    "initial_timeout": ("gather", {"initial_timeout_millis": 8000}, [Silence()], "timeout", ""),
    "inter_digit_timeout": (
        "gather",
        {"inter_digit_timeout_millis": 2000},
        [Press(digits="12", gap=10)],
        "valid",
        "1",
    ),
    "overall_timeout": (
        "gather",
        {"timeout_millis": 3000},
        [Press(digits="1234", delay=1, gap=1)],
        "valid",
        "123",
    ),
    "speak_maximum_tries_invalid": (
        "gather_using_speak",
        {
            **SPEAK,
            "valid_digits": "123",
            "maximum_digits": 1,
            "maximum_tries": 2,
            "invalid_payload": "That is not an option.",
        },
        [Press(digits="9"), Press(digits="8")],
        "invalid",
        "8",
    ),
    "audio_maximum_tries_timeout": (
        "gather_using_audio",
        {**AUDIO, "maximum_tries": 3, "timeout_millis": 2000},
        [],
        "timeout",
        "",
    ),
    "audio_invalid_then_valid": (
        "gather_using_audio",
        {
            **AUDIO,
            "invalid_audio_url": "https://example.com/invalid.wav",
            "valid_digits": "123",
            "maximum_digits": 1,
        },
        [Press(digits="7"), Press(digits="2")],
        "valid",
        "2",
    ),
    "caller_hangs_up": ("gather", {}, [HangUp(delay=2)], "call_hangup", ""),
}


@pytest.mark.parametrize("case", CASES)
def test_gather_ends_by_its_rules(
    case: str, sandbox: Sandbox, client: telnyx.Telnyx, snapshot: SnapshotAssertion
) -> None:
    action, params, steps, status, digits = CASES[case]
    call = sandbox.dial(*steps)

    getattr(client.calls.actions, action)(call.call_control_id, **params)
    sandbox.wait_idle()

    log = sandbox.deliveries
    ended = sandbox.wait_for("call.gather.ended").event
    assert isinstance(ended, CallGatherEnded)
    assert (ended.payload.status, ended.payload.digits) == (status, digits)
    last = "call.hangup" if status == "call_hangup" else "call.gather.ended"
    assert log[-1].event_type == last
    assert [d.event_type for d in log].count("call.gather.ended") == 1
    assert timeline(log) == snapshot


def test_keys_after_the_gather_ended_are_not_pressed(
    sandbox: Sandbox, client: telnyx.Telnyx
) -> None:
    call = sandbox.dial(Press(digits="12345"))
    client.calls.actions.gather(call.call_control_id, maximum_digits=2)
    sandbox.wait_idle()
    assert statuses(sandbox.deliveries) == [
        ("call.dtmf.received", "1"),
        ("call.dtmf.received", "2"),
        ("call.gather.ended", "valid"),
    ]


def test_each_prompt_takes_the_next_step(sandbox: Sandbox, client: telnyx.Telnyx) -> None:
    call = sandbox.dial().press("1").stay_silent().press("42#")
    for _ in range(3):
        client.calls.actions.gather(call.call_control_id)
        sandbox.wait_idle()
    endings = [e for e in call.events() if isinstance(e, CallGatherEnded)]
    assert [(e.payload.status, e.payload.digits) for e in endings] == [
        ("valid", "1"),
        ("timeout", ""),
        ("valid", "42"),
    ]


def test_gather_id_comes_back_in_gather_ended(sandbox: Sandbox, client: telnyx.Telnyx) -> None:
    call = sandbox.dial().press("5#")
    client.calls.actions.gather(call.call_control_id, gather_id="pin-entry")
    ended = json.loads(sandbox.wait_for("call.gather.ended").body)["data"]["payload"]
    assert ended["gather_id"] == "pin-entry"
