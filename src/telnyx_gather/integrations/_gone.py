"""Stop the work on a request whose client went away, under an ASGI server.

Once the body is read, the server's next `receive()` message is
`http.disconnect`, sent when the client closes the connection (or after the
answer). `unless_gone` runs the work beside a wait for that message: if the
client leaves first, the work is cancelled (asyncio cancellation), so a
`Router` stops its handler and sends and releases the event's claim; the
sender's retry then runs it. Commands already sent stay sent: their
`command_id`s make the retry's repeats harmless.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Coroutine, Mapping
from typing import Any, TypeVar

from .._sweep import Sweeps

__all__ = ["unless_gone"]

T = TypeVar("T")

Receive = Callable[[], Awaitable[Mapping[str, Any]]]


WATCH_AFTER = 0.5
"""Seconds of work after which a watch for the client's disconnect starts.

Work that ends sooner is answered before a client could give up on it (a
webhook sender waits seconds), so it pays for no watching task, and no
timer of its own: one timer per event loop (a `Sweep`) starts the watches
that fall due. Work that outlives its client stops at most this long after
the client left. Not much shorter: a saturated app's deliveries wait for
tens of milliseconds, and a watch for each of them would cost it a sixth of
its throughput.
"""


class _Work:
    """One request's work in flight: its task, how to hear from its client, and the watch."""

    __slots__ = ("left", "receive", "task", "watcher")

    def __init__(self, receive: Receive, task: asyncio.Task[Any]) -> None:
        self.receive = receive
        self.task = task
        self.left = False
        self.watcher: asyncio.Task[None] | None = None


async def _watch(work: _Work) -> None:
    while (await work.receive()).get("type") != "http.disconnect":
        pass
    work.left = True
    work.task.cancel()


def _start_watch(work: _Work) -> None:
    work.watcher = asyncio.get_running_loop().create_task(_watch(work))


_due: Sweeps[_Work] = Sweeps(WATCH_AFTER, _start_watch)


async def unless_gone(receive: Receive, work: Coroutine[Any, Any, T]) -> T | None:
    """Await `work`, cancelling it if the client disconnects first; `None` if it was.

    The work runs in the caller's task. If it lasts past `WATCH_AFTER`, a
    watcher task waits for the disconnect and cancels the caller's task if
    it comes first.
    """
    current = asyncio.current_task()
    if current is None:  # not in a task: nothing to cancel, just do the work
        return await work
    watched = _Work(receive, current)
    sweep = _due.here()
    sweep.add(watched)
    try:
        return await work
    except asyncio.CancelledError:
        if not watched.left:
            raise
        uncancel = getattr(current, "uncancel", None)  # Python 3.11+
        if uncancel is not None:
            uncancel()
        return None  # the work was cancelled because the client left
    finally:
        sweep.discard(watched)
        if watched.watcher is not None:
            watched.watcher.cancel()
