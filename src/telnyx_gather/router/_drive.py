"""Driving a `Delivery` through claim, handler, sends and finish, with and without await.

`Driver.run` serves `Router.handle`, `Driver.run_async` serves
`Router.handle_async`; both take the same decisions, from `Delivery`:

- a claim held elsewhere is polled for up to `busy_wait` seconds (within the
  deadline): the holder may finish (`duplicate`, 200), fail and release, or
  die and let its lease run out (then we run it); else `in_progress`, 503;
- the lease is renewed while the handler and the sends run;
- no send starts after the deadline or once the lease is lost: the claim is
  released and the answer is 503, so Telnyx retries with the same ids;
- `run_async` cancelled (an ASGI integration does so when the client
  disconnects) releases the claim before the cancellation goes on.
"""

from __future__ import annotations

import asyncio
import inspect
import math
import sys
import time
from collections.abc import Awaitable, Callable
from contextlib import suppress
from typing import TYPE_CHECKING, Literal, TypeVar, cast

from .._errors import StoreError, safe_repr
from .._log import get_logger
from ._delivery import Delivery, Outcome, refusal
from ._leases import Lease, LoopRenewer, Renewer
from ._routes import Handled, HandlerResult, Route

if TYPE_CHECKING:
    from ..commands import Command
    from ..stores import AsyncStore, Store
    from ._router import Sender

__all__ = ["POLL_SECONDS", "Driver", "settle"]

logger = get_logger("router")
T = TypeVar("T")

POLL_SECONDS = 0.05
"""How often a delivery waiting on another worker's claim asks the store again."""


class Driver:
    """The steps after routing, shared by `Router.handle` and `Router.handle_async`."""

    def __init__(
        self,
        store: Store | AsyncStore,
        client: Sender,
        deadline: float | None,
        busy_wait: float,
    ) -> None:
        self.store = store
        self.client = client
        self.deadline: float = math.inf if deadline is None else deadline
        self.busy_wait = busy_wait
        self.store_is_async = inspect.iscoroutinefunction(store.claim)
        self._renewer = None if self.store_is_async else Renewer(cast("Store", store))
        self._loop_renewer = LoopRenewer(store, self.store_is_async)
        self._slow: set[Route] = set()
        # A store that writes its done marks after the answer (`RedisStore`'s
        # `write_behind`) takes them through `finish_soon`, which never waits.
        soon = getattr(store, "finish_soon", None)
        self._finish_soon: Callable[[str, str], None] | None = (
            soon if getattr(store, "write_behind", False) else None
        )

    def renewers(self) -> tuple[Renewer | None, LoopRenewer]:
        """The store's lease renewers: the thread's (a sync store), the loop's; for tool calls."""
        return self._renewer, self._loop_renewer

    def run(self, d: Delivery) -> Outcome:
        """Claim, run the handler, send and finish, blocking (a sync store and client)."""
        store: Store = self.store  # type: ignore[assignment]  # `handle` refuses an async store
        early = self._claim(d, store)
        if early is not None:
            return early
        renewer = self._renewer
        lease = None if d.key is None or renewer is None else renewer.hold(d.key, d.token)
        try:
            began = time.monotonic()
            try:
                result = d.route.handler(d.event, *d.args)
                commands = () if result is None else d.commands(_sync(result))
            except Exception as exc:  # noqa: BLE001 -- a handler's failure must never escape
                return self._fail(d, "handler_failed", exc)
            self._timed(d, began)
            try:
                for command in commands:
                    stop = self._stop(d, lease)
                    if stop is not None:
                        return self._abandon(d, stop)
                    d.marks.append(time.monotonic())
                    _dispatch(self.client, d, command)
                    d.sent.append(command)
                    d.marks.append(time.monotonic())
            except Exception as exc:  # noqa: BLE001 -- any client failure releases the event
                refused = refusal(exc)
                if refused is None:
                    return self._fail(d, "send_failed", exc)
                finished = self._finish(d, store)
                return d.refused(refused) if finished.ok else finished
            return self._finish(d, store)
        finally:
            if lease is not None and renewer is not None:
                renewer.drop(lease)

    async def run_async(self, d: Delivery) -> Outcome:
        """`run`, awaiting an async store, handler and client as needed."""
        early = await self._claim_async(d)
        if early is not None:
            return early
        lease = None if d.key is None else self._loop_renewer.hold(d.key, d.token)
        try:
            return await self._work_async(d, lease)
        except asyncio.CancelledError:  # the client went away: a redelivery runs it
            await self._release_async(d)
            raise
        finally:
            if lease is not None:
                self._loop_renewer.drop(lease)

    async def _work_async(self, d: Delivery, lease: Lease | None) -> Outcome:
        began = time.monotonic()
        try:
            result: Handled = d.route.handler(d.event, *d.args)
            if result is not None and inspect.isawaitable(result):  # None: no ABC check
                result = await _within(result, d)
            commands = () if result is None else d.commands(result)
        except asyncio.TimeoutError as exc:
            if time.monotonic() < d.deadline:
                return await self._fail_async(d, "handler_failed", exc)
            self._timed(d, began)
            return await self._abandon_async(d, "deadline_exceeded")
        except Exception as exc:  # noqa: BLE001 -- a handler's failure must never escape
            return await self._fail_async(d, "handler_failed", exc)
        self._timed(d, began)
        try:
            for command in commands:
                stop = self._stop(d, lease)
                if stop is not None:
                    return await self._abandon_async(d, stop)
                d.marks.append(time.monotonic())
                sending = _dispatch(self.client, d, command)
                if inspect.isawaitable(sending):
                    await _within(sending, d)
                d.sent.append(command)
                d.marks.append(time.monotonic())
        except asyncio.TimeoutError as exc:
            if time.monotonic() < d.deadline:
                return await self._fail_async(d, "send_failed", exc)
            return await self._abandon_async(d, "deadline_exceeded")
        except Exception as exc:  # noqa: BLE001 -- any client failure releases the event
            refused = refusal(exc)
            if refused is None:
                return await self._fail_async(d, "send_failed", exc)
            finished = await self._finish_async(d)
            return d.refused(refused) if finished.ok else finished
        return await self._finish_async(d)

    def _claim(self, d: Delivery, store: Store) -> Outcome | None:
        if d.key is None:
            return None
        try:
            claim = store.claim(d.key)
            if claim.state == "busy":
                until = min(time.monotonic() + self.busy_wait, d.deadline)
                while claim.state == "busy" and time.monotonic() + POLL_SECONDS <= until:
                    time.sleep(POLL_SECONDS)
                    claim = store.claim(d.key)
        except StoreError:
            return d.unavailable()
        return d.claimed(claim, store.lease)

    async def _claim_async(self, d: Delivery) -> Outcome | None:
        if d.key is None:
            return None
        try:
            claiming = self.store.claim(d.key)  # awaited here, not in `settle`: one frame less
            claim = await claiming if inspect.isawaitable(claiming) else claiming
            if claim.state == "busy":
                until = min(time.monotonic() + self.busy_wait, d.deadline)
                while claim.state == "busy" and time.monotonic() + POLL_SECONDS <= until:
                    await asyncio.sleep(POLL_SECONDS)
                    claim = await settle(self.store.claim(d.key))
        except StoreError:
            return d.unavailable()
        return d.claimed(claim, self.store.lease)

    def _stop(
        self, d: Delivery, lease: Lease | None
    ) -> Literal["deadline_exceeded", "lease_lost"] | None:
        if time.monotonic() >= d.deadline:
            return "deadline_exceeded"
        if lease is not None and lease.lost:
            return "lease_lost"
        return None

    def _timed(self, d: Delivery, began: float) -> None:
        """Note how long the handler ran; warn, once per route, when it overran the deadline."""
        d.handler_seconds = took = time.monotonic() - began
        route = d.route
        if took > self.deadline and route not in self._slow:
            self._slow.add(route)
            logger.warning(
                "handler %s ran longer than the router's deadline (%g s): its commands "
                "are not sent and Telnyx retries; make it faster or raise the deadline",
                safe_repr(getattr(route.handler, "__qualname__", "?")),
                self.deadline,
            )

    def _fail(
        self,
        d: Delivery,
        reason: Literal["handler_failed", "send_failed"],
        exc: Exception,
    ) -> Outcome:
        outcome = d.failed(reason, exc)
        self._release(d)
        return outcome

    def _abandon(self, d: Delivery, reason: Literal["deadline_exceeded", "lease_lost"]) -> Outcome:
        outcome = d.abandoned(reason)
        self._release(d)
        return outcome

    def _release(self, d: Delivery) -> None:
        store = cast("Store", self.store)
        if d.key is not None:
            with suppress(StoreError):  # if it fails, the lease runs out on its own
                store.release(d.key, d.token)

    async def _fail_async(
        self, d: Delivery, reason: Literal["handler_failed", "send_failed"], exc: Exception
    ) -> Outcome:
        outcome = d.failed(reason, exc)
        await self._release_async(d)
        return outcome

    async def _abandon_async(
        self, d: Delivery, reason: Literal["deadline_exceeded", "lease_lost"]
    ) -> Outcome:
        outcome = d.abandoned(reason)
        await self._release_async(d)
        return outcome

    async def _release_async(self, d: Delivery) -> None:
        if d.key is not None:
            with suppress(StoreError):
                await settle(self.store.release(d.key, d.token))

    def _finish(self, d: Delivery, store: Store) -> Outcome:
        if d.key is not None and self._finish_soon is not None:
            self._finish_soon(d.key, d.token)
        elif d.key is not None:
            try:
                store.finish(d.key, d.token)
            except StoreError:
                return d.unavailable()
        return d.done()

    async def _finish_async(self, d: Delivery) -> Outcome:
        if d.key is not None and self._finish_soon is not None:
            self._finish_soon(d.key, d.token)
        elif d.key is not None:
            try:
                await settle(self.store.finish(d.key, d.token))
            except StoreError:
                return d.unavailable()
        return d.done()


async def settle(value: T | Awaitable[T]) -> T:
    """`value`, awaited if it is awaitable: a store call of either kind."""
    if inspect.isawaitable(value):
        return await value
    return value


def _dispatch(client: Sender, d: Delivery, command: Command) -> object:
    # A builder that starts a new call (`Dial`) goes to the client's method of
    # its name (`dial`); every other command acts on the event's call.
    if command.acts_on_call:
        return client.send(d.call_control_id or "", command)
    start: Callable[[Command], object] | None = getattr(client, command.method, None)
    if start is None:
        raise TypeError(
            f"a handler returned {type(command).__name__}, "
            f"but the router's client has no {command.method}()"
        )
    return start(command)


async def _within(waiting: Awaitable[T], d: Delivery) -> T:
    """`waiting`, awaited in this task until the delivery's deadline (then `TimeoutError`)."""
    if d.deadline == math.inf:
        return await waiting
    if sys.version_info >= (3, 11):  # a timer, where `wait_for` makes a task as well
        loop = asyncio.get_running_loop()
        async with asyncio.timeout_at(loop.time() + (d.deadline - time.monotonic())):
            return await waiting
    return await asyncio.wait_for(waiting, max(0.0, d.deadline - time.monotonic()))


def _sync(result: Handled) -> HandlerResult:
    if result is not None and inspect.isawaitable(result):
        if inspect.iscoroutine(result):
            result.close()
        raise TypeError("an async handler needs `await router.handle_async(...)`")
    return result
