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
    """Queue the file: `PROMPT_SECONDS` a pass, `loop` times (`infinity`: until stopped).

    With `overlay`, it joins the overlay queue, mixed over what else plays.
    """
    overlay = bool(command.overlay)
    fields: dict[str, Any] = {"overlay": overlay}
    if command.audio_url is not None:
        fields["media_url"] = str(command.audio_url)
    elif command.media_name is not None:
        fields["media_name"] = command.media_name
    passes = loops(command.loop)
    audio = Audio(CallPlaybackStarted, CallPlaybackEnded, fields, loops=passes, overlay=overlay)
    kit.player.play(call, audio, at, command.stop)
    return None


def stop_playback(kit: Toolkit, call: CallState, command: StopPlayback, at: float) -> Reply:
    """End what plays (`cancelled`), a speak too; `stop="current"` lets the queue go on.

    With `overlay`, only the overlay queue stops; without it, the overlay plays on.
    """
    everything = command.stop != "current"
    kit.player.stop(call, at, "cancelled", everything=everything, overlay=bool(command.overlay))
    return None


BEHAVIOURS = (
    Behaviour(StartPlayback, start_playback, ANSWERED),
    Behaviour(StopPlayback, stop_playback, ANSWERED),
)
