"""Recordings that stop by themselves: `max_length` and the silence `timeout_secs`.

The unmodified telnyx client sends the commands over loopback HTTP; each
limit ends the recording with `call.recording.saved`, as `record_stop` does,
timed in call time (so `time_scale` shortens it).
"""

from __future__ import annotations

import pytest
import telnyx

from telnyx_gather import CallGatherEnded, CallRecordingSaved
from telnyx_gather.testing import Press, Sandbox, SandboxCall

# Call seconds long enough that the test's next command surely arrives first
# (at the tests' time scale, 600 call seconds are 0.6 s of real time).
LONG = 600
EXACT = 1e-5
"""`occurred_at` has microseconds; call times compare to this."""


def saved(sandbox: Sandbox, count: int = 1) -> CallRecordingSaved:
    event = sandbox.wait_for("call.recording.saved", count=count).event
    assert isinstance(event, CallRecordingSaved)
    return event


def kinds(sandbox: Sandbox, call: SandboxCall) -> list[str]:
    sandbox.wait_idle()
    return [e.event_type for e in call.events()]


def started_at(sandbox: Sandbox, action: str) -> float:
    (sent,) = [c for c in sandbox.commands() if c.command.action == action]
    return sent.at


def test_max_length_ends_the_recording_after_that_much_call_time(
    sandbox: Sandbox, client: telnyx.Telnyx
) -> None:
    call = sandbox.dial()
    client.calls.actions.start_recording(
        call.call_control_id, format="mp3", channels="single", max_length=30
    )
    event = saved(sandbox)
    start = started_at(sandbox, "record_start")
    assert sandbox.call_time(event.occurred_at) == pytest.approx(start + 30, abs=EXACT)
    payload = event.payload
    assert payload.call_control_id == call.call_control_id
    assert payload.channels == "single"
    assert payload.recording_started_at is not None
    assert payload.recording_ended_at is not None
    length = payload.recording_ended_at - payload.recording_started_at
    assert length.total_seconds() == pytest.approx(30, abs=2e-3)  # the API writes milliseconds
    assert payload.recording_urls is not None
    assert payload.recording_urls.mp3 is not None
    assert call.status == "answered"  # the call goes on
    assert kinds(sandbox, call) == ["call.recording.saved"]
    client.calls.actions.stop_recording(call.call_control_id)  # nothing left to stop
    assert kinds(sandbox, call) == ["call.recording.saved"]
    assert [c.command.action for c in sandbox.commands()] == ["record_start", "record_stop"]


def test_paused_time_does_not_count_towards_max_length(
    sandbox: Sandbox, client: telnyx.Telnyx
) -> None:
    call = sandbox.dial()
    actions = client.calls.actions
    actions.start_recording(call.call_control_id, format="wav", channels="dual", max_length=LONG)
    actions.pause_recording(call.call_control_id)
    actions.resume_recording(call.call_control_id)
    event = saved(sandbox)
    start, pause, resume = (
        started_at(sandbox, action) for action in ("record_start", "record_pause", "record_resume")
    )
    expected = start + LONG + (resume - pause)
    assert sandbox.call_time(event.occurred_at) == pytest.approx(expected, abs=EXACT)
    assert kinds(sandbox, call) == ["call.recording.saved"]


def test_a_silent_caller_ends_the_recording_after_timeout_secs(
    sandbox: Sandbox, client: telnyx.Telnyx
) -> None:
    call = sandbox.dial()
    client.calls.actions.start_recording(
        call.call_control_id, format="wav", channels="single", timeout_secs=5, max_length=LONG
    )
    event = saved(sandbox)
    start = started_at(sandbox, "record_start")
    assert sandbox.call_time(event.occurred_at) == pytest.approx(start + 5, abs=EXACT)
    assert kinds(sandbox, call) == ["call.recording.saved"]


def test_silence_is_counted_from_the_end_of_a_gather(
    sandbox: Sandbox, client: telnyx.Telnyx
) -> None:
    call = sandbox.dial().then(Press(digits="4", delay=LONG))
    actions = client.calls.actions
    wait = 2 * LONG * 1000
    actions.gather(
        call.call_control_id, maximum_digits=1, timeout_millis=wait, initial_timeout_millis=wait
    )
    actions.start_recording(call.call_control_id, format="mp3", channels="single", timeout_secs=5)
    event = saved(sandbox)
    gathered = sandbox.wait_for("call.gather.ended").event
    assert isinstance(gathered, CallGatherEnded)
    assert gathered.payload.digits == "4"
    quiet = sandbox.call_time(gathered.occurred_at)
    assert sandbox.call_time(event.occurred_at) == pytest.approx(quiet + 5, abs=EXACT)
    assert kinds(sandbox, call) == [
        "call.dtmf.received",
        "call.gather.ended",
        "call.recording.saved",
    ]


def test_a_paused_recording_hears_no_silence(sandbox: Sandbox, client: telnyx.Telnyx) -> None:
    call = sandbox.dial()
    actions = client.calls.actions
    actions.start_recording(
        call.call_control_id, format="mp3", channels="single", timeout_secs=LONG
    )
    actions.pause_recording(call.call_control_id)
    sandbox.wait_idle()  # nothing is scheduled while it is paused
    assert call.events() == []
    actions.resume_recording(call.call_control_id)
    event = saved(sandbox)
    resume = started_at(sandbox, "record_resume")
    assert sandbox.call_time(event.occurred_at) == pytest.approx(resume + LONG, abs=EXACT)


def test_a_call_that_ends_first_saves_the_recording_once(
    sandbox: Sandbox, client: telnyx.Telnyx
) -> None:
    call = sandbox.dial()
    client.calls.actions.start_recording(
        call.call_control_id, format="mp3", channels="single", max_length=LONG, timeout_secs=LONG
    )
    call.hang_up_now()
    assert kinds(sandbox, call) == ["call.hangup", "call.recording.saved"]
