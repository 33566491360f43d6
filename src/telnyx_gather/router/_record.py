"""Watching deliveries: the router's opt-in recorder, and observers of every router.

A `Recorder` sees each delivery a router handled (the raw body, never its
headers) with its `Outcome`. Set one on a router (`router.recorder = ...`) to
record its calls, as `telnyx_gather.testing.CassetteRecorder` does; or
register one for every router in the process with `observe_routers`, as the
pytest plugin does for route coverage. Without either, the router pays one
attribute check per delivery.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from ..verify import Body
    from ._delivery import Outcome

__all__ = ["OBSERVERS", "Recorder", "notify", "observe_routers"]


class Recorder(Protocol):
    """What watches a router's deliveries: `record` is called once per delivery it handled."""

    def record(self, router: object, body: Body, outcome: Outcome) -> None:
        """Called after `router` handled the delivery `body`, with its outcome.

        It runs on the request's thread (or event loop) before the answer is
        returned, so it must be quick, and must not raise.
        """
        ...


OBSERVERS: list[Recorder] = []
"""The recorders `observe_routers` added: they see every router's deliveries."""
_lock = threading.Lock()


def observe_routers(recorder: Recorder) -> Callable[[], None]:
    """Have `recorder` see the deliveries of every router in this process.

    Returns:
        A function that stops it (safe to call twice).
    """
    with _lock:
        OBSERVERS.append(recorder)

    def stop() -> None:
        with _lock:
            if recorder in OBSERVERS:
                OBSERVERS.remove(recorder)

    return stop


def notify(router: object, recorder: Recorder | None, body: Body, outcome: Outcome) -> Outcome:
    """Show `outcome` to the router's recorder and to every observer; return it unchanged."""
    if recorder is not None:
        recorder.record(router, body, outcome)
    if OBSERVERS:
        for observer in tuple(OBSERVERS):
            observer.record(router, body, outcome)
    return outcome
