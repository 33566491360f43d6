"""What the sandbox records of each webhook: every attempt to post it, and how it ended."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from ..._errors import TelnyxGatherError, safe_repr
from ...events import WebhookEvent, parse_event

__all__ = ["Attempt", "Delivery", "UndeliveredWebhookError", "check_webhook_url"]


def check_webhook_url(url: str) -> str:
    """Return `url` if it is an absolute `http` or `https` URL; raise `ValueError` if not."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError(f"must be an absolute http or https URL, not {safe_repr(url)}")
    return url


@dataclass(frozen=True)
class Attempt:
    """One post of a webhook.

    Attributes:
        number: Its `meta.attempt`: 1 for the first post, counting up.
        url: Where it was posted (the failover URL after the primary failed).
        status: The receiver's HTTP status; `None` if the connection failed
            or timed out.
        error: Why the connection failed, if it did.
        fault: The fault the sandbox injected on purpose, if any:
            `"fail_first"` (the receiver's answer was dropped, so the
            webhook is retried) or `"duplicate"` (a repeat after success).
        body: The exact bytes posted.
        headers: The signature headers posted with them.
    """

    number: int
    url: str
    status: int | None
    error: str | None
    fault: str | None
    body: bytes
    headers: dict[str, str]

    @property
    def ok(self) -> bool:
        """The receiver answered 2xx and the sandbox counted it."""
        return self.status is not None and 200 <= self.status < 300 and self.fault != "fail_first"


@dataclass(frozen=True)
class Delivery:
    """One webhook the sandbox sent (or, with no webhook URL, only logged).

    Attributes:
        event_type: The event's `event_type`.
        call_control_id: The call it is about.
        event_id: Its `data.id`, the same in every attempt.
        body: The bytes of the attempt that succeeded (else of the last one).
        headers: The signature headers sent with `body`.
        url: Where `body` went; `None` when no webhook URL was configured.
        attempts: Every post, in order; empty when there was no URL.
        delivered: A receiver took it (or there was no URL to post to).
    """

    event_type: str
    call_control_id: str
    event_id: str
    body: bytes
    headers: dict[str, str]
    url: str | None
    attempts: tuple[Attempt, ...] = ()
    delivered: bool = True

    @property
    def status(self) -> int | None:
        """The HTTP status of the last attempt that counted, if any."""
        counted = [a for a in self.attempts if a.fault != "duplicate"]
        return counted[-1].status if counted else None

    @property
    def error(self) -> str | None:
        """Why the last attempt failed, if it did."""
        return self.attempts[-1].error if self.attempts else None

    @property
    def event(self) -> WebhookEvent:
        """The body parsed into its typed event."""
        return parse_event(self.body)

    def describe(self) -> dict[str, Any]:
        """This delivery as JSON, for the control API and the CLI."""
        return {
            "event_type": self.event_type,
            "call_control_id": self.call_control_id,
            "event_id": self.event_id,
            "url": self.url,
            "delivered": self.delivered,
            "status": self.status,
            "error": self.error,
            "attempts": [
                {"attempt": a.number, "url": a.url, "status": a.status, "error": a.error}
                | ({"fault": a.fault} if a.fault else {})
                for a in self.attempts
            ],
            "body": json.loads(self.body),
        }

    def summary(self) -> str:
        """One line naming the webhook and how each attempt went."""
        tries = ", ".join(
            f"#{a.number} {a.status or a.error or '?'}" + (f" ({a.fault})" if a.fault else "")
            for a in self.attempts
        )
        return (
            f"{self.event_type} {self.event_id} on {self.call_control_id}: {tries or 'not posted'}"
        )


class UndeliveredWebhookError(TelnyxGatherError, ValueError):
    """The testing sandbox gave up delivering a webhook: every attempt failed.

    Raised by `Sandbox.wait_idle` and `Sandbox.wait_for`, so a test never
    mistakes a webhook the app did not take for one it handled. The message
    names each such webhook (type, `data.id`, call) and how each attempt went.

    Attributes:
        deliveries: The `Delivery` records of the webhooks never delivered.
    """

    def __init__(self, message: str, deliveries: Sequence[Delivery] = ()) -> None:
        super().__init__(message)
        self.deliveries: list[Delivery] = list(deliveries)

    def __reduce__(self) -> tuple[type[UndeliveredWebhookError], tuple[str, list[Delivery]]]:
        return type(self), (str(self), self.deliveries)
