"""Run an app's handler within a deadline, sync or async, and answer in time either way.

An async handler still running at its deadline is cancelled. A sync one
cannot be: it runs on a worker thread, the caller stops waiting at the
deadline and answers, and the thread is left to finish on its own (its
result is dropped, and that it finished late is logged). A sync handler
that has not started by its deadline (every worker busy) never starts.

Tool calls and the dynamic-variables webhook share this: `within` for
`handle_tool` / `handle_initialization`, `within_async` for the async twins.
"""

from __future__ import annotations

import asyncio
import atexit
import contextvars
from collections.abc import Awaitable, Callable
from concurrent.futures import Future, ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from typing import TypeVar, cast

from .._log import get_logger

__all__ = ["Overran", "within", "within_async"]

logger = get_logger("router")

T = TypeVar("T")
A = TypeVar("A")

WORKERS = 32
"""Worker threads for sync handlers run with a deadline (shared by every router)."""

_pool: ThreadPoolExecutor | None = None


class Overran(Exception):
    """The handler did not return by its deadline; its result, if any comes, is dropped."""


def _threads() -> ThreadPoolExecutor:
    global _pool
    if _pool is None:
        _pool = ThreadPoolExecutor(max_workers=WORKERS, thread_name_prefix="telnyx-gather-handler")
        atexit.register(_pool.shutdown, wait=False)
    return _pool


class _Run:
    """One sync handler's run on a worker thread, and whether the caller gave up waiting."""

    def __init__(self, what: str, future: Future[object]) -> None:
        self.what, self.future, self.overran = what, future, False
        future.add_done_callback(self._done)

    def _done(self, future: Future[object]) -> None:
        if self.overran and not future.cancelled():
            logger.warning("%s finished after its deadline; its result was not used", self.what)

    def give_up(self, timeout: float) -> Overran:
        """Stop waiting: cancel a run that never started, else leave its thread to finish."""
        self.overran = True
        if self.future.cancel():  # never started: every worker was busy
            logger.warning(
                "%s did not start within its %ss deadline; it will not run", self.what, timeout
            )
        else:
            logger.warning(
                "%s overran its %ss deadline: answered without it; its thread runs on",
                self.what,
                timeout,
            )
        return Overran(self.what)


def _submit(what: str, handler: Callable[[A], T], argument: A) -> tuple[Future[T], _Run]:
    future = _threads().submit(contextvars.copy_context().run, handler, argument)
    return future, _Run(what, cast("Future[object]", future))


def within(what: str, timeout: float | None, handler: Callable[[A], T], argument: A) -> T:
    """`handler(argument)`, on a worker thread when there is a deadline.

    Args:
        what: Names the handler in the log ("tool book_table").
        timeout: Seconds to wait; `None` runs the handler here, unbounded.

    Raises:
        Overran: The deadline passed first.
        Exception: Whatever the handler raised.
    """
    if timeout is None:
        return handler(argument)
    future, run = _submit(what, handler, argument)
    try:
        return future.result(timeout)
    except FutureTimeout:
        raise run.give_up(timeout) from None


async def within_async(
    what: str,
    timeout: float | None,
    handler: Callable[[A], T] | Callable[[A], Awaitable[T]],
    argument: A,
    *,
    is_async: bool,
) -> T:
    """`within` for the event loop: an async handler is awaited and cancelled at its deadline.

    Raises:
        Overran: The deadline passed first.
        Exception: Whatever the handler raised.
    """
    if is_async:
        pending = cast("Callable[[A], Awaitable[T]]", handler)(argument)
        try:
            return await asyncio.wait_for(pending, timeout)
        except asyncio.TimeoutError:
            logger.warning("%s overran its %ss deadline and was cancelled", what, timeout)
            raise Overran(what) from None
    sync = cast("Callable[[A], T]", handler)
    if timeout is None:
        return sync(argument)
    future, run = _submit(what, sync, argument)
    try:
        return await asyncio.wait_for(asyncio.wrap_future(future), timeout)
    except asyncio.TimeoutError:
        raise run.give_up(timeout) from None
