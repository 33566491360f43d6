"""Keeping a claim alive: the router renews each lease it holds while the work runs.

A lease is renewed three times per `store.lease`, so one failed renewal (a
Redis blip) still leaves two more before it runs out. A renewal that finds
the lease gone marks it `lost`: another worker may run the event now, so no
further command is sent for it.

`Renewer` serves `Router.handle` from one daemon thread per router, started at
the first lease and stopping after a while with none; `LoopRenewer` serves
`Router.handle_async` from one timer per running event loop (a `Sweep`),
awaiting the renewal of an `AsyncStore`. A delivery that ends within a third
of a lease is never renewed: holding and dropping its lease costs a set entry
(a dictionary entry, on a loop).
"""

from __future__ import annotations

import asyncio
import threading
import time
from contextlib import suppress
from typing import TYPE_CHECKING

from .._errors import StoreError, safe_repr
from .._log import get_logger
from .._sweep import Sweep, Sweeps

if TYPE_CHECKING:
    from ..stores import AsyncStore, Store

__all__ = ["IDLE_SECONDS", "Lease", "LoopRenewer", "Renewer"]

logger = get_logger("router")

IDLE_SECONDS = 30.0
"""How long the renewing thread waits with no lease before it stops."""


class Lease:
    """One held claim: its key and token, when it is next renewed, and whether it was lost."""

    __slots__ = ("due", "held", "key", "lost", "sweep", "token")

    def __init__(self, key: str, token: str, due: float) -> None:
        self.key, self.token, self.due = key, token, due
        self.lost = False
        self.held = True
        self.sweep: Sweep[Lease] | None = None  # the event loop's timer that renews it


def _renewed(lease: Lease, kept: bool) -> None:
    if not kept and lease.held and not lease.lost:  # a renewal racing the end is no loss
        lease.lost = True
        logger.warning(
            "lost the lease on event %s: another worker may run it; its remaining "
            "commands are not sent",
            safe_repr(lease.key),
        )


class Renewer:
    """Renews the leases of a synchronous store from one background thread."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.every: float = store.lease / 3
        self._held: set[Lease] = set()
        self._wake = threading.Condition()
        self._thread: threading.Thread | None = None

    def hold(self, key: str, token: str) -> Lease:
        """Start renewing the lease `token` holds on `key`."""
        lease = Lease(key, token, time.monotonic() + self.every)
        # One set operation is atomic, and the thread copies the set before it
        # walks it, so only starting the thread needs the lock.
        self._held.add(lease)
        if self._thread is None:
            with self._wake:
                if self._thread is None:
                    self._thread = threading.Thread(
                        target=self._run, name="telnyx-gather-leases", daemon=True
                    )
                    self._thread.start()
        return lease

    def drop(self, lease: Lease) -> None:
        """Stop renewing `lease` (the delivery is over)."""
        lease.held = False
        self._held.discard(lease)

    def _run(self) -> None:
        try:
            while True:
                due = self._next_due()
                if due is None:
                    return
                for lease in due:
                    # A failed renewal is retried a third of a lease later: it outlasts two.
                    with suppress(StoreError):
                        _renewed(lease, self.store.renew(lease.key, lease.token))
        finally:  # on a crash too, so the next `hold` starts a new thread
            with self._wake:
                if self._thread is threading.current_thread():
                    self._thread = None

    def _next_due(self) -> list[Lease] | None:
        """Wait for the next leases to renew; `None` once idle long enough to stop.

        `hold` never wakes this thread: a new lease is due a third of a lease
        after it is taken, never before one already held, and with none held
        the thread looks again at least that often.
        """
        with self._wake:
            idle_until = time.monotonic() + IDLE_SECONDS
            while True:
                now = time.monotonic()
                held = list(self._held)
                if not held:
                    if now >= idle_until:
                        # Unset first, then look again: a `hold` that added its
                        # lease before this look is seen here; one after it sees
                        # no thread and starts one.
                        self._thread = None
                        if not self._held:
                            return None
                        self._thread = threading.current_thread()
                    self._wake.wait(min(max(idle_until - now, 0.0), self.every))
                    continue
                first = min(lease.due for lease in held)
                if first > now:
                    self._wake.wait(first - now)
                    continue
                due = [lease for lease in held if lease.due <= now]
                for lease in due:
                    lease.due = now + self.every
                return due


class LoopRenewer:
    """Renews leases from one timer per running event loop (any store kind)."""

    def __init__(self, store: Store | AsyncStore, is_async: bool) -> None:
        self.store = store
        self.is_async = is_async
        self.every: float = store.lease / 3
        self._tasks: set[asyncio.Task[None]] = set()
        self._sweeps: Sweeps[Lease] = Sweeps(self.every, self._due)

    def hold(self, key: str, token: str) -> Lease:
        """Start renewing the lease `token` holds on `key`."""
        lease = Lease(key, token, 0.0)
        lease.sweep = sweep = self._sweeps.here()
        sweep.add(lease)
        return lease

    def drop(self, lease: Lease) -> None:
        """Stop renewing `lease`."""
        lease.held = False
        if lease.sweep is not None:
            lease.sweep.discard(lease)

    def _due(self, lease: Lease) -> None:
        if self.is_async:
            task = asyncio.get_running_loop().create_task(self._renew(lease))
            self._tasks.add(task)
            task.add_done_callback(self._tasks.discard)
            return
        with suppress(StoreError):
            _renewed(lease, bool(self.store.renew(lease.key, lease.token)))
        self._again(lease)

    async def _renew(self, lease: Lease) -> None:
        with suppress(StoreError):
            kept = self.store.renew(lease.key, lease.token)
            _renewed(lease, kept if isinstance(kept, bool) else bool(await kept))
        self._again(lease)

    def _again(self, lease: Lease) -> None:
        if lease.held and lease.sweep is not None:  # not dropped meanwhile
            lease.sweep.add(lease)
