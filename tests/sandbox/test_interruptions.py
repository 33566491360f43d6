"""Gathers cut short: `gather_stop`, a newer gather, and the caller hanging up mid-prompt.

These run in real time (time_scale=1) so that the test's own command surely
lands inside the window it aims at: the windows are seconds wide, and each
test still finishes in milliseconds because the interruption ends the gather.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
import telnyx

from telnyx_gather import CallGatherEnded
from telnyx_gather.testing import Sandbox

from .conftest import statuses


@pytest.fixture
def live() -> Iterator[Sandbox]:
    with Sandbox(time_scale=1.0) as box:
        yield box


@pytest.fixture
def live_client(live: Sandbox) -> Iterator[telnyx.Telnyx]:
    with telnyx.Telnyx(api_key=live.api_key, base_url=live.base_url, max_retries=0) as c:
        yield c


def _ended(sandbox: Sandbox, count: int = 1) -> CallGatherEnded:
    event = sandbox.wait_for("call.gather.ended", count=count).event
    assert isinstance(event, CallGatherEnded)
    return event


def test_gather_stop_cancels_with_the_digits_so_far(
    live: Sandbox, live_client: telnyx.Telnyx
) -> None:
    call = live.dial().press("12", delay=0, gap=0)
    live_client.calls.actions.gather(call.call_control_id, client_state="c3RhcnQ=")
    live.wait_for("call.dtmf.received", count=2)

    live_client.calls.actions.stop_gather(call.call_control_id, client_state="c3RvcA==")

    ended = _ended(live)
    assert (ended.payload.status, ended.payload.digits) == ("cancelled", "12")
    # client_state set by gather_stop is echoed from then on; earlier events kept the first.
    assert ended.payload.client_state == "c3RvcA=="
    assert {e.payload.client_state for e in live.events()[:2]} == {"c3RhcnQ="}


def test_gather_stop_during_the_prompt_cancels_the_playback_too(
    live: Sandbox, live_client: telnyx.Telnyx
) -> None:
    call = live.dial().press("1")
    live_client.calls.actions.gather_using_audio(
        call.call_control_id, audio_url="https://example.com/menu.wav"
    )
    live.wait_for("call.playback.started")

    live_client.calls.actions.stop_gather(call.call_control_id)

    _ended(live)
    assert statuses(live.deliveries) == [
        ("call.playback.started", None),
        ("call.playback.ended", "cancelled"),
        ("call.gather.ended", "cancelled"),
    ]


def test_gather_stop_without_a_gather_sends_nothing(
    live: Sandbox, live_client: telnyx.Telnyx
) -> None:
    call = live.dial()
    response = live_client.calls.actions.stop_gather(call.call_control_id)
    live.wait_idle()
    assert response.data is not None
    assert response.data.result == "ok"
    assert live.deliveries == []


def test_a_new_gather_cancels_the_running_one(live: Sandbox, live_client: telnyx.Telnyx) -> None:
    call = live.dial().press("7#", delay=3)
    live_client.calls.actions.gather(call.call_control_id, gather_id="first")
    live_client.calls.actions.gather(call.call_control_id, gather_id="second")
    live_client.calls.actions.stop_gather(call.call_control_id)

    _ended(live, count=2)
    endings = [json.loads(d.body)["data"]["payload"] for d in live.deliveries]
    assert [(e["gather_id"], e["status"]) for e in endings] == [
        ("first", "cancelled"),
        ("second", "cancelled"),
    ]


def test_hanging_up_mid_prompt_ends_playback_and_gather(
    live: Sandbox, live_client: telnyx.Telnyx
) -> None:
    call = live.dial()
    live_client.calls.actions.gather_using_audio(
        call.call_control_id, audio_url="https://example.com/menu.wav"
    )
    live.wait_for("call.playback.started")

    call.hang_up_now()

    live.wait_for("call.hangup")  # the last webhook of the call
    assert call.ended
    assert statuses(live.deliveries) == [
        ("call.playback.started", None),
        ("call.playback.ended", "call_hangup"),
        ("call.gather.ended", "call_hangup"),
        ("call.hangup", None),
    ]
    with pytest.raises(telnyx.UnprocessableEntityError) as caught:
        live_client.calls.actions.gather(call.call_control_id)
    assert caught.value.body == {
        "errors": [
            {
                "code": "90018",
                "title": "Call has already ended",
                "detail": "This call is no longer active and can't receive commands.",
            }
        ]
    }
