"""What a call hears: speaks and playbacks, one after another, each taking call time.

Each call has one queue of audio. A `speak` or `playback_start` joins its
end (its `stop` option first cuts what plays: `current` only, or `all`, the
queue too); the head plays, sending its `.started` event, then its `.ended`
one (`completed`) when its time is up, and the next starts. `playback_stop`
cuts the head short (`cancelled`), a speak too; a hang-up ends it with
`call_hangup`. Audio still queued when a call ends sends nothing.

A playback with `overlay: true` joins a second queue, the overlay queue,
which plays the same way at the same time, mixed over the first: neither
waits for, cuts or clears the other. `playback_stop` with `overlay: true`
acts on the overlay queue only, and without it on the first queue only; a
hang-up ends both. (Telnyx documents that an overlay works only over audio
already playing; the sandbox plays it either way.)
"""

from __future__ import annotations

from collections import deque
from functools import partial
from typing import TYPE_CHECKING, Literal

from ._calls import Audio, CallState

if TYPE_CHECKING:
    from ._toolkit import Toolkit

__all__ = ["SPOKEN_CHARACTERS_PER_SECOND", "Player", "loops", "speech_seconds"]

SPOKEN_CHARACTERS_PER_SECOND = 15.0
"""How fast the sandbox speaks: about 150 words a minute."""


def speech_seconds(text: str) -> float:
    """Call seconds it takes to say `text` once (at least one)."""
    return max(1.0, len(text) / SPOKEN_CHARACTERS_PER_SECOND)


class Player:
    """Plays each call's queue of audio on the toolkit's clock."""

    def __init__(self, kit: Toolkit) -> None:
        self._kit = kit

    def play(
        self,
        call: CallState,
        audio: Audio,
        at: float,
        stop: Literal["current", "all"] | None = None,
    ) -> None:
        """Queue `audio` on `call` at `at`, after cutting what plays when `stop` says so.

        It joins the overlay queue when `audio.overlay` says so; `stop` acts on that queue.
        """
        if stop is not None:
            self.stop(
                call, at, "cancelled", everything=stop == "all", resume=False, overlay=audio.overlay
            )
        queue = _queue(call, audio.overlay)
        queue.append(audio)
        if len(queue) == 1:
            self._start(call, queue, at)

    def stop(
        self,
        call: CallState,
        at: float,
        status: str,
        *,
        everything: bool = True,
        resume: bool = True,
        overlay: bool = False,
    ) -> None:
        """Cut the audio playing at `at` with `status`; `everything` clears the queue too.

        `overlay` picks the overlay queue instead of the first one.
        """
        queue = _queue(call, overlay)
        if not queue:
            return
        current = queue.popleft()
        if everything:
            queue.clear()
        if current.timer is not None:
            self._kit.clock.cancel(current.timer)
        self._kit.emit(call, current.ended, {**current.fields, "status": status}, at=at)
        if resume and queue:
            self._start(call, queue, at)

    def end(self, call: CallState, at: float) -> None:
        """The call ends at `at`: what plays in either queue ends with `call_hangup`."""
        for overlay in (False, True):
            self.stop(call, at, "call_hangup", resume=False, overlay=overlay)

    def _start(self, call: CallState, queue: deque[Audio], at: float) -> None:
        audio = queue[0]
        self._kit.emit(call, audio.started, dict(audio.fields), at=at)
        if audio.loops is not None:
            end = at + audio.seconds * audio.loops
            audio.timer = self._kit.clock.at(end, partial(self._finish, call, audio, end))

    def _finish(self, call: CallState, audio: Audio, at: float) -> None:
        queue = _queue(call, audio.overlay)
        if not queue or queue[0] is not audio:
            return
        queue.popleft()
        self._kit.emit(call, audio.ended, {**audio.fields, "status": "completed"}, at=at)
        if queue:
            self._start(call, queue, at)


def _queue(call: CallState, overlay: bool) -> deque[Audio]:
    return call.overlay if overlay else call.audio


def loops(loop: int | str | None) -> int | None:
    """Passes of a `loop` option: 1 when absent, `None` (until stopped) for `"infinity"`."""
    if loop is None:
        return 1
    return loop if isinstance(loop, int) else None
