"""Redis round trips shared by many deliveries: finish marks on their way, claims in batches.

A router answers Telnyx once a delivery's commands are sent; with
`RedisStore(write_behind=...)` the mark that the event is done follows a
little later. `Marks` holds the marks not yet in Redis: each one rides on
the next claim's round trip (the claim script writes them first), and a
`ThreadFlusher` writes them on its own only when no claim has come for
`write_behind` seconds (`FLUSH_EVERY` for `True`); a `LoopFlusher` does
the same for `AsyncRedisStore`, from a timer on the event loop. Until its mark is
written, the store that holds it answers `done` for the event from memory,
and any other worker finds the claim's lease and waits (`busy_wait`) for
the mark. A mark that is never written (the process died first, or Redis
stayed down) costs what a lost finish costs in any store: the lease runs
out, and a later redelivery runs the handler again, sending the same
`command_id`s, which Telnyx ignores.

`LoopBatch` sends the claims (or the finishes) that deliveries on one event
loop ask for in the same turn of the loop in one round trip, so a burst of
deliveries waits for one round trip, not one each.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Awaitable, Callable
from contextlib import suppress
from types import TracebackType
from typing import Generic, TypeVar

from ._errors import StoreError
from ._log import get_logger

__all__ = ["FLUSH_EVERY", "LoopBatch", "LoopFlusher", "Marks", "ThreadFlusher", "flush_every"]

logger = get_logger("stores")

T = TypeVar("T")
R = TypeVar("R")

FLUSH_EVERY = 0.02
"""The seconds a mark may wait for a claim to carry it that `write_behind=True` means."""


def flush_every(write_behind: bool | float, store: str) -> float:
    """The seconds a mark may wait that `write_behind` asks for; 0 for none.

    Raises:
        ValueError: `write_behind` is neither a bool nor seconds (>= 0).
    """
    every = FLUSH_EVERY if write_behind is True else float(write_behind)
    if not every >= 0:
        raise ValueError(f"{store}: write_behind must be True, False or seconds (>= 0)")
    return every


IDLE = 30.0
"""Seconds a flushing thread waits with no mark before it stops."""

STOP_BOUND = 30.0
"""Seconds `ThreadFlusher.stop` waits for a write under way (each read of one is bounded too)."""


class Marks:
    """The finish marks not yet in Redis: waiting for a round trip, or in one.

    Safe to share between threads; `take` hands the waiting marks to one
    round trip, which reports back with `written` or `returned`.
    """

    def __init__(self) -> None:
        self._waiting: dict[str, None] = {}
        self._sending: dict[str, None] = {}
        self._lock = threading.Lock()
        self.taken = 0
        """How many times marks were taken: a flusher writes only when this stands still."""
        self._failing = False

    def __contains__(self, key: object) -> bool:
        return key in self._waiting or key in self._sending

    def __len__(self) -> int:
        return len(self._waiting) + len(self._sending)

    def add(self, key: str) -> None:
        """Queue the mark for `key`."""
        with self._lock:
            self._waiting[key] = None

    def take(self) -> list[str]:
        """The waiting marks, now in a round trip (still pending until `written`)."""
        if not self._waiting:
            return []
        with self._lock:
            keys = list(self._waiting)
            self._sending.update(self._waiting)
            self._waiting.clear()
            self.taken += 1
        return keys

    def sending(self) -> Sending:
        """The waiting marks, taken for one round trip run in a `with` block (see `Sending`)."""
        return Sending(self)

    def written(self, keys: list[str]) -> None:
        """The round trip that took `keys` wrote them."""
        if not keys:
            return
        with self._lock:
            for key in keys:
                self._sending.pop(key, None)
        if self._failing:
            self._failing = False
            logger.warning("the store's Redis is back: pending finish marks were written")

    def returned(self, keys: list[str], exc: StoreError) -> None:
        """The round trip that took `keys` failed: they wait for the next one."""
        self.unsent(keys)
        if keys and not self._failing:
            self._failing = True
            logger.warning(
                "could not write %d finish mark(s) to the store (%s); they go with the next "
                "round trip",
                len(keys),
                exc,
            )

    def unsent(self, keys: list[str]) -> None:
        """The round trip that took `keys` ended without a word (cancelled): they wait again."""
        with self._lock:
            for key in keys:
                if key in self._sending:
                    del self._sending[key]
                    self._waiting[key] = None


class Sending:
    """`with marks.sending() as keys:` takes the waiting marks for the round trip in the block.

    They are written if the block ends well; if it raises `StoreError` they
    wait for the next round trip (`Marks.returned`, which logs it); if it is
    cancelled or interrupted, they wait again silently: nothing says Redis
    did not write them, and a mark written twice is the same mark.
    """

    __slots__ = ("keys", "marks")

    def __init__(self, marks: Marks) -> None:
        self.marks = marks
        self.keys: list[str] = []

    def __enter__(self) -> list[str]:
        self.keys = self.marks.take()
        return self.keys

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if exc is None:
            self.marks.written(self.keys)
        elif isinstance(exc, StoreError):
            self.marks.returned(self.keys, exc)
        else:
            self.marks.unsent(self.keys)


class ThreadFlusher:
    """Writes marks no claim carried, with `write(keys)`, from one daemon thread."""

    def __init__(self, marks: Marks, write: Callable[[list[str]], None], every: float) -> None:
        self.marks = marks
        self._write = write
        self.every = every
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self._stop = threading.Event()

    def start(self) -> None:
        """Make sure the thread runs (call it after adding a mark)."""
        if self._thread is None:
            with self._lock:
                if self._thread is None:
                    self._stop.clear()
                    self._thread = threading.Thread(
                        target=self._run, name="telnyx-gather-marks", daemon=True
                    )
                    self._thread.start()

    def flush(self) -> None:
        """Write every waiting mark now, in the caller's thread.

        Raises:
            StoreError: Redis cannot be reached; the marks stay pending.
        """
        with self.marks.sending() as keys:
            if keys:
                self._write(keys)

    def stop(self) -> None:
        """Stop the thread, waiting for a write it has under way (it writes nothing more)."""
        self._stop.set()
        thread = self._thread
        if thread is not None and thread is not threading.current_thread():
            thread.join(STOP_BOUND)  # so no write is left using a client about to close

    def _run(self) -> None:
        idle = 0.0
        seen = self.marks.taken
        try:
            while not self._stop.wait(self.every):
                if not self.marks:
                    idle += self.every
                    if idle >= IDLE:
                        return
                    continue
                idle = 0.0
                if self.marks.taken == seen:  # no claim carried them meanwhile
                    with suppress(StoreError):  # kept pending and logged; tried again
                        self.flush()
                seen = self.marks.taken
        finally:
            with self._lock:
                self._thread = None
            if self.marks and not self._stop.is_set():  # a mark added as it stopped
                self.start()


class LoopFlusher:
    """Writes marks no claim carried, with `await write(keys)`, from a timer on the event loop."""

    def __init__(
        self, marks: Marks, write: Callable[[list[str]], Awaitable[None]], every: float
    ) -> None:
        self.marks = marks
        self._write = write
        self.every = every
        self._timer: asyncio.TimerHandle | None = None
        self._loop: asyncio.AbstractEventLoop | None = None  # the timer's
        self._seen = 0
        self._tasks: set[asyncio.Task[None]] = set()

    def start(self) -> None:
        """Make sure a timer is set on the running loop (call it after adding a mark)."""
        if self._loop is None or self._loop.is_closed():  # no timer, or one on an ended loop
            self._loop = loop = asyncio.get_running_loop()
            self._seen = self.marks.taken
            self._timer = loop.call_later(self.every, self._due, loop)

    async def flush(self) -> None:
        """Write every waiting mark now.

        Raises:
            StoreError: Redis cannot be reached; the marks stay pending.
        """
        with self.marks.sending() as keys:
            if keys:
                await self._write(keys)

    def stop(self) -> None:
        """Cancel the timer (it writes nothing more)."""
        if self._timer is not None:
            self._timer.cancel()
        self._timer = self._loop = None

    def stop_here(self) -> None:
        """Cancel the timer if it is the running loop's (the loop is ending)."""
        if self._loop is asyncio.get_running_loop():
            self.stop()

    def _due(self, loop: asyncio.AbstractEventLoop) -> None:
        self._timer = self._loop = None
        if not self.marks:
            return
        if self.marks.taken == self._seen:  # no claim carried them meanwhile
            task = loop.create_task(self._flush_quietly())
            self._tasks.add(task)
            task.add_done_callback(self._tasks.discard)
        self.start()

    async def _flush_quietly(self) -> None:
        with suppress(StoreError):  # kept pending and logged; tried again
            await self.flush()


class LoopBatch(Generic[T, R]):
    """Runs the requests made in one turn of the event loop together, with `run(requests)`.

    `run` answers the requests in order, in one round trip. If it raises
    `StoreError`, every request of the batch raises it.
    """

    def __init__(self, run: Callable[[list[T]], Awaitable[list[R]]]) -> None:
        self._run = run
        self._queue: list[tuple[T, asyncio.Future[R]]] = []
        self._tasks: set[asyncio.Task[None]] = set()

    def __call__(self, request: T) -> asyncio.Future[R]:
        """The answer to `request`, to await: sent with the others made in this turn of the loop."""
        loop = asyncio.get_running_loop()
        answer: asyncio.Future[R] = loop.create_future()
        self._queue.append((request, answer))
        if len(self._queue) == 1:
            loop.call_soon(self._start, loop)
        return answer

    def _start(self, loop: asyncio.AbstractEventLoop) -> None:
        batch, self._queue = self._queue, []
        task = loop.create_task(self._send(batch))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _send(self, batch: list[tuple[T, asyncio.Future[R]]]) -> None:
        try:
            answers = await self._run([request for request, _ in batch])
        except StoreError as exc:
            for _, answer in batch:
                if not answer.done():
                    error = StoreError(str(exc))
                    error.__cause__ = exc.__cause__
                    answer.set_exception(error)
            return
        except asyncio.CancelledError:
            for _, answer in batch:
                answer.cancel()
            raise
        for (_, answer), value in zip(batch, answers, strict=True):
            if not answer.done():  # its delivery may have been cancelled meanwhile
                answer.set_result(value)
