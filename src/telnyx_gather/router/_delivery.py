"""One delivery's way through the router: every decision, and none of the I/O.

`Router.handle` and `Router.handle_async` drive a `Delivery` through the same
steps (verify and route, claim, run the handler, send, finish); they differ
only in whether the handler and the sends are awaited.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Sequence
from typing import Any, Literal, NamedTuple

from .._errors import CommandRefusedError, WebhookParseError, WebhookVerificationError, safe_repr
from .._log import get_logger
from ..commands import Command
from ..events import WebhookEvent
from ..stores import Claim
from ..verify._rejection import rejection
from ._ids import with_command_ids
from ._routes import HandlerResult, Route, payload_field

__all__ = ["STATUS", "Delivery", "Outcome", "Reason", "log_misfit", "refusal"]

logger = get_logger("router")

Reason = Literal[
    "handled",
    "unhandled",
    "result_misfit",
    "duplicate",
    "in_progress",
    "unauthenticated",
    "too_large",
    "unparseable",
    "handler_failed",
    "send_failed",
    "send_refused",
    "store_unavailable",
    "deadline_exceeded",
    "lease_lost",
    "overloaded",
    "cancelled",
]
"""Why the router answered as it did; `STATUS` maps each to its HTTP status."""

STATUS: dict[Reason, int] = {
    "handled": 200,
    "unhandled": 200,
    "result_misfit": 200,
    "duplicate": 200,
    "in_progress": 503,
    "unauthenticated": 401,
    "too_large": 413,
    "unparseable": 400,
    "handler_failed": 500,
    "send_failed": 502,
    "send_refused": 200,
    "store_unavailable": 503,
    "deadline_exceeded": 503,
    "lease_lost": 503,
    "overloaded": 503,
    "cancelled": 503,
}


class Outcome(NamedTuple):
    """What the router did with one delivery, and the HTTP status to answer Telnyx with.

    An immutable named tuple, cheap to build on every delivery.

    Attributes:
        reason: Why; one of `Reason`.
        event: The verified event, or `None` if the delivery was rejected.
        sent: The commands sent to the event's call, in order, each with the
            `command_id` it was sent with.
        detail: For a rejected delivery, the verifier's `.reason`
            (`bad_signature`, ...); otherwise empty.
        retry_after: For a 503, the seconds after which a redelivery is
            likely to succeed (the `Retry-After` header); otherwise 0.
    """

    reason: Reason
    event: WebhookEvent | None = None
    sent: tuple[Command, ...] = ()
    detail: str = ""
    retry_after: int = 0

    @property
    def status(self) -> int:
        """The HTTP status to answer: 2xx acknowledges; anything else makes Telnyx retry."""
        return STATUS[self.reason]

    @property
    def ok(self) -> bool:
        """Whether the delivery is acknowledged (a 2xx status)."""
        return self.status < 300

    @property
    def headers(self) -> dict[str, str]:
        """The headers to answer with: `Retry-After` on a 503, else none."""
        return {"Retry-After": str(self.retry_after)} if self.retry_after else {}

    @property
    def text(self) -> str:
        """A short answer body: the reason, then any detail (`unauthenticated: bad_signature`)."""
        return f"{self.reason}: {self.detail}" if self.detail else self.reason

    @classmethod
    def rejected(cls, exc: WebhookVerificationError | WebhookParseError) -> Outcome:
        """The outcome of a delivery that failed verification or does not parse (see `rejection`).

        For the integrations, which can refuse an oversize body while reading it.
        """
        status, _ = rejection(exc)
        if isinstance(exc, WebhookParseError):
            return cls("unparseable")
        return cls("too_large" if status == 413 else "unauthenticated", detail=exc.reason)


_outcome = functools.partial(tuple[object, ...].__new__, Outcome)
"""`Outcome` from all five fields, without the named tuple's own constructor (a Python call)."""

_TRANSIENT = frozenset({408, 409, 425, 429})


def refusal(exc: Exception) -> CommandRefusedError | None:
    """The refusal for good a failed send stands for, or `None` if it failed in transit.

    A `Sender` says so with `CommandRefusedError`; the `telnyx` SDK's status
    errors (what `GatherClient` raises) are mapped onto one by their 4xx
    status: such a refusal (422 "Call has already ended", a 400 on a bad
    body) comes back the same on every redelivery; 408, 409, 425 and 429 may not.
    """
    if isinstance(exc, CommandRefusedError):
        return exc
    status = getattr(exc, "status_code", None)
    if isinstance(status, int) and 400 <= status < 500 and status not in _TRANSIENT:
        return CommandRefusedError(f"HTTP {status}", status)
    return None


def log_misfit(event: WebhookEvent, exc: WebhookParseError, handled: bool) -> None:
    """Log an AI gather result that does not fit its handler's model (the field, not the values).

    A redelivery carries the same result, so the event is not retried: it goes
    to the class's plain handler if `handled`, or is acknowledged unhandled.
    """
    logger.warning(
        "%s event %s: %s; %s",
        safe_repr(event.event_type),
        safe_repr(getattr(event, "id", None) or "<no id>"),
        exc,
        "passed to its plain handler" if handled else "acknowledged, no handler runs",
    )


_NONE: list[Command] = []
_NO_MARKS: list[float] = []
"""The empty lists every delivery starts with; never appended to (see `Delivery.commands`)."""


class Delivery:
    """A verified event with a handler, on its way to being handled exactly once.

    Attributes:
        key: The store key, the event's `id`; `None` for an event without
            one, which is never deduplicated.
        token: The owner token of our claim, once claimed.
        sent: The commands sent so far, in order.
        deadline: The `time.monotonic()` instant by which the answer is due.
        queued: Every command the handler returned, with its `command_id`.
        marks: The `time.monotonic()` instants each send started and ended,
            in pairs; an odd count means the last send never ended well.
        handler_seconds: How long the handler ran, once it returned.
    """

    __slots__ = (
        "args",
        "deadline",
        "event",
        "handler_seconds",
        "key",
        "marks",
        "queued",
        "route",
        "sent",
        "token",
    )

    def __init__(
        self, event: WebhookEvent, route: Route, args: tuple[object, ...], deadline: float
    ) -> None:
        self.event, self.route, self.args, self.deadline = event, route, args, deadline
        event_id = getattr(event, "id", None)
        self.key: str | None = event_id if isinstance(event_id, str) else None
        self.token = ""
        # Made by `commands`: a delivery whose handler returns nothing needs none.
        self.sent: list[Command] = _NONE
        self.queued: list[Command] = _NONE
        self.marks: list[float] = _NO_MARKS
        self.handler_seconds: float | None = None

    @property
    def call_control_id(self) -> str | None:
        """The call the commands go to, if the event names one."""
        return payload_field(self.event, "call_control_id")

    def claimed(self, claim: Claim, lease: float) -> Outcome | None:
        """Keep the claim if it is ours; otherwise the outcome to answer now."""
        if claim.state == "done":
            return Outcome("duplicate", self.event)
        if claim.state == "busy":
            return Outcome("in_progress", self.event, retry_after=_seconds(lease))
        self.token = claim.token
        return None

    def commands(self, result: HandlerResult) -> list[Command]:
        """The handler's result as the commands to send, each with its `command_id`.

        Raises:
            TypeError: The handler returned something other than commands.
            ValueError: It returned commands for an event that names no call.
        """
        if result is None:
            return []
        commands: Sequence[Any] = [result] if isinstance(result, Command) else result
        if isinstance(commands, (str, bytes)) or not all(isinstance(c, Command) for c in commands):
            raise TypeError("a handler must return None, a command, or a sequence of commands")
        if commands and self.call_control_id is None:
            raise ValueError("the handler returned commands for an event with no call_control_id")
        self.queued = with_command_ids(commands, self.key)
        self.sent, self.marks = [], []
        return self.queued

    def pending(self) -> Command | None:
        """The command whose send started and did not end well, if any."""
        if len(self.marks) % 2 and len(self.sent) < len(self.queued):
            return self.queued[len(self.sent)]
        return None

    def failed(self, reason: Literal["handler_failed", "send_failed"], exc: Exception) -> Outcome:
        """Log a failed handler or send (the event's id and type, never its body)."""
        logger.error(
            "%s for %s event %s (%s); the event is released so a redelivery runs it again",
            "handler failed" if reason == "handler_failed" else "sending a command failed",
            safe_repr(self.event.event_type),
            safe_repr(self.key or "<no id>"),
            type(exc).__name__,
            exc_info=exc,
        )
        return Outcome(reason, self.event, tuple(self.sent))

    def refused(self, refusal: CommandRefusedError) -> Outcome:
        """Telnyx refused a command for good: log it; the event is finished."""
        logger.warning(
            "Telnyx refused a command for %s event %s (%s); not retried: "
            "a redelivery would be refused the same way",
            safe_repr(self.event.event_type),
            safe_repr(self.key or "<no id>"),
            "?" if refusal.status_code is None else f"HTTP {refusal.status_code}",
        )
        return Outcome("send_refused", self.event, tuple(self.sent))

    def unavailable(self) -> Outcome:
        """The store could not be reached: answer 503, so Telnyx delivers again later."""
        logger.error(
            "the router's store is unavailable; %s event %s is not acknowledged",
            safe_repr(self.event.event_type),
            safe_repr(self.key or "<no id>"),
        )
        return Outcome("store_unavailable", self.event, tuple(self.sent), retry_after=1)

    def abandoned(self, reason: Literal["deadline_exceeded", "lease_lost"]) -> Outcome:
        """The rest of the sends are abandoned: answer 503, the retry sends the same ids."""
        logger.warning(
            "%s event %s: %s; %d command(s) sent, the rest are left to the redelivery",
            safe_repr(self.event.event_type),
            safe_repr(self.key or "<no id>"),
            "the delivery deadline passed" if reason == "deadline_exceeded" else "lease lost",
            len(self.sent),
        )
        return Outcome(reason, self.event, tuple(self.sent), retry_after=1)

    def cancelled(self) -> Outcome:
        """The work was cancelled (the client went away): log it; the claim was released."""
        logger.warning(
            "%s event %s: cancelled before its answer (the client went away); %d command(s) "
            "sent, the event is released so a redelivery runs it",
            safe_repr(self.event.event_type),
            safe_repr(self.key or "<no id>"),
            len(self.sent),
        )
        return Outcome("cancelled", self.event, tuple(self.sent), retry_after=1)

    def done(self) -> Outcome:
        """Everything was sent."""
        return _outcome(("handled", self.event, tuple(self.sent), "", 0))


def _seconds(lease: float) -> int:
    return max(1, math.ceil(lease))
