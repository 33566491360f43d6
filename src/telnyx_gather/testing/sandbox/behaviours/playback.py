"""`playback_start` and `playback_stop`: audio files on the call's queue (see `_media`)."""

from __future__ import annotations

from typing import Any

from ....commands import StartPlayback, StopPlayback
from ....events import CallPlaybackEnded, CallPlaybackStarted
from .._calls import Audio, CallState
from .._media import loops
from .._toolkit import Toolkit
from ._declare import ANSWERED, Behaviour, Reply

__all__: list[str] = []
"""Nothing to import: the engine finds `BEHAVIOURS` here by itself."""


def start_playback(kit: Toolkit, call: CallState, command: StartPlayback, at: float) -> Reply:
    """Queue the file: `PROMPT_SECONDS` a pass, `loop` times (`infinity`: until stopped)."""
    fields: dict[str, Any] = {"overlay": bool(command.overlay)}
    if command.audio_url is not None:
        fields["media_url"] = str(command.audio_url)
    elif command.media_name is not None:
        fields["media_name"] = command.media_name
    audio = Audio(CallPlaybackStarted, CallPlaybackEnded, fields, loops=loops(command.loop))
    kit.player.play(call, audio, at, command.stop)
    return None


def stop_playback(kit: Toolkit, call: CallState, command: StopPlayback, at: float) -> Reply:
    """End what plays (`cancelled`), a speak too; `stop="current"` lets the queue go on."""
    kit.player.stop(call, at, "cancelled", everything=command.stop != "current")
    return None


BEHAVIOURS = (
    Behaviour(StartPlayback, start_playback, ANSWERED),
    Behaviour(StopPlayback, stop_playback, ANSWERED),
)
