"""Overlay playbacks: `overlay: true` mixes a file over what plays, in a queue of its own.

It neither waits behind nor cuts the speak or playback already playing;
`playback_stop` with `overlay: true` stops only the overlay, and without it
only the other queue; a hang-up ends both. The unmodified telnyx client
sends the commands.
"""

from __future__ import annotations

from typing import Any

import pytest
import telnyx

from telnyx_gather import CallPlaybackEnded, CallPlaybackStarted
from telnyx_gather.testing import Sandbox, SandboxCall

VOICE = "Telnyx.KokoroTTS.af"
HOLD = "https://example.com/hold.mp3"
CHIME = "https://example.com/chime.wav"
BEEP = "https://example.com/beep.wav"


def played(sandbox: Sandbox, call: SandboxCall) -> list[tuple[Any, ...]]:
    """(event type, file, overlay, status) of each event on `call`, once all is sent."""
    sandbox.wait_idle()
    rows: list[tuple[Any, ...]] = []
    for event in call.events():
        if isinstance(event, CallPlaybackStarted):
            rows.append((event.event_type, event.payload.media_url, event.payload.overlay))
        elif isinstance(event, CallPlaybackEnded):
            payload = event.payload
            rows.append((event.event_type, payload.media_url, payload.overlay, payload.status))
        else:
            rows.append((event.event_type,))
    return rows


def hold_music(client: telnyx.Telnyx, call: SandboxCall) -> None:
    client.calls.actions.start_playback(call.call_control_id, audio_url=HOLD, loop="infinity")


def test_an_overlay_plays_over_a_running_playback_without_waiting_or_cutting_it(
    sandbox: Sandbox, client: telnyx.Telnyx
) -> None:
    call = sandbox.dial()
    hold_music(client, call)
    client.calls.actions.start_playback(call.call_control_id, audio_url=CHIME, overlay=True)
    chimed = sandbox.wait_for("call.playback.ended").event  # the overlay's own 3 s pass
    assert isinstance(chimed, CallPlaybackEnded)
    starts = [e for e in call.events() if isinstance(e, CallPlaybackStarted)]
    length = sandbox.call_time(chimed.occurred_at) - sandbox.call_time(starts[1].occurred_at)
    assert length == pytest.approx(3, abs=1e-6)
    client.calls.actions.stop_playback(call.call_control_id)  # the hold music only
    assert played(sandbox, call) == [
        ("call.playback.started", HOLD, False),
        ("call.playback.started", CHIME, True),
        ("call.playback.ended", CHIME, True, "completed"),
        ("call.playback.ended", HOLD, False, "cancelled"),
    ]
    assert [c.command.action for c in sandbox.commands()] == [
        "playback_start",
        "playback_start",
        "playback_stop",
    ]


def test_an_overlay_plays_over_a_speak(sandbox: Sandbox, client: telnyx.Telnyx) -> None:
    call = sandbox.dial()
    actions = client.calls.actions
    actions.speak(call.call_control_id, payload="Please hold.", voice=VOICE, loop="infinity")
    actions.start_playback(call.call_control_id, audio_url=CHIME, overlay=True, loop="infinity")
    actions.stop_playback(call.call_control_id)  # the speak
    actions.stop_playback(call.call_control_id, overlay=True)
    assert played(sandbox, call) == [
        ("call.speak.started",),
        ("call.playback.started", CHIME, True),
        ("call.speak.ended",),
        ("call.playback.ended", CHIME, True, "cancelled"),
    ]


@pytest.mark.parametrize(
    ("how", "then"), [("playback_stop", "cancelled"), ("stop_option", "completed")]
)
def test_stop_current_acts_on_the_overlay_queue_only(
    sandbox: Sandbox, client: telnyx.Telnyx, how: str, then: str
) -> None:
    """`stop="current"` on `playback_stop` or on the next overlay: the next overlay plays."""
    call = sandbox.dial()
    actions = client.calls.actions
    hold_music(client, call)
    actions.start_playback(call.call_control_id, audio_url=CHIME, overlay=True, loop="infinity")
    if how == "playback_stop":
        actions.start_playback(call.call_control_id, audio_url=BEEP, overlay=True, loop="infinity")
        actions.stop_playback(call.call_control_id, overlay=True, stop="current")
        actions.stop_playback(call.call_control_id, overlay=True)
    else:
        actions.start_playback(call.call_control_id, audio_url=BEEP, overlay=True, stop="current")
    sandbox.wait_for("call.playback.ended", count=2)
    assert call.status == "answered"
    assert played(sandbox, call) == [
        ("call.playback.started", HOLD, False),
        ("call.playback.started", CHIME, True),
        ("call.playback.ended", CHIME, True, "cancelled"),
        ("call.playback.started", BEEP, True),
        ("call.playback.ended", BEEP, True, then),
    ]  # the hold music plays on


def test_a_hang_up_ends_both_queues(sandbox: Sandbox, client: telnyx.Telnyx) -> None:
    call = sandbox.dial()
    hold_music(client, call)
    client.calls.actions.start_playback(
        call.call_control_id, audio_url=CHIME, overlay=True, loop="infinity"
    )
    call.hang_up_now()
    assert played(sandbox, call) == [
        ("call.playback.started", HOLD, False),
        ("call.playback.started", CHIME, True),
        ("call.playback.ended", HOLD, False, "call_hangup"),
        ("call.playback.ended", CHIME, True, "call_hangup"),
        ("call.hangup",),
    ]
