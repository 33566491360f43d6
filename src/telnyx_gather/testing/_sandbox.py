"""`Sandbox`: an offline Call Control API on loopback, with scripted callers."""

from __future__ import annotations

import time
from datetime import datetime

from pydantic import JsonValue

from ..events import WebhookEvent
from ._delivery import Delivery, check_webhook_url
from ._engine import CallState, Engine
from ._http import Serving
from ._script import AIAnswer, CallerStep, HangUp, Press, Silence
from ._server import ApiServer, DialRequest
from ._signer import WebhookSigner

__all__ = ["Sandbox", "SandboxCall"]

_CALLER = DialRequest.model_fields["from_"].default
_CALLED = DialRequest.model_fields["to"].default


class Sandbox(Serving):
    """An offline stand-in for the Telnyx Call Control API, on 127.0.0.1.

    It serves the eight gather actions to the unmodified `telnyx` client (point
    its `base_url` at `sandbox.base_url`), validates every body with this
    library's command models, and posts the webhooks each command causes,
    signed with the sandbox's own ed25519 key, as scripted callers press keys,
    stay silent, answer an AI gather or hang up.

    Time is scaled: with `time_scale=0.001`, a 60-second timeout passes in
    60 ms of real time. Webhook timestamps (`occurred_at`) follow call time;
    signature timestamps are real.

    Args:
        webhook_url: Where webhooks go; a call's own URL overrides it. With
            neither, webhooks are still signed and logged, just not posted.
        api_key: The bearer token every request must carry.
        time_scale: Real seconds per second of call time.
        seed: 32-byte ed25519 seed, for a fixed key; random by default.
        port: The port to listen on; a free one by default.
        connection_id: The `connection_id` in every webhook.

    Raises:
        ValueError: `webhook_url` is not an absolute http(s) URL, `time_scale`
            is not positive, or `seed` is not 32 bytes.
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
        api_key: str = "KEY_SANDBOX",
        time_scale: float = 1.0,
        seed: bytes | None = None,
        port: int = 0,
        connection_id: str = "sandbox-connection",
    ) -> None:
        if webhook_url is not None:
            check_webhook_url(webhook_url)
        self.api_key = api_key
        self._signer = WebhookSigner(seed)
        self._engine = Engine(
            time_scale=time_scale,
            signer=self._signer,
            webhook_url=webhook_url,
            connection_id=connection_id,
        )
        try:
            super().__init__(ApiServer(self._engine, api_key, port))
        except OSError:
            self._engine.close()
            raise

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
        return self._engine.webhook_url

    @webhook_url.setter
    def webhook_url(self, url: str | None) -> None:
        self._engine.webhook_url = None if url is None else check_webhook_url(url)

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
        """Create an answered call whose caller follows `steps`.

        Each step answers one prompt: one try of a gather, or an AI gather.
        More steps can be added to the returned handle before the command
        that should hear them.
        """
        if webhook_url is not None:
            check_webhook_url(webhook_url)
        return SandboxCall(self._engine, self._engine.dial(list(steps), from_, to, webhook_url))

    @property
    def deliveries(self) -> list[Delivery]:
        """Every webhook sent so far, in order."""
        return self._engine.deliveries.snapshot()

    def next_deliveries(self, seen: int, timeout: float) -> list[Delivery]:
        """Deliveries after the first `seen`, waiting up to `timeout` seconds for one."""
        return self._engine.deliveries.wait_for(seen, time.monotonic() + timeout)[seen:]

    def events(self, call_control_id: str | None = None) -> list[WebhookEvent]:
        """The typed events delivered so far, optionally for one call only."""
        return _events(self.deliveries, call_control_id)

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
            if len(matches) >= count:
                return matches[count - 1]
            if time.monotonic() >= deadline:
                seen = ", ".join(d.event_type for d in log) or "nothing"
                raise TimeoutError(f"no {event_type} #{count} within {timeout}s; sent: {seen}")
            log = self._engine.deliveries.wait_for(len(log), deadline)

    def wait_idle(self, timeout: float = 5.0) -> None:
        """Wait until nothing is scheduled and every webhook has been delivered.

        Raises:
            TimeoutError: The sandbox was still busy after `timeout` real seconds.
        """
        deadline = time.monotonic() + timeout
        while True:
            clock_idle = self._engine.clock.wait_empty(deadline)
            posted = self._engine.deliveries.wait_empty(deadline)
            if not (clock_idle and posted):
                raise TimeoutError(f"the sandbox was still busy after {timeout}s")
            if self._engine.clock.wait_empty(0) and self._engine.deliveries.wait_empty(0):
                return


class SandboxCall:
    """A handle on one simulated call.

    Its step methods append to the caller's script and return the handle,
    so they chain: `sandbox.dial().press("1").stay_silent().hang_up()`.
    """

    def __init__(self, engine: Engine, state: CallState) -> None:
        self._engine = engine
        self._state = state

    def __repr__(self) -> str:
        return f"SandboxCall({self.call_control_id!r})"

    @property
    def call_control_id(self) -> str:
        """The id to send commands to."""
        return self._state.call_control_id

    @property
    def ended(self) -> bool:
        """Whether the call has hung up."""
        return self._state.ended

    def then(self, *steps: CallerStep) -> SandboxCall:
        """Append `steps` to the caller's script."""
        with self._engine.lock:
            self._state.script.extend(steps)
        return self

    def press(self, digits: str, *, delay: float = 1.0, gap: float = 0.3) -> SandboxCall:
        """At the next prompt, press `digits`, `gap` seconds apart, after `delay` seconds."""
        return self.then(Press(digits=digits, delay=delay, gap=gap))

    def stay_silent(self) -> SandboxCall:
        """Let the next prompt time out."""
        return self.then(Silence())

    def hang_up(self, *, delay: float = 1.0) -> SandboxCall:
        """Hang up `delay` seconds into the next prompt."""
        return self.then(HangUp(delay=delay))

    def answer_ai(
        self,
        result: dict[str, JsonValue],
        *,
        say: str | None = None,
        partial: list[dict[str, JsonValue]] | None = None,
        delay: float = 1.0,
    ) -> SandboxCall:
        """Answer the next AI gather; see `AIAnswer`."""
        return self.then(AIAnswer(result=result, say=say, partial=partial, delay=delay))

    def hang_up_now(self) -> None:
        """Hang up at once, ending whatever runs on the call."""
        self._engine.hang_up(self.call_control_id)

    def events(self) -> list[WebhookEvent]:
        """The typed events delivered so far for this call."""
        return _events(self._engine.deliveries.snapshot(), self.call_control_id)


def _events(log: list[Delivery], call_control_id: str | None) -> list[WebhookEvent]:
    return [d.event for d in log if call_control_id in (None, d.call_control_id)]
