"""Call time, scaled from real time, and a scheduler that runs callbacks in it."""

from __future__ import annotations

import heapq
import itertools
import math
import threading
import time
from collections.abc import Callable

__all__ = ["Scheduler"]


class Scheduler:
    """Runs callbacks at instants of call time, in order, on one thread.

    Call time starts at 0 and runs `1 / time_scale` times as fast as real
    time, so with `time_scale=0.001` a 60 s timeout takes 60 ms. Each callback
    sees the instant it was scheduled for, not the moment its thread woke, so
    outcomes do not depend on how busy the machine is.

    Every callback runs holding `lock`, which callers also hold while they
    change the state the callbacks read.
    """

    def __init__(self, time_scale: float, lock: threading.RLock) -> None:
        if not (time_scale > 0 and math.isfinite(time_scale)):
            raise ValueError("time_scale must be a positive, finite number")
        self._scale = time_scale
        self._origin = time.monotonic()
        self._heap: list[tuple[float, int, Callable[[], None]]] = []
        self._order = itertools.count()
        self._changed = threading.Condition(lock)
        self._closed = False
        self._holds = 0
        """Work under way outside the clock that will schedule more (an assistant's posts)."""
        self._thread = threading.Thread(target=self._run, name="sandbox-clock", daemon=True)
        self._thread.start()

    def now(self) -> float:
        """The current call time, in seconds."""
        return (time.monotonic() - self._origin) / self._scale

    def at(self, when: float, callback: Callable[[], None]) -> int:
        """Run `callback` at call time `when` (at once if it has passed); return its handle."""
        with self._changed:
            handle = next(self._order)
            heapq.heappush(self._heap, (when, handle, callback))
            if self._heap[0][1] == handle:
                self._changed.notify_all()  # the earliest now: the clock thread wakes sooner
            return handle

    def cancel(self, handle: int) -> None:
        """Drop the callback `at` returned `handle` for, if it has not run."""
        with self._changed:
            kept = [entry for entry in self._heap if entry[1] != handle]
            if len(kept) < len(self._heap):
                heapq.heapify(kept)
                self._heap[:] = kept
                self._changed.notify_all()

    def hold(self) -> None:
        """Count work under way off the clock, so that `wait_empty` waits for it too."""
        with self._changed:
            self._holds += 1

    def release(self) -> None:
        """The work counted by one `hold` is over."""
        with self._changed:
            self._holds -= 1
            self._changed.notify_all()

    def catch_up(self, until: float) -> None:
        """Run, in this thread, every callback due at or before `until`.

        Commands call this first, so that they act on the state the call has
        reached at their own instant even if the clock thread lags behind.
        """
        with self._changed:
            ran = False
            while self._heap and self._heap[0][0] <= until:
                heapq.heappop(self._heap)[2]()
                ran = True
            if ran:
                self._changed.notify_all()

    def wait_empty(self, deadline: float) -> bool:
        """Wait (real time, `time.monotonic()` deadline) until nothing is scheduled or held."""
        with self._changed:
            return self._changed.wait_for(
                lambda: not self._heap and not self._holds,
                timeout=max(0.0, deadline - time.monotonic()),
            )

    def close(self) -> None:
        """Stop the clock thread; pending callbacks never run."""
        with self._changed:
            self._closed = True
            self._heap.clear()
            self._changed.notify_all()
        self._thread.join()

    def _run(self) -> None:
        with self._changed:
            while not self._closed:
                if not self._heap:
                    self._changed.wait()
                    continue
                wait = (self._heap[0][0] - self.now()) * self._scale
                if wait > 0:
                    self._changed.wait(wait)
                    continue
                heapq.heappop(self._heap)[2]()
                if not self._heap:
                    self._changed.notify_all()
