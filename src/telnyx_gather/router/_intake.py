"""What happens to a delivery before anything is claimed: the load bound, verifying, routing.

Two rules keep a saturated router flat instead of queueing work nobody
waits for any more; both answer 503 with `Retry-After` at once:

- `overloaded`: the router already has `max_in_flight` deliveries in hand
  (sync and async ones counted together). It is decided before the body is
  verified: a 503 acknowledges nothing and says nothing about the body, so
  answering it unverified is safe, and shedding load costs next to nothing.
  No handler runs and the store is not touched.
- `expired`: the delivery was signed longer ago than the router's deadline
  (plus one second, the timestamp's resolution): it waited that long before
  it reached the router (in the server's queue, most often), so its sender
  has given up or soon will. Decided after verification, from the signed
  timestamp (`telnyx-timestamp` or `webhook-timestamp`), so it needs this
  machine's clock in step with the sender's (NTP), like the verifier's
  tolerance does. Nothing is claimed and no handler runs.
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from .._errors import WebhookParseError, WebhookVerificationError, safe_repr
from .._log import get_logger
from ..verify._delivery import find_headers, parse_timestamp, required
from ..verify._headers import TELNYX_TIMESTAMP, WEBHOOK_TIMESTAMP
from ._delivery import Delivery, Outcome, log_misfit

if TYPE_CHECKING:
    from ..verify import Body, Headers, Verifier
    from ._routes import Routes

__all__ = ["Gate", "open_delivery", "overloaded"]

logger = get_logger("router")

_TIMESTAMPS = frozenset({TELNYX_TIMESTAMP, WEBHOOK_TIMESTAMP})
_RESOLUTION = 1.0
"""Signed timestamps are whole seconds: a delivery may be up to this much younger than it reads."""


class Gate:
    """Counts the deliveries a router has in hand, and refuses one past `limit`.

    One gate serves `handle` (any number of threads) and `handle_async`
    (an event loop) alike: the count is kept under a lock held only to add
    or subtract one. With no limit it is never locked.
    """

    __slots__ = ("_count", "_lock", "limit")

    def __init__(self, limit: int | None) -> None:
        if limit is not None and (type(limit) is not int or limit < 1):
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
        if self.limit is None:
            return True
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
        if self.limit is not None:
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
    if deadline != math.inf:
        age = _age(headers)
        if age is not None and age > deadline + _RESOLUTION:
            logger.warning(
                "%s event %s was signed %.0f s ago, past the router's deadline (%g s): "
                "answered 503 at once (if every delivery is, check this machine's clock)",
                safe_repr(event.event_type),
                safe_repr(getattr(event, "id", None) or "<no id>"),
                age,
                deadline,
            )
            return Outcome("expired", event, retry_after=1)
    route, args, misfit = routes.find(event)
    if misfit is not None:
        log_misfit(event, misfit, handled=route is not None)
    if route is None:
        return Outcome("unhandled" if misfit is None else "result_misfit", event)
    return Delivery(event, route, args, started + deadline)


def _age(headers: Headers) -> float | None:
    """Seconds since the verified delivery was signed; `None` if it carries no timestamp."""
    try:
        found = find_headers(headers, _TIMESTAMPS)
        name = TELNYX_TIMESTAMP if TELNYX_TIMESTAMP in found else WEBHOOK_TIMESTAMP
        signed, _ = parse_timestamp(name, required(found, name))
    except WebhookVerificationError:
        return None  # a verifier of its own that reads other headers: no age to judge by
    return time.time() - signed
