"""`record="record-from-answer"` on `answer`, `dial`, `transfer` and `bridge`.

The unmodified telnyx client sends the commands over loopback HTTP. The
recording starts when the call answers (the new leg, for `dial` and
`transfer`; the bridge, for `bridge`) and ends as a `record_start` recording
does: `call.recording.saved` when the call ends, or at `record_max_length`
or `record_timeout_secs`, in call time.
"""

from __future__ import annotations

import pytest
import telnyx

from telnyx_gather import CallAnswered, CallBridged, CallRecordingSaved
from telnyx_gather.testing import Sandbox, SandboxCall

AGENT = "+13125550142"
CLINIC = "+13125550100"
LONG = 600
"""Call seconds long enough that the test's next step surely comes first."""
PATIENT = 86_400
"""A caller who waits a call day for the app to answer."""
EXACT = 1e-5
"""`occurred_at` has microseconds; call times compare to this."""


def kinds(sandbox: Sandbox, call: SandboxCall) -> list[str]:
    sandbox.wait_idle()
    return [e.event_type for e in call.events()]


def saved(sandbox: Sandbox) -> CallRecordingSaved:
    event = sandbox.wait_for("call.recording.saved").event
    assert isinstance(event, CallRecordingSaved)
    return event


def answered_at(sandbox: Sandbox, call_control_id: str) -> float:
    event = sandbox.wait_for("call.answered", call_control_id=call_control_id).event
    assert isinstance(event, CallAnswered)
    return sandbox.call_time(event.occurred_at)


def recorded_for(sandbox: Sandbox, event: CallRecordingSaved) -> float:
    payload = event.payload
    assert payload.recording_started_at is not None
    assert payload.recording_ended_at is not None
    assert sandbox.call_time(payload.recording_ended_at) == pytest.approx(
        sandbox.call_time(event.occurred_at), abs=2e-3
    )  # the API writes milliseconds
    return (payload.recording_ended_at - payload.recording_started_at).total_seconds()


def test_answer_records_from_answer_until_max_length(
    sandbox: Sandbox, client: telnyx.Telnyx
) -> None:
    call = sandbox.ring(patience=PATIENT)
    client.calls.actions.answer(
        call.call_control_id,
        record="record-from-answer",
        record_format="wav",
        record_channels="single",
        record_max_length=30,
        record_custom_file_name="intake",
        record_trim="trim-silence",
    )
    event = saved(sandbox)
    start = answered_at(sandbox, call.call_control_id)
    assert sandbox.call_time(event.occurred_at) == pytest.approx(start + 30, abs=EXACT)
    assert recorded_for(sandbox, event) == pytest.approx(30, abs=2e-3)
    payload = event.payload
    assert payload.call_control_id == call.call_control_id
    assert payload.channels == "single"
    assert payload.recording_urls is not None
    assert payload.recording_urls.wav is not None
    assert payload.recording_urls.mp3 is None
    assert call.status == "answered"  # the call goes on
    assert kinds(sandbox, call) == ["call.initiated", "call.answered", "call.recording.saved"]


def test_answer_records_with_the_api_defaults_until_the_call_ends(
    sandbox: Sandbox, client: telnyx.Telnyx
) -> None:
    call = sandbox.ring(patience=PATIENT)
    client.calls.actions.answer(call.call_control_id, record="record-from-answer")
    answered_at(sandbox, call.call_control_id)
    call.hang_up_now()
    event = saved(sandbox)
    assert event.payload.channels == "dual"
    assert event.payload.recording_urls is not None
    assert event.payload.recording_urls.mp3 is not None
    assert kinds(sandbox, call) == [
        "call.initiated",
        "call.answered",
        "call.hangup",
        "call.recording.saved",
    ]


def test_record_stop_and_pause_act_on_a_recording_from_answer(
    sandbox: Sandbox, client: telnyx.Telnyx
) -> None:
    call = sandbox.ring(patience=PATIENT)
    actions = client.calls.actions
    actions.answer(call.call_control_id, record="record-from-answer", record_max_length=LONG)
    actions.pause_recording(call.call_control_id)
    sandbox.wait_idle()  # paused: its limit waits
    actions.resume_recording(call.call_control_id)
    actions.stop_recording(call.call_control_id)
    event = saved(sandbox)
    (stop,) = [c.at for c in sandbox.commands() if c.command.action == "record_stop"]
    assert sandbox.call_time(event.occurred_at) == pytest.approx(stop, abs=EXACT)
    assert kinds(sandbox, call) == ["call.initiated", "call.answered", "call.recording.saved"]
    call.hang_up_now()  # nothing left to save
    assert kinds(sandbox, call)[-1] == "call.hangup"


def test_answer_without_record_records_nothing(sandbox: Sandbox, client: telnyx.Telnyx) -> None:
    call = sandbox.ring(patience=PATIENT)
    client.calls.actions.answer(call.call_control_id, record_format="wav", record_max_length=5)
    answered_at(sandbox, call.call_control_id)
    call.hang_up_now()
    assert kinds(sandbox, call) == ["call.initiated", "call.answered", "call.hangup"]


def test_a_transfer_records_leg_b_from_its_answer(sandbox: Sandbox, client: telnyx.Telnyx) -> None:
    sandbox.callee(AGENT, answer_after=2)
    call = sandbox.dial()
    client.calls.actions.transfer(
        call.call_control_id,
        to=AGENT,
        record="record-from-answer",
        record_channels="dual",
        record_track="inbound",  # one track: one channel, whatever record_channels says
        record_max_length=LONG,
    )
    answered = sandbox.wait_for("call.answered").event  # leg B's: leg A was never rung
    leg_b = sandbox.call(answered.payload.call_control_id or "")
    assert leg_b.call_control_id != call.call_control_id
    start = sandbox.call_time(answered.occurred_at)
    bridged = sandbox.wait_for("call.bridged", call_control_id=leg_b.call_control_id).event
    assert isinstance(bridged, CallBridged)
    leg_b.hang_up_now()  # the agent hangs up: leg A with it, and leg B's recording is saved
    event = saved(sandbox)
    payload = event.payload
    assert payload.call_control_id == leg_b.call_control_id
    assert payload.call_session_id == call.events()[0].payload.call_session_id
    assert payload.channels == "single"
    assert payload.recording_started_at is not None
    assert sandbox.call_time(payload.recording_started_at) == pytest.approx(start, abs=2e-3)
    assert kinds(sandbox, leg_b) == [
        "call.initiated",
        "call.answered",
        "call.bridged",
        "call.hangup",
        "call.recording.saved",
    ]
    assert kinds(sandbox, call) == ["call.bridged", "call.hangup"]


def test_a_transfer_nobody_answers_records_nothing(sandbox: Sandbox, client: telnyx.Telnyx) -> None:
    sandbox.callee(AGENT, refuse="user_busy")
    call = sandbox.dial()
    client.calls.actions.transfer(call.call_control_id, to=AGENT, record="record-from-answer")
    sandbox.wait_for("call.hangup")
    assert "call.recording.saved" not in [d.event_type for d in sandbox.deliveries]


def test_a_dialled_call_records_from_answer_until_the_callee_falls_silent(
    sandbox: Sandbox, client: telnyx.Telnyx
) -> None:
    sandbox.callee(AGENT, answer_after=3)
    dialled = client.calls.dial(
        connection_id="c1",
        from_=CLINIC,
        to=AGENT,
        record="record-from-answer",
        record_format="wav",
        record_timeout_secs=5,
    )
    assert dialled.data is not None
    call = sandbox.call(dialled.data.call_control_id)
    event = saved(sandbox)
    start = answered_at(sandbox, call.call_control_id)
    assert sandbox.call_time(event.occurred_at) == pytest.approx(start + 5, abs=EXACT)
    assert event.payload.call_control_id == call.call_control_id
    assert event.payload.channels == "dual"
    assert call.status == "answered"
    assert kinds(sandbox, call) == ["call.initiated", "call.answered", "call.recording.saved"]


def test_bridge_records_the_call_it_was_sent_to_from_the_bridge(
    sandbox: Sandbox, client: telnyx.Telnyx
) -> None:
    a = sandbox.dial()
    b = sandbox.dial(to=AGENT)
    agent = b.call_control_id
    client.calls.actions.bridge(
        a.call_control_id,
        call_control_id_to_bridge_with=agent,
        record="record-from-answer",
        record_format="mp3",
        record_max_length=10,
    )
    event = saved(sandbox)
    bridged = sandbox.wait_for("call.bridged").event
    at = sandbox.call_time(bridged.occurred_at)
    assert sandbox.call_time(event.occurred_at) == pytest.approx(at + 10, abs=EXACT)
    assert event.payload.call_control_id == a.call_control_id
    assert kinds(sandbox, a) == ["call.bridged", "call.recording.saved"]
    assert kinds(sandbox, b) == ["call.bridged"]


@pytest.mark.parametrize(("track", "channels"), [("both", "dual"), ("outbound", "single")])
def test_record_start_takes_one_channel_for_one_track(
    sandbox: Sandbox, client: telnyx.Telnyx, track: str, channels: str
) -> None:
    call = sandbox.dial()
    client.calls.actions.start_recording(
        call.call_control_id,
        format="mp3",
        channels="dual",
        recording_track=track,  # type: ignore[arg-type]
    )
    client.calls.actions.stop_recording(call.call_control_id)
    assert saved(sandbox).payload.channels == channels
