"""Closing what belongs to an event loop while that loop still runs.

A connection opened on an event loop can only be closed cleanly by that
loop: once the loop is closed, its transport can no longer be closed, and
its socket stays open until the garbage collector finds it. An app that runs
each piece of work under its own `asyncio.run` (the usual shape of an async
handler in a serverless function) would leave one such connection behind per
run.

`asyncio.run`, `asyncio.Runner`, uvicorn and uvloop all finish the async
generators a loop started (`loop.shutdown_asyncgens()`) before they close
it, while it still runs. `at_loop_end(ending)` starts one such generator on
the running loop, so `await ending()` runs then, on that loop. A loop closed
without finishing its async generators runs nothing. `LoopEnds` does it
once per loop for an owner of per-loop connections.
"""

from __future__ import annotations

import asyncio
import weakref
from collections.abc import AsyncGenerator, Awaitable, Callable
from contextlib import suppress

__all__ = ["LoopEnds", "at_loop_end"]

_waiting: dict[object, AsyncGenerator[None, None]] = {}
"""The generators started and not yet finished: a loop holds its own only weakly."""


async def _watch(ending: Callable[[], Awaitable[None]], key: object) -> AsyncGenerator[None, None]:
    try:
        yield
    finally:
        _waiting.pop(key, None)
        await ending()


def at_loop_end(ending: Callable[[], Awaitable[None]]) -> None:
    """Await `ending()` on the running event loop when it finishes its async generators.

    `ending` should not raise: the loop would only log it.
    """
    key = object()
    watch = _watch(ending, key)
    step = watch.asend(None)  # the running loop's hook now knows the generator
    with suppress(StopIteration):  # how a step that reached the `yield` ends
        step.send(None)  # it awaits nothing before
    _waiting[key] = watch


class LoopEnds:
    """`at_loop_end(ending)` once for each event loop that asks, which it does not keep alive."""

    def __init__(self, ending: Callable[[], Awaitable[None]]) -> None:
        self.ending = ending
        self._loops: weakref.WeakSet[asyncio.AbstractEventLoop] = weakref.WeakSet()

    def here(self) -> None:
        """Make sure `ending()` runs at the running loop's end (once, however often asked)."""
        loop = asyncio.get_running_loop()
        if loop not in self._loops:
            self._loops.add(loop)
            at_loop_end(self.ending)
