"""`playback_start` and `playback_stop`: play audio files on the call."""

from __future__ import annotations

from typing import ClassVar, Literal

from pydantic import model_validator
from typing_extensions import Self

from .._base import Command
from .._fields import HttpUrl, Loop

__all__ = ["StartPlayback", "StopPlayback"]


class StartPlayback(Command):
    """Play audio on the call; Telnyx sends `call.playback.started`, then `call.playback.ended`.

    Set exactly one source: `audio_url`, `media_name` or `playback_content`.

    Attributes:
        audio_url: A WAV or MP3 file to play.
        media_name: A WAV or MP3 file uploaded to Telnyx Media Storage.
        playback_content: Base64 of an MP3 or WAV file, sent in the request.
        audio_type: `mp3` (Telnyx default) or `wav`: the type of `audio_url`
            or `playback_content`.
        loop: How often to play it: 1 to 100 times, or `"infinity"` (Telnyx default 1).
        overlay: Mix it over audio that is already playing.
        stop: `current` stops the audio playing now and plays the next in the
            queue; `all` also clears the queue.
        target_legs: `self` (Telnyx default), `opposite` or `both`.
        cache_audio: Cache the file for later plays (Telnyx default true).
        client_state: Base64 state echoed in every later webhook.
        command_id: Telnyx ignores a repeated `command_id` on the same call.
    """

    action: ClassVar[str] = "playback_start"
    method: ClassVar[str] = "start_playback"

    audio_url: HttpUrl | None = None
    media_name: str | None = None
    playback_content: str | None = None
    audio_type: Literal["mp3", "wav"] | None = None
    loop: Loop | None = None
    overlay: bool | None = None
    stop: Literal["current", "all"] | None = None
    target_legs: Literal["self", "opposite", "both"] | None = None
    cache_audio: bool | None = None

    @model_validator(mode="after")
    def _one_source(self) -> Self:
        sources = (self.audio_url, self.media_name, self.playback_content)
        if sum(source is not None for source in sources) != 1:
            raise ValueError("audio_url, media_name, playback_content: set exactly one of them")
        return self


class StopPlayback(Command):
    """Stop audio playing on the call; its `call.playback.ended` says `cancelled`.

    Attributes:
        overlay: Stop the audio of the overlay queue instead.
        stop: `all` (Telnyx default) stops the audio and clears the queue;
            `current` stops only the audio playing now.
        client_state: Base64 state echoed in every later webhook.
        command_id: Telnyx ignores a repeated `command_id` on the same call.
    """

    action: ClassVar[str] = "playback_stop"
    method: ClassVar[str] = "stop_playback"

    overlay: bool | None = None
    stop: Literal["current", "all"] | None = None
