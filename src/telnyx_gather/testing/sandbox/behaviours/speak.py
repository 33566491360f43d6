"""`speak`: text takes call time in proportion to its length, between `call.speak.started`
and `call.speak.ended`; speaks and playbacks sent back to back queue (see `_media`)."""

from __future__ import annotations

from ....commands import Speak
from ....events import CallSpeakEnded, CallSpeakStarted
from .._calls import Audio, CallState
from .._media import loops, speech_seconds
from .._toolkit import Toolkit
from ._declare import ANSWERED, Behaviour, Reply

__all__: list[str] = []
"""Nothing to import: the engine finds `BEHAVIOURS` here by itself."""


def speak(kit: Toolkit, call: CallState, command: Speak, at: float) -> Reply:
    """Queue the text; it ends `completed`, `cancelled` (`playback_stop`) or `call_hangup`."""
    seconds = speech_seconds(command.payload)
    audio = Audio(CallSpeakStarted, CallSpeakEnded, {}, seconds, loops(command.loop))
    kit.player.play(call, audio, at, command.stop)
    return None


BEHAVIOURS = (Behaviour(Speak, speak, ANSWERED),)
