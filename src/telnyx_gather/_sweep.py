"""One timer per event loop for many things that each fall due a fixed delay after they start.

A timer per request, lease or delivery costs more than the rest of the work
done on it (a timer handle, a heap entry, a cancellation, often one more turn
of the loop). Everything a `Sweep` holds shares one `delay`, so the order
items are added in is the order they fall due: the timer waits for the
first, fires what is due, and moves on to the next. An item removed before
its time costs a dictionary entry and nothing on the loop.

Used by the HTTP/1.1 pool (a request's timeout), `AsyncRedisStore`'s
connection (a call's socket timeout), the router's lease renewals and the
ASGI integrations' watch for a client that went away.
"""

from __future__ import annotations

import asyncio
import weakref
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

__all__ = ["Sweep", "Sweeps"]

K = TypeVar("K", bound=Hashable)

_EARLY = 0.001
"""Seconds a loop's timer may fire before its time (a clock tick)."""


class Sweep(Generic[K]):
    """Calls `fire(item)` `delay` seconds after each `add(item)`, unless `discard(item)` came first.

    Belongs to one event loop, which it does not keep alive, even with its
    timer set (it keeps no handle of it: the timer is never cancelled):
    `add` and `discard` are called from that loop's thread.
    """

    def __init__(
        self, loop: asyncio.AbstractEventLoop, delay: float, fire: Callable[[K], None]
    ) -> None:
        self.loop = weakref.ref(loop)
        self.delay = delay
        self.fire = fire
        self.due: dict[K, float] = {}
        self.armed = False
        """Whether the loop's timer is set (for the first item due)."""

    def add(self, item: K) -> None:
        """Fire `item` `delay` seconds from now (again, if it was already due later)."""
        loop = asyncio.get_running_loop()
        when = loop.time() + self.delay
        self.due.pop(item, None)  # re-added: it goes to the back, in order of its new time
        self.due[item] = when
        if not self.armed:
            self.armed = True
            loop.call_at(when, self._sweep)

    def discard(self, item: K) -> None:
        """Never fire `item` (unless it is added again)."""
        self.due.pop(item, None)

    def _sweep(self) -> None:
        self.armed = False
        loop = asyncio.get_running_loop()
        now = loop.time() + _EARLY
        fired: list[K] = []
        for item, when in self.due.items():
            if when > now:
                self.armed = True
                loop.call_at(when, self._sweep)
                break
            fired.append(item)
        for item in fired:
            del self.due[item]
        for item in fired:
            self.fire(item)


class Sweeps(Generic[K]):
    """A `Sweep` for each event loop that asks, made at its first `here()`."""

    def __init__(self, delay: float, fire: Callable[[K], None]) -> None:
        self.delay = delay
        self.fire = fire
        self._last: Sweep[K] | None = None
        self._loops: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, Sweep[K]] = (
            weakref.WeakKeyDictionary()
        )

    def here(self) -> Sweep[K]:
        """The running loop's `Sweep`."""
        loop = asyncio.get_running_loop()
        last = self._last
        if last is not None and last.loop() is loop:
            return last
        sweep = self._loops.get(loop)
        if sweep is None:
            sweep = self._loops[loop] = Sweep(loop, self.delay, self.fire)
        self._last = sweep
        return sweep
