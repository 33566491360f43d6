"""The planner on its own: what a gather would emit, and how it is cut short."""

from __future__ import annotations

from telnyx_gather.testing import CallerStep, HangUp, Press, Silence
from telnyx_gather.testing._plan import PROMPT_SECONDS, plan_dtmf_gather

AUDIO = {"audio_url": "https://example.com/menu.wav"}


def test_times_follow_delay_gap_and_prompt() -> None:
    plan = plan_dtmf_gather(
        "gather_using_audio", AUDIO, [Press(digits="12#", delay=2, gap=0.5)], 10
    )
    assert [(i.at, i.event_type, i.payload.get("digit")) for i in plan.items] == [
        (10, "call.playback.started", None),
        (10 + PROMPT_SECONDS, "call.playback.ended", None),
        (15 + 0.0, "call.dtmf.received", "1"),
        (15.5, "call.dtmf.received", "2"),
        (16.0, "call.dtmf.received", "#"),
        (16.0, "call.gather.ended", None),
    ]


def test_a_cut_before_the_first_key_leaves_the_step_for_the_next_gather() -> None:
    plan = plan_dtmf_gather("gather", {}, [Press(digits="12", delay=1, gap=1)], 0)
    assert plan.consumed(0.5) == 0
    assert plan.collected(0.5) == ""
    assert plan.consumed(1.0) == 1
    assert plan.collected(1.5) == "1"
    assert plan.collected(2.0) == "12"


def test_a_cut_knows_which_prompt_is_playing() -> None:
    plan = plan_dtmf_gather("gather_using_audio", AUDIO, [], 0)
    playing = plan.open_playback(1.0)
    assert playing is not None
    assert playing.media == {"media_url": "https://example.com/menu.wav", "overlay": False}
    assert plan.open_playback(PROMPT_SECONDS) is None


def test_silence_from_the_script_is_used_up_but_implicit_silence_is_not() -> None:
    scripted = plan_dtmf_gather("gather", {}, [Silence()], 0)
    implicit = plan_dtmf_gather("gather", {}, [], 0)
    assert scripted.items == implicit.items
    assert scripted.consumed(100) == 1
    assert implicit.consumed(100) == 0


def test_each_try_takes_one_step() -> None:
    steps = [Silence(), Press(digits="9"), Press(digits="1")]
    plan = plan_dtmf_gather(
        "gather_using_speak",
        {"payload": "Menu", "voice": "male", "valid_digits": "12", "maximum_digits": 1},
        steps,
        0,
    )
    assert plan.consumed(float("inf")) == 3
    assert plan.items[-1].payload == {"digits": "1", "status": "valid"}


def test_timeouts_and_hang_ups_end_at_their_own_instant() -> None:
    def end(params: dict[str, int], *steps: CallerStep) -> tuple[float, str]:
        last = plan_dtmf_gather("gather", params, list(steps), 100).items[-1]
        return last.at - 100, last.payload["status"]

    assert end({}) == (5.0, "timeout")  # initial_timeout_millis defaults to 5000
    assert end({"initial_timeout_millis": 8000}) == (8.0, "timeout")
    assert end({"initial_timeout_millis": 8000, "timeout_millis": 6000}) == (6.0, "timeout")
    assert end({}, HangUp(delay=2)) == (2.0, "call_hangup")
    assert end({}, HangUp(delay=7)) == (5.0, "timeout")  # the prompt times out first
    assert end({"inter_digit_timeout_millis": 1500}, Press(digits="12", gap=9)) == (2.5, "valid")
