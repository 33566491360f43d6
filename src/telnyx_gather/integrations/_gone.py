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

__all__ = ["unless_gone"]

T = TypeVar("T")

Receive = Callable[[], Awaitable[Mapping[str, Any]]]


WATCH_AFTER = 0.05
"""Seconds of work after which a watch for the client's disconnect starts.

Work that ends sooner is answered before a client could give up on it, so
it pays for no watching task.
"""


async def unless_gone(receive: Receive, work: Coroutine[Any, Any, T]) -> T | None:
    """Await `work`, cancelling it if the client disconnects first; `None` if it was.

    The work runs in the caller's task. If it lasts past `WATCH_AFTER`, a
    watcher task waits for the disconnect and cancels the caller's task if
    it comes first.
    """
    current = asyncio.current_task()
    if current is None:  # not in a task: nothing to cancel, just do the work
        return await work
    loop = asyncio.get_running_loop()
    left = False
    watchers: list[asyncio.Task[None]] = []

    async def watch() -> None:
        nonlocal left
        while (await receive()).get("type") != "http.disconnect":
            pass
        left = True
        current.cancel()

    timer = loop.call_later(WATCH_AFTER, lambda: watchers.append(loop.create_task(watch())))
    try:
        return await work
    except asyncio.CancelledError:
        if not left:
            raise
        uncancel = getattr(current, "uncancel", None)  # Python 3.11+
        if uncancel is not None:
            uncancel()
        return None  # the work was cancelled because the client left
    finally:
        timer.cancel()
        for watcher in watchers:
            watcher.cancel()
