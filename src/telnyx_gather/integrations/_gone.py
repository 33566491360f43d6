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


async def unless_gone(receive: Receive, work: Coroutine[Any, Any, T]) -> T | None:
    """Await `work`, cancelling it if the client disconnects first; `None` if it was."""
    task = asyncio.ensure_future(work)
    gone = asyncio.ensure_future(_disconnect(receive))
    try:
        await asyncio.wait((task, gone), return_when=asyncio.FIRST_COMPLETED)
    finally:
        gone.cancel()
        if not task.done():
            task.cancel()
    try:
        return await task
    except asyncio.CancelledError:
        if task.cancelled() and gone.done() and not gone.cancelled():
            return None  # the work was cancelled because the client left, and said so
        raise


async def _disconnect(receive: Receive) -> None:
    while (await receive()).get("type") != "http.disconnect":
        pass
