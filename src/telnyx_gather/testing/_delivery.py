"""Posting webhooks to their URL, one at a time and in order, and logging each."""

from __future__ import annotations

import threading
import time
import urllib.error
import urllib.request
from collections import deque
from dataclasses import dataclass, replace
from urllib.parse import urlsplit

from .._errors import safe_repr
from ..events import WebhookEvent, parse_event

__all__ = ["Delivery", "DeliveryQueue", "check_webhook_url"]

_OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def check_webhook_url(url: str) -> str:
    """Return `url` if it is an absolute `http` or `https` URL; raise `ValueError` if not."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError(f"must be an absolute http or https URL, not {safe_repr(url)}")
    return url


@dataclass(frozen=True)
class Delivery:
    """One webhook the sandbox sent (or, with no webhook URL, would have sent).

    Attributes:
        event_type: The event's `event_type`.
        call_control_id: The call it is about.
        body: The exact bytes posted.
        headers: The signature headers posted with it.
        url: Where it went; `None` when no webhook URL was configured.
        status: The receiver's HTTP status; `None` if it was not posted or
            the connection failed.
        error: Why the post failed, if it did.
    """

    event_type: str
    call_control_id: str
    body: bytes
    headers: dict[str, str]
    url: str | None
    status: int | None = None
    error: str | None = None

    @property
    def event(self) -> WebhookEvent:
        """The body parsed into its typed event."""
        return parse_event(self.body)


class DeliveryQueue:
    """A worker thread that posts deliveries in order and keeps a log of them.

    Args:
        timeout: Seconds to wait for each receiver's response.
    """

    def __init__(self, timeout: float = 10.0) -> None:
        self.timeout = timeout
        self.log: list[Delivery] = []
        self._queue: deque[Delivery] = deque()
        self._busy = False
        self._closed = False
        self._changed = threading.Condition()
        self._thread = threading.Thread(target=self._run, name="sandbox-webhooks", daemon=True)
        self._thread.start()

    def put(self, delivery: Delivery) -> None:
        """Queue `delivery`; it is posted after every delivery queued before it."""
        with self._changed:
            self._queue.append(delivery)
            self._changed.notify_all()

    def snapshot(self) -> list[Delivery]:
        """A copy of the log."""
        with self._changed:
            return list(self.log)

    def wait_empty(self, deadline: float) -> bool:
        """Wait (until a `time.monotonic()` deadline) for every queued delivery to finish."""
        with self._changed:
            return self._changed.wait_for(
                lambda: not (self._queue or self._busy),
                timeout=max(0.0, deadline - time.monotonic()),
            )

    def wait_for(self, found: int, deadline: float) -> list[Delivery]:
        """Wait until the log has more than `found` entries; return a copy of it."""
        with self._changed:
            self._changed.wait_for(
                lambda: len(self.log) > found, timeout=max(0.0, deadline - time.monotonic())
            )
            return list(self.log)

    def close(self) -> None:
        """Stop after the delivery in flight; queued deliveries are dropped."""
        with self._changed:
            self._closed = True
            self._queue.clear()
            self._changed.notify_all()
        self._thread.join()

    def _run(self) -> None:
        while True:
            with self._changed:
                while not self._queue and not self._closed:
                    self._changed.wait()
                if self._closed:
                    return
                pending = self._queue.popleft()
                self._busy = True
            done = self._post(pending)
            with self._changed:
                self.log.append(done)
                self._busy = False
                self._changed.notify_all()

    def _post(self, delivery: Delivery) -> Delivery:
        if delivery.url is None:
            return delivery
        headers = {
            **delivery.headers,
            "Content-Type": "application/json",
            "User-Agent": "telnyx-gather-sandbox",
        }
        request = urllib.request.Request(delivery.url, data=delivery.body, headers=headers)
        try:
            with _OPENER.open(request, timeout=self.timeout) as response:
                status: int = response.status
        except urllib.error.HTTPError as exc:
            exc.close()
            return replace(delivery, status=exc.code)
        except (urllib.error.URLError, OSError, ValueError) as exc:
            return replace(delivery, error=safe_repr(str(exc), limit=200))
        return replace(delivery, status=status)
