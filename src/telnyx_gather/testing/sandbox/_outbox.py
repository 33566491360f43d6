"""Delivery: one queue per call, posted in order, retried until a receiver takes each webhook.

The engine puts each event in the outbox. A pool of workers takes calls
with webhooks waiting, one webhook of one call at a time, so each call's
webhooks go out in order and a slow or failing receiver holds up only its
own call (the pool grows when every worker is busy). A worker builds the
envelope with the public factories' code, signs it, posts it, and retries a
failed attempt on the schedule, in call time (see `_retries` for which
answers count as failed, and the per-call schedules).
"""

from __future__ import annotations

import threading
import time
import urllib.error
import urllib.request
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from ..._errors import safe_repr
from .._factories import webhook_body
from .._signer import WebhookSigner
from ._delivery import Attempt, Delivery
from ._faults import Faults
from ._retries import RetryOn, is_retried

__all__ = ["AttemptHook", "Outbox", "Webhook"]

MAX_WORKERS = 512

AttemptHook = Callable[[str, str, Attempt], None]
"""Called after each post with the event type, the call and the `Attempt`."""

_OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))


@dataclass
class Webhook:
    """An event waiting to be delivered, with the faults drawn for it."""

    event_type: str
    call_control_id: str
    event_id: str
    occurred_at: datetime
    payload: dict[str, Any]
    url: str | None
    failover_url: str | None
    retry_delays: tuple[float, ...] | None = None
    """The call's own schedule for this event type, if the app set one; else the outbox's."""
    fail_first: bool = False
    duplicate: bool = False
    reorder: bool = False


class Outbox:
    """Per-call queues of webhooks, their workers, and the log of what became of each.

    Args:
        signer: Signs every attempt (each has its own timestamp).
        time_scale: Real seconds per call second, for the retry waits.
        retry_delays: Call seconds to wait before each retry.
        timeout: Real seconds to wait for a receiver's answer.
        retry_on: Which answers are retried (see `_retries`).
        faults: Faults to inject, if any.
        on_attempt: Told of each post as soon as it is answered (or fails).
    """

    def __init__(
        self,
        signer: WebhookSigner,
        *,
        time_scale: float,
        retry_delays: tuple[float, ...],
        timeout: float,
        faults: Faults | None,
        retry_on: RetryOn = "non_2xx",
        on_attempt: AttemptHook | None = None,
    ) -> None:
        self.signer = signer
        self.time_scale = time_scale
        self.retry_delays = retry_delays
        self.timeout = timeout
        self.retry_on: RetryOn = retry_on
        self.faults = faults
        self.on_attempt = on_attempt
        self.log: list[Delivery] = []
        self._queues: dict[str, deque[Webhook]] = {}
        """Each call's waiting webhooks; a call with none has no entry."""
        self._ready: deque[str] = deque()
        """Calls with webhooks waiting and no worker on them."""
        self._busy: set[str] = set()
        """Calls a worker is delivering to right now."""
        self._workers = 0
        self._idle = 0
        self._closed = threading.Event()
        lock = threading.Lock()
        self._changed = threading.Condition(lock)
        """Notified when the log grows or the outbox empties, for those who wait on it."""
        self._wake = threading.Condition(lock)
        """Notified when a call becomes ready, for idle workers."""

    def put(self, webhook: Webhook) -> None:
        """Queue `webhook` behind its call's earlier ones."""
        call = webhook.call_control_id
        with self._changed:
            if self._closed.is_set():
                return
            if self.faults is not None:
                hits = self.faults.draw(webhook.event_type)
                webhook.fail_first, webhook.duplicate, webhook.reorder = hits
            queue = self._queues.setdefault(call, deque())
            queue.append(webhook)
            if len(queue) == 1 and call not in self._busy:
                self._ready.append(call)
                if self._idle:
                    self._wake.notify()
                elif self._workers < MAX_WORKERS:
                    self._workers += 1
                    threading.Thread(
                        target=self._work, name="sandbox-webhooks", daemon=True
                    ).start()

    def snapshot(self) -> list[Delivery]:
        """A copy of the log: every webhook delivered or given up, in the order they ended."""
        with self._changed:
            return list(self.log)

    def wait_for(self, found: int, deadline: float) -> list[Delivery]:
        """Wait (until a `time.monotonic()` deadline) for more than `found` log entries."""
        with self._changed:
            self._changed.wait_for(
                lambda: len(self.log) > found, timeout=max(0.0, deadline - time.monotonic())
            )
            return list(self.log)

    def wait_empty(self, deadline: float) -> bool:
        """Wait until no webhook is queued or being posted; `False` if the deadline came first."""
        with self._changed:
            return self._changed.wait_for(
                lambda: not (self._queues or self._busy),
                timeout=max(0.0, deadline - time.monotonic()),
            )

    def close(self) -> None:
        """Stop: queued webhooks are dropped, retry waits end, posts in flight finish."""
        with self._changed:
            self._closed.set()
            self._queues.clear()
            self._ready.clear()
            self._changed.notify_all()
            self._wake.notify_all()

    def _work(self) -> None:
        while True:
            with self._changed:
                while not self._ready and not self._closed.is_set():
                    self._idle += 1
                    self._wake.wait()
                    self._idle -= 1
                if self._closed.is_set():
                    self._workers -= 1
                    return
                call = self._ready.popleft()
                self._busy.add(call)
                queue = self._queues[call]
                webhook = queue.popleft()
                if webhook.reorder and queue:
                    webhook.reorder = False
                    webhook, queue[0] = queue[0], webhook
            done = self._deliver(webhook)
            with self._changed:
                self._busy.discard(call)
                if self._closed.is_set():
                    continue
                self.log.append(done)
                if self._queues.get(call):
                    self._ready.append(call)
                else:
                    self._queues.pop(call, None)
                self._changed.notify_all()

    def _deliver(self, webhook: Webhook) -> Delivery:
        urls = [u for u in (webhook.url, webhook.failover_url) if u is not None]
        if not urls:
            body = self._body(webhook, None, None)
            headers = self.signer.sign(body)
            return self._record(webhook, body, headers, None, (), delivered=True)
        attempts: list[Attempt] = []
        delays = self.retry_delays if webhook.retry_delays is None else webhook.retry_delays
        for number, wait in enumerate((*delays, None), start=1):
            for url in urls:
                fault = "fail_first" if webhook.fail_first and not attempts else None
                attempt = self._post(webhook, number, url, fault)
                attempts.append(attempt)
                if attempt.ok:
                    if webhook.duplicate:
                        attempts.append(self._post(webhook, number + 1, url, "duplicate"))
                    return self._record(
                        webhook, attempt.body, attempt.headers, url, attempts, delivered=True
                    )
                if fault is None and not is_retried(attempt.status, self.retry_on):
                    wait = None  # an answer this rule does not retry: the webhook is dropped
                    break
            if wait is None or self._closed.wait(wait * self.time_scale):
                break
        last = attempts[-1]
        return self._record(webhook, last.body, last.headers, last.url, attempts, delivered=False)

    def _post(self, webhook: Webhook, number: int, url: str, fault: str | None) -> Attempt:
        body = self._body(webhook, number, url)
        headers = self.signer.sign(body)
        sent = {
            **headers,
            "Content-Type": "application/json",
            "User-Agent": "telnyx-gather-sandbox",
        }
        request = urllib.request.Request(url, data=body, headers=sent)
        status: int | None = None
        error: str | None = None
        try:
            with _OPENER.open(request, timeout=self.timeout) as response:
                status = response.status
        except urllib.error.HTTPError as exc:
            exc.close()
            status = exc.code
        except (urllib.error.URLError, OSError, ValueError) as exc:
            error = safe_repr(str(exc), limit=200)
        attempt = Attempt(number, url, status, error, fault, body, headers)
        if self.on_attempt is not None:
            self.on_attempt(webhook.event_type, webhook.call_control_id, attempt)
        return attempt

    def _body(self, webhook: Webhook, attempt: int | None, url: str | None) -> bytes:
        return webhook_body(
            webhook.event_type,
            webhook.payload,
            event_id=webhook.event_id,
            occurred_at=webhook.occurred_at,
            attempt=attempt,
            delivered_to=url or "",
        )

    def _record(
        self,
        webhook: Webhook,
        body: bytes,
        headers: dict[str, str],
        url: str | None,
        attempts: list[Attempt] | tuple[Attempt, ...],
        *,
        delivered: bool,
    ) -> Delivery:
        return Delivery(
            webhook.event_type,
            webhook.call_control_id,
            webhook.event_id,
            body,
            headers,
            url,
            tuple(attempts),
            delivered,
        )
