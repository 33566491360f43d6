"""What happens to a delivery before anything is claimed: the load bound, verifying, routing.

`overloaded` keeps a saturated router flat instead of queueing work nobody
waits for any more: once the router already has `max_in_flight` deliveries
in hand (sync and async ones counted together), one more is answered 503
with `Retry-After` at once. It is decided before the body is verified: a 503
acknowledges nothing and says nothing about the body, so answering it
unverified is safe, and shedding load costs next to nothing. No handler
runs and the store is not touched.

A delivery's age is not judged from its signed timestamp: a clock ahead of
the sender's by more than the deadline would answer every delivery 503, and
Telnyx does not document that a retry is signed anew, so an event could be
answered 503 until its retries ran out.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from .._errors import WebhookParseError, WebhookVerificationError
from ._delivery import Delivery, Outcome, log_misfit

if TYPE_CHECKING:
    from ..verify import Body, Headers, Verifier
    from ._routes import Routes

__all__ = ["Gate", "open_delivery", "overloaded"]


class Gate:
    """Counts the deliveries a router has in hand, and refuses one past `limit`.

    One gate serves `handle` (any number of threads) and `handle_async`
    (an event loop) alike: the count is kept under a lock held only to add
    or subtract one. A router with no limit has no gate.
    """

    __slots__ = ("_count", "_lock", "limit")

    def __init__(self, limit: int) -> None:
        if type(limit) is not int or limit < 1:
            raise ValueError("Router: max_in_flight must be a whole number of 1 or more, or None")
        self.limit = limit
        self._count = 0
        self._lock = threading.Lock()

    @property
    def in_flight(self) -> int:
        """How many deliveries are in hand right now."""
        return self._count

    def enter(self) -> bool:
        """Take a place for one delivery; `False` (taking none) when all are taken."""
        with self._lock:
            if self._count >= self.limit:
                return False
            self._count += 1
            return True

    def admit(self, opening: Callable[[], Delivery | Outcome]) -> Delivery | Outcome:
        """Take a place, then open the delivery (`opening`: `open_delivery`, bound to it).

        A `Delivery` keeps its place until the caller's `leave`; any other
        outcome, or an exception, gives it back at once.
        """
        if not self.enter():
            return overloaded()
        opened: Delivery | Outcome | None = None
        try:
            opened = opening()
            return opened
        finally:
            if not isinstance(opened, Delivery):
                self.leave()

    def leave(self) -> None:
        """Give back the place `enter` took."""
        with self._lock:
            self._count -= 1


def overloaded() -> Outcome:
    """The answer past `max_in_flight`: 503, retry in a second; nothing was verified."""
    return Outcome("overloaded", retry_after=1)


def open_delivery(
    verifier: Verifier,
    routes: Routes[Any],
    body: Body,
    headers: Headers,
    started: float,
    deadline: float,
) -> Delivery | Outcome:
    """Verify, parse and route one delivery; the outcome to answer at once, if there is one.

    `deadline` is the router's, in seconds (`math.inf` for none); `started`
    is the `time.monotonic()` instant the router got the delivery.
    """
    try:
        event = verifier.unwrap(body, headers)
    except (WebhookVerificationError, WebhookParseError) as exc:
        return Outcome.rejected(exc)
    route, args, misfit = routes.find(event)
    if misfit is not None:
        log_misfit(event, misfit, handled=route is not None)
    if route is None:
        return Outcome("unhandled" if misfit is None else "result_misfit", event)
    return Delivery(event, route, args, started + deadline)
