"""The whole call with the unmodified telnyx client: speak, playback, transfer, bridge,
recording, DTMF, reject, queues, client state, and the actions with no webhook of their own."""

from __future__ import annotations

import urllib.request

import pytest
import telnyx

from telnyx_gather import (
    CallBridged,
    CallDequeued,
    CallEnqueued,
    CallHangup,
    CallInitiated,
    CallPlaybackEnded,
    CallRecordingSaved,
    CallSpeakEnded,
    encode_client_state,
)
from telnyx_gather.testing import Press, Sandbox

VOICE = "Telnyx.KokoroTTS.af"
AGENT = "+13125550142"


def kinds(sandbox: Sandbox, call_control_id: str | None = None) -> list[str]:
    sandbox.wait_idle()
    return [
        d.event_type for d in sandbox.deliveries if call_control_id in (None, d.call_control_id)
    ]


def test_speak_takes_time_in_proportion_to_its_text(
    sandbox: Sandbox, client: telnyx.Telnyx
) -> None:
    call = sandbox.dial()
    client.calls.actions.speak(call.call_control_id, payload="Hi.", voice=VOICE)
    client.calls.actions.speak(
        call.call_control_id, payload="A much longer sentence. " * 10, voice=VOICE
    )
    assert kinds(sandbox) == ["call.speak.started", "call.speak.ended"] * 2
    ends = [e for e in call.events() if isinstance(e, CallSpeakEnded)]
    starts = [e for e in call.events() if e.event_type == "call.speak.started"]
    assert [e.payload.status for e in ends] == ["completed", "completed"]
    short = sandbox.call_time(ends[0].occurred_at) - sandbox.call_time(starts[0].occurred_at)
    long = sandbox.call_time(ends[1].occurred_at) - sandbox.call_time(starts[1].occurred_at)
    assert long > 10 * short
    assert ends[0].occurred_at <= starts[1].occurred_at  # queued, not overlapping


def test_playback_stop_ends_a_speak_and_clears_the_queue(
    sandbox: Sandbox, client: telnyx.Telnyx
) -> None:
    call = sandbox.dial()
    client.calls.actions.speak(call.call_control_id, payload="Please hold. " * 50, voice=VOICE)
    client.calls.actions.start_playback(call.call_control_id, audio_url="https://example.com/a.mp3")
    client.calls.actions.stop_playback(call.call_control_id)
    assert kinds(sandbox) == ["call.speak.started", "call.speak.ended"]
    (ended,) = [e for e in call.events() if isinstance(e, CallSpeakEnded)]
    assert ended.payload.status == "cancelled"


def test_a_caller_who_hangs_up_mid_speak(sandbox: Sandbox, client: telnyx.Telnyx) -> None:
    call = sandbox.dial()
    client.calls.actions.speak(call.call_control_id, payload="Long words. " * 100, voice=VOICE)
    sandbox.wait_for("call.speak.started")
    call.hang_up_now()
    assert kinds(sandbox) == ["call.speak.started", "call.speak.ended", "call.hangup"]
    (ended,) = [e for e in call.events() if isinstance(e, CallSpeakEnded)]
    assert ended.payload.status == "call_hangup"


def test_playback_loops_then_ends_completed(sandbox: Sandbox, client: telnyx.Telnyx) -> None:
    call = sandbox.dial()
    url = "https://example.com/chime.wav"
    client.calls.actions.start_playback(call.call_control_id, audio_url=url, loop=3)
    assert kinds(sandbox) == ["call.playback.started", "call.playback.ended"]
    started, ended = call.events()
    assert isinstance(ended, CallPlaybackEnded)
    assert (ended.payload.media_url, ended.payload.status) == (url, "completed")
    assert sandbox.call_time(ended.occurred_at) - sandbox.call_time(started.occurred_at) == (
        pytest.approx(9, abs=1e-6)
    )


def test_an_infinite_playback_plays_until_stopped(sandbox: Sandbox, client: telnyx.Telnyx) -> None:
    call = sandbox.dial()
    client.calls.actions.start_playback(
        call.call_control_id, audio_url="https://example.com/hold.mp3", loop="infinity"
    )
    sandbox.wait_for("call.playback.started")
    sandbox.wait_idle()
    client.calls.actions.stop_playback(call.call_control_id)
    ended = sandbox.wait_for("call.playback.ended").event
    assert isinstance(ended, CallPlaybackEnded)
    assert ended.payload.status == "cancelled"


def test_a_transfer_that_bridges(sandbox: Sandbox, client: telnyx.Telnyx) -> None:
    sandbox.callee(AGENT, answer_after=3)
    call = sandbox.dial()
    state = encode_client_state("agent")
    client.calls.actions.transfer(call.call_control_id, to=AGENT, target_leg_client_state=state)
    answered = sandbox.wait_for("call.answered").event  # leg B's: the only call answered
    ends = (call.call_control_id, answered.payload.call_control_id)
    bridged = [sandbox.wait_for("call.bridged", call_control_id=c).event for c in ends]
    assert all(isinstance(e, CallBridged) for e in bridged)
    leg_a, leg_b = (e.payload for e in bridged if isinstance(e, CallBridged))
    assert leg_b.call_control_id != leg_a.call_control_id
    assert leg_b.call_session_id == leg_a.call_session_id
    assert leg_b.client_state == state
    b = leg_b.call_control_id
    assert kinds(sandbox, b) == ["call.initiated", "call.answered", "call.bridged"]
    initiated = sandbox.events(b)[0]
    assert isinstance(initiated, CallInitiated)
    assert initiated.payload.direction == "outgoing"
    sandbox.call(b).hang_up_now()  # the agent hangs up: the caller is hung up too
    sandbox.wait_idle()  # each call's webhooks go out on their own queue: compare call times
    first, then = (sandbox.events(c)[-1] for c in (b, call.call_control_id))
    assert isinstance(first, CallHangup)
    assert isinstance(then, CallHangup)
    assert first.payload.hangup_source == "callee"
    assert then.occurred_at == first.occurred_at
    assert call.ended


@pytest.mark.parametrize("refuse", [None, "user_busy", "call_rejected"])
def test_a_transfer_nobody_answers_leaves_leg_a_up(
    sandbox: Sandbox, client: telnyx.Telnyx, refuse: str | None
) -> None:
    if refuse is not None:
        sandbox.callee(AGENT, refuse=refuse)  # type: ignore[arg-type]
    call = sandbox.dial()
    client.calls.actions.transfer(call.call_control_id, to=AGENT, timeout_secs=5)
    gone = sandbox.wait_for("call.hangup").event
    assert isinstance(gone, CallHangup)
    assert gone.payload.call_control_id != call.call_control_id
    assert gone.payload.hangup_cause == (refuse or "timeout")
    assert call.status == "answered"
    client.calls.actions.speak(call.call_control_id, payload="Nobody is free.", voice=VOICE)
    sandbox.wait_for("call.speak.ended")
    assert "call.bridged" not in kinds(sandbox)


def test_bridge_joins_two_calls_and_park_after_unbridge_keeps_one(
    sandbox: Sandbox, client: telnyx.Telnyx
) -> None:
    a, b = sandbox.dial(), sandbox.dial()
    client.calls.actions.bridge(
        a.call_control_id,
        call_control_id_to_bridge_with=b.call_control_id,
        park_after_unbridge="self",
    )
    assert kinds(sandbox) == ["call.bridged", "call.bridged"]
    b.hang_up_now()
    assert kinds(sandbox)[-1] == "call.hangup"
    assert a.status == "answered"  # parked, alone


def test_recording_is_saved_with_a_url_that_serves_audio(
    sandbox: Sandbox, client: telnyx.Telnyx
) -> None:
    call = sandbox.dial()
    client.calls.actions.start_recording(call.call_control_id, format="wav", channels="single")
    client.calls.actions.pause_recording(call.call_control_id)
    client.calls.actions.resume_recording(call.call_control_id)
    client.calls.actions.stop_recording(call.call_control_id)
    saved = sandbox.wait_for("call.recording.saved").event
    assert isinstance(saved, CallRecordingSaved)
    urls = saved.payload.recording_urls
    assert urls is not None
    assert urls.wav is not None
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    with opener.open(urls.wav, timeout=5) as response:
        assert response.headers["Content-Type"] == "audio/wav"
        assert response.read(4) == b"RIFF"


def test_a_recording_still_running_is_saved_when_the_call_ends(
    sandbox: Sandbox, client: telnyx.Telnyx
) -> None:
    call = sandbox.dial()
    client.calls.actions.start_recording(call.call_control_id, format="mp3", channels="dual")
    call.hang_up_now()
    assert kinds(sandbox) == ["call.hangup", "call.recording.saved"]


def test_send_dtmf_sends_no_webhook_and_a_waiting_callee_presses(
    sandbox: Sandbox, client: telnyx.Telnyx
) -> None:
    sandbox.callee("+18005550100", Press(digits="9", after="1234#"), answer_after=1)
    dialled = client.calls.dial(connection_id="c1", from_="+13125550100", to="+18005550100")
    leg = dialled.data.call_control_id
    sandbox.wait_for("call.answered")
    client.calls.actions.send_dtmf(leg, digits="12")
    assert kinds(sandbox) == ["call.initiated", "call.answered"]
    client.calls.actions.send_dtmf(leg, digits="34#")
    pressed = sandbox.wait_for("call.dtmf.received").event
    assert pressed.payload.digit == "9"  # type: ignore[union-attr]


def test_reject_ends_a_ringing_call_with_its_cause(sandbox: Sandbox, client: telnyx.Telnyx) -> None:
    call = sandbox.ring(patience=60_000)
    client.calls.actions.reject(call.call_control_id, cause="USER_BUSY")
    gone = sandbox.wait_for("call.hangup").event
    assert isinstance(gone, CallHangup)
    assert (gone.payload.hangup_cause, gone.payload.hangup_source) == ("user_busy", "callee")


def test_queues_and_client_state(sandbox: Sandbox, client: telnyx.Telnyx) -> None:
    first, second = sandbox.dial(), sandbox.dial()
    for call in (first, second):
        client.calls.actions.enqueue(call.call_control_id, queue_name="support")
    client.calls.actions.update_client_state(first.call_control_id, client_state="c3RheQ==")
    client.calls.actions.leave_queue(first.call_control_id)
    enqueued = sandbox.wait_for("call.enqueued", call_control_id=second.call_control_id).event
    dequeued = sandbox.wait_for("call.dequeued", call_control_id=first.call_control_id).event
    assert isinstance(enqueued, CallEnqueued)
    assert enqueued.payload.current_position == 2
    assert isinstance(dequeued, CallDequeued)
    assert (dequeued.payload.reason, dequeued.payload.client_state) == ("leave", "c3RheQ==")


def test_the_actions_with_no_webhook_are_accepted_and_listed(
    sandbox: Sandbox, client: telnyx.Telnyx
) -> None:
    call = sandbox.dial()
    client.calls.actions.start_noise_suppression(call.call_control_id)
    client.calls.actions.stop_noise_suppression(call.call_control_id)
    assert [c.command.action for c in sandbox.commands()] == [
        "suppression_start",
        "suppression_stop",
    ]
    assert kinds(sandbox) == []
