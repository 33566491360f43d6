"""`Sandbox`: an offline Call Control API on loopback, with scripted callers."""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any, Literal

from ...events import WebhookEvent
from .._http import Serving
from .._signer import WebhookSigner
from ._answerer import Human, Machine
from ._call import SandboxCall
from ._calls import Callee, RefusedCommand, SentCommand
from ._delivery import Attempt, Delivery, UndeliveredWebhookError, check_webhook_url
from ._engine import Engine
from ._face import ApiServer
from ._faults import DEFAULT_RETRY_DELAYS, Faults, check_delays
from ._outbox import Outbox
from ._requests import DialRequest
from ._retries import RETRY_RULES, delivery_timeout_of
from ._sandbox_assistants import AssistantControls
from ._script import CallerStep
from ._toolkit import Toolkit

__all__ = ["Sandbox"]

_CALLER = DialRequest.model_fields["from_"].default
_CALLED = DialRequest.model_fields["to"].default


class Sandbox(Serving, AssistantControls):
    """An offline stand-in for the Telnyx Call Control API, on 127.0.0.1.

    It serves the Call Control actions to the unmodified `telnyx` client
    (point its `base_url` at `sandbox.base_url`), validates every body with
    this library's command models, and posts the webhooks each command
    causes, signed with the sandbox's own ed25519 key, as scripted callers
    press keys, stay silent, answer an AI gather or hang up.

    Delivery is at least once, as with Telnyx: a webhook that gets a non-2xx
    answer (only 408, 429 or 5xx with `retry_on="408_429_5xx"`), or none
    within the timeout, is retried after each of `retry_delays` (call
    seconds) with `meta.attempt` counting up and the same `data.id`, to
    `failover_url` too when set. A call whose app set
    `webhook_retries_policies` (on `answer`, on `dial`, or on another command
    that takes them, such as `transfer`) has its webhooks of each listed
    event type retried after that policy's `retries_ms` instead. Each call has its own
    queue, in order, so a slow receiver holds up only its own call. A webhook
    still undelivered after the last retry is never silent: `wait_idle` and
    `wait_for` raise `UndeliveredWebhookError` naming it.

    Time is scaled: with `time_scale=0.001`, a 60-second timeout passes in
    60 ms of real time. Webhook timestamps (`occurred_at`) follow call time;
    signature timestamps are real.

    Args:
        webhook_url: Where webhooks go; a call's own URL overrides it. With
            neither, webhooks are still signed and logged, just not posted.
        failover_url: Tried right after `webhook_url` fails, on each attempt.
        api_key: The bearer token every request must carry.
        time_scale: Real seconds per second of call time.
        seed: 32-byte ed25519 seed, for a fixed key; random by default.
        port: The port to listen on; a free one by default.
        connection_id: The `connection_id` in every webhook.
        delivery_timeout: Real seconds to wait for a receiver's answer
            (10 by default); any positive number, for tests.
        webhook_timeout_secs: The webhook timeout as Telnyx takes it on a
            connection or application: whole seconds from 1 to 30, in real
            time (not scaled: the app's `Router(deadline=...)` is real time
            too). An attempt not answered by then counts as failed and is
            retried while the app may still be working on the first one, as
            Telnyx does. Give this or `delivery_timeout`, not both.
        request_timeout: Real seconds a request body may take to arrive;
            a slower or shorter one gets a 408 or 400 and the connection closes.
        retry_delays: Call seconds before each retry; `()` posts once.
            The default is an assumption (Telnyx does not publish its own):
            1, 2, 4, 8, 16 and 32 s, so up to 7 attempts.
        retry_on: Which answers are retried: `"non_2xx"` (every answer
            outside 2xx, as Telnyx documents) or `"408_429_5xx"` (only those,
            as an operations note reads it: any other 4xx drops the webhook
            at once, undelivered). Connection failures and timeouts are
            retried under both.
        faults: Delivery faults to inject on purpose (see `Faults`).
        on_attempt: Called from the delivery thread after each post, with
            the event type, the call control id and the `Attempt`, for a
            live timeline; it must not block.

    Raises:
        ValueError: A URL is not an absolute http(s) URL, `time_scale` or
            a timeout is not positive, a retry delay is negative,
            `webhook_timeout_secs` is not a whole number from 1 to 30 or comes
            with `delivery_timeout`, `retry_on` is not a known rule, or
            `seed` is not 32 bytes.
        OSError: `port` cannot be listened on.

    Example:
        ```python
        with Sandbox(time_scale=0.001) as sandbox:
            call = sandbox.dial().press("42#")
            client = telnyx.Telnyx(api_key=sandbox.api_key, base_url=sandbox.base_url)
            client.calls.actions.gather(call.call_control_id)
            ended = sandbox.wait_for("call.gather.ended").event  # digits "42"
        ```
    """

    def __init__(
        self,
        *,
        webhook_url: str | None = None,
        failover_url: str | None = None,
        api_key: str = "KEY_SANDBOX",
        time_scale: float = 1.0,
        seed: bytes | None = None,
        port: int = 0,
        connection_id: str = "sandbox-connection",
        delivery_timeout: float | None = None,
        webhook_timeout_secs: int | None = None,
        request_timeout: float = 5.0,
        retry_delays: Sequence[float] = DEFAULT_RETRY_DELAYS,
        retry_on: Literal["non_2xx", "408_429_5xx"] = "non_2xx",
        faults: Faults | None = None,
        on_attempt: Callable[[str, str, Attempt], None] | None = None,
    ) -> None:
        for url in (webhook_url, failover_url):
            if url is not None:
                check_webhook_url(url)
        delivery_timeout = delivery_timeout_of(delivery_timeout, webhook_timeout_secs)
        if not all(t > 0 and math.isfinite(t) for t in (delivery_timeout, request_timeout)):
            raise ValueError("delivery_timeout and request_timeout must be positive seconds")
        if retry_on not in RETRY_RULES:
            raise ValueError(f"retry_on must be one of {', '.join(RETRY_RULES)}")
        self.api_key = api_key
        self._signer = WebhookSigner(seed)
        outbox = Outbox(
            self._signer,
            time_scale=time_scale,
            retry_delays=check_delays(retry_delays),
            timeout=delivery_timeout,
            retry_on=retry_on,
            faults=faults,
            on_attempt=on_attempt,
        )
        self._engine = Engine(
            Toolkit(
                outbox=outbox,
                webhook_url=webhook_url,
                failover_url=failover_url,
                connection_id=connection_id,
            )
        )
        try:
            super().__init__(ApiServer(self._engine, api_key, port, request_timeout))
        except OSError:
            self._engine.close()
            raise
        self._engine.kit.media_url = f"http://127.0.0.1:{self.port}/_sandbox/recordings"

    def close(self) -> None:
        """Stop serving; webhooks not yet posted are dropped. Safe to call twice."""
        super().close()
        self._engine.close()

    @property
    def base_url(self) -> str:
        """The API base URL, including the `/v2` prefix, for `telnyx.Telnyx(base_url=...)`."""
        return f"http://127.0.0.1:{self.port}/v2"

    @property
    def public_key(self) -> str:
        """The base64 ed25519 public key that verifies this sandbox's webhooks."""
        return self._signer.public_key

    @property
    def webhook_url(self) -> str | None:
        """Where webhooks go unless a call has its own URL."""
        return self._engine.kit.webhook_url

    @webhook_url.setter
    def webhook_url(self, url: str | None) -> None:
        self._engine.kit.webhook_url = None if url is None else check_webhook_url(url)

    @property
    def now(self) -> float:
        """The current call time: seconds since the sandbox started, scaled."""
        return self._engine.clock.now()

    def call_time(self, occurred_at: datetime) -> float:
        """The call time (as `now` counts it) of a webhook's `occurred_at`."""
        return (occurred_at - self._engine.epoch).total_seconds()

    def dial(
        self,
        *steps: CallerStep,
        from_: str = _CALLER,
        to: str = _CALLED,
        webhook_url: str | None = None,
    ) -> SandboxCall:
        """Create an answered call whose caller follows `steps`; no webhook announces it.

        Each step answers one prompt: one try of a gather, or an AI gather.
        More steps can be added to the returned handle before the command
        that should hear them.
        """
        if webhook_url is not None:
            check_webhook_url(webhook_url)
        return SandboxCall(self._engine, self._engine.dial(list(steps), from_, to, webhook_url))

    def ring(
        self,
        *steps: CallerStep,
        from_: str = _CALLER,
        to: str = _CALLED,
        webhook_url: str | None = None,
        patience: float = 30.0,
    ) -> SandboxCall:
        """An inbound call, as Telnyx places one: the app must `answer` it (or `hangup`).

        Sends `call.initiated` now. When the app answers, `call.answered`
        follows and the caller follows `steps`, one per prompt; `call.hangup`
        ends the call when either side hangs up (`hangup_source` says who,
        `hangup_cause` why). A caller nobody answers gives up after
        `patience` call seconds (`originator_cancel`); an app that hangs up
        a ringing call rejects it (`call_rejected`).
        """
        if webhook_url is not None:
            check_webhook_url(webhook_url)
        if not (patience >= 0 and math.isfinite(patience)):
            raise ValueError("patience must be a finite, non-negative number of seconds")
        state = self._engine.ring(list(steps), from_, to, webhook_url, patience)
        return SandboxCall(self._engine, state)

    def callee(
        self,
        number: str,
        *steps: CallerStep,
        answer_after: float = 1.0,
        refuse: Literal["user_busy", "call_rejected"] | None = None,
        answered_by: Human | Machine | None = None,
    ) -> None:
        """Script whoever answers outbound calls to `number` (a dial, or a transfer's leg B).

        Such a call sends `call.initiated`, then `call.answered` after
        `answer_after` call seconds, and the callee follows `steps`. With
        `refuse`, the callee is busy (`"user_busy"`) or rejects the call
        (`"call_rejected"`) after `answer_after` seconds instead: the leg
        ends with `call.hangup` of that cause. A call to a number with no
        callee rings until its `timeout_secs` (30 by default) and ends with
        `call.hangup` (`timeout`).

        `answered_by` is who picks up: a `Human` (the default) or a
        `Machine` (its greeting's length, with or without a beep). A `dial`
        or `transfer` that asked for `answering_machine_detection` gets the
        detection's webhooks about it once the leg is answered.
        """
        if not (answer_after >= 0 and math.isfinite(answer_after)):
            raise ValueError("answer_after must be a finite, non-negative number of seconds")
        if refuse not in (None, "user_busy", "call_rejected"):
            raise ValueError('refuse must be "user_busy", "call_rejected" or None')
        if not isinstance(answered_by, (Human, Machine, type(None))):  # pyright: ignore[reportUnnecessaryIsInstance]
            raise TypeError("answered_by must be a Human, a Machine or None")
        callee = Callee(list(steps), answer_after, refuse, answered_by or Human())
        self._engine.add_callee(number, callee)

    def call(self, call_control_id: str) -> SandboxCall:
        """A handle on a call the sandbox knows, such as one the app dialled.

        Raises:
            KeyError: No such call.
        """
        return SandboxCall(self._engine, self._engine.kit.calls[call_control_id])

    def commands(self, call_control_id: str | None = None) -> list[SentCommand]:
        """The commands the app sent that the sandbox applied, in order, optionally for one call.

        A refused command (401, 404, 422) is not here but in `refused`; a
        repeated `command_id` is listed once.
        """
        with self._engine.lock:
            sent = list(self._engine.sent)
        return [c for c in sent if call_control_id in (None, c.call_control_id)]

    def refused(self, call_control_id: str | None = None) -> list[RefusedCommand]:
        """The actions the sandbox answered with an error, in order, optionally for one call.

        An action it does not know (404), a body that does not validate or a
        command the call's state does not allow (422): each names its action
        and the error's detail. `log()` and `GET /_sandbox/log` list them too.
        """
        with self._engine.lock:
            refused = list(self._engine.refused)
        return [r for r in refused if call_control_id in (None, r.call_control_id)]

    def log(self, call_control_id: str | None = None) -> dict[str, list[dict[str, Any]]]:
        """What happened (on one call), as JSON: `{"commands", "webhooks", "refused", "assistant"}`.

        Each command has its `occurred_at`, `call_control_id`, `action` and
        `body`; each webhook is described as `Delivery.describe()` does; each
        refused command has its `occurred_at`, `call_control_id`, `action`,
        `status` and `detail`; each post of an AI assistant (`"assistant"`)
        is described as `AssistantPost.describe()` does. The control API
        serves the same at
        `GET /_sandbox/log`.
        """
        return self._engine.log(call_control_id)

    @property
    def deliveries(self) -> list[Delivery]:
        """Every webhook delivered or given up so far, in the order each finished."""
        return self._engine.outbox.snapshot()

    @property
    def undelivered(self) -> list[Delivery]:
        """The webhooks given up after their last retry."""
        return [d for d in self.deliveries if not d.delivered]

    def next_deliveries(self, seen: int, timeout: float) -> list[Delivery]:
        """Deliveries after the first `seen`, waiting up to `timeout` seconds for one."""
        return self._engine.outbox.wait_for(seen, time.monotonic() + timeout)[seen:]

    def events(self, call_control_id: str | None = None) -> list[WebhookEvent]:
        """The typed events delivered so far, optionally for one call only."""
        return [
            d.event
            for d in self.deliveries
            if d.delivered and call_control_id in (None, d.call_control_id)
        ]

    def wait_for(
        self,
        event_type: str,
        *,
        call_control_id: str | None = None,
        count: int = 1,
        timeout: float = 5.0,
    ) -> Delivery:
        """Wait for the `count`-th delivery of `event_type` and return it.

        Raises:
            UndeliveredWebhookError: A webhook of that type (and call) was
                given up before `count` of them arrived.
            TimeoutError: It did not come within `timeout` real seconds; the
                message lists what did.
        """
        deadline = time.monotonic() + timeout
        log: list[Delivery] = []
        while True:
            matches = [
                d
                for d in log
                if d.event_type == event_type and call_control_id in (None, d.call_control_id)
            ]
            _raise_undelivered([d for d in matches if not d.delivered])
            if len(matches) >= count:
                return matches[count - 1]
            if time.monotonic() >= deadline:
                seen = ", ".join(d.event_type for d in log) or "nothing"
                raise TimeoutError(f"no {event_type} #{count} within {timeout}s; sent: {seen}")
            log = self._engine.outbox.wait_for(len(log), deadline)

    def wait_idle(self, timeout: float = 5.0) -> None:
        """Wait until nothing is scheduled and every webhook is delivered or given up.

        Raises:
            UndeliveredWebhookError: A webhook was given up after its last retry.
            TimeoutError: The sandbox was still busy after `timeout` real seconds.
        """
        deadline = time.monotonic() + timeout
        clock, outbox = self._engine.clock, self._engine.outbox
        while True:
            if not (clock.wait_empty(deadline) and outbox.wait_empty(deadline)):
                busy = "calls still running" if outbox.wait_empty(0) else "webhooks in flight"
                raise TimeoutError(f"the sandbox was still busy after {timeout}s ({busy})")
            if clock.wait_empty(0) and outbox.wait_empty(0):
                break
        _raise_undelivered(self.undelivered)


def _raise_undelivered(undelivered: list[Delivery]) -> None:
    if undelivered:
        lines = "; ".join(d.summary() for d in undelivered[:5])
        more = f" and {len(undelivered) - 5} more" if len(undelivered) > 5 else ""
        raise UndeliveredWebhookError(
            f"{len(undelivered)} webhook(s) never delivered: {lines}{more}", undelivered
        )
