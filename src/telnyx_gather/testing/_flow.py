"""`CallFlow`: a sandbox wired to the app under test, driven as a caller would."""

from __future__ import annotations

import time
from typing import TypeVar

from ..commands import AnyCommand
from ..events import CallHangup, WebhookEvent
from ._timeline import one_call, render_timeline
from .sandbox import AssistantPost, CallerStep, RefusedCommand, Sandbox, SandboxCall

__all__ = ["CallFlow"]

C = TypeVar("C", bound=AnyCommand)


class CallFlow:
    """The sandbox, its webhooks pointed at the app under test, and a scripted caller.

    The pytest plugin's `telnyx_flow` fixture builds one; so can any test:
    `CallFlow(sandbox, "http://127.0.0.1:8000/webhooks")`.

    Args:
        sandbox: The sandbox the app sends its commands to.
        webhook_url: The app's webhook endpoint.
    """

    def __init__(self, sandbox: Sandbox, webhook_url: str) -> None:
        self.sandbox = sandbox
        self.webhook_url = webhook_url
        sandbox.webhook_url = webhook_url

    def ring(
        self,
        *steps: CallerStep,
        from_: str = "+13125550101",
        to: str = "+13125550100",
        patience: float = 600.0,
    ) -> SandboxCall:
        """Ring the app: an inbound call whose caller follows `steps` once answered.

        The caller waits `patience` call seconds for the app to answer (10
        minutes by default, so a slow first request in CI still makes it).
        """
        return self.sandbox.ring(*steps, from_=from_, to=to, patience=patience)

    def expect(
        self,
        command_type: type[C],
        call: SandboxCall | str,
        *,
        count: int = 1,
        timeout: float = 5.0,
    ) -> C:
        """Wait until the app has sent `call` its `count`-th command of `command_type`.

        Raises:
            UndeliveredWebhookError: A webhook to the app was given up.
            AssertionError: It did not come within `timeout` real seconds; the
                message lists what the app did send, and each command the
                sandbox refused (its action and why).
        """
        call_control_id = call if isinstance(call, str) else call.call_control_id
        deadline = time.monotonic() + timeout
        while True:
            self._check_deliveries()
            sent = self.commands(call_control_id)
            matches = [c for c in sent if isinstance(c, command_type)]
            if len(matches) >= count:
                return matches[count - 1]
            if time.monotonic() >= deadline:
                names = ", ".join(type(c).__name__ for c in sent) or "nothing"
                refused = "; ".join(str(r) for r in self.refused(call_control_id))
                raise AssertionError(
                    f"the app did not send {command_type.__name__} #{count} within"
                    f" {timeout}s; it sent: {names}" + (f"; refused: {refused}" if refused else "")
                )
            time.sleep(0.002)

    def commands(self, call: SandboxCall | str | None = None) -> list[AnyCommand]:
        """The commands the app sent (to `call`, if given), in order."""
        return [sent.command for sent in self.sandbox.commands(_id(call))]

    def refused(self, call: SandboxCall | str | None = None) -> list[RefusedCommand]:
        """The commands the sandbox refused (to `call`, if given), in order, as the CLI shows them.

        Each names its action and why: an action the sandbox does not know
        (404, as Telnyx answers), a body that does not validate, or a command
        the call's state does not allow (422). A command the app sent through
        the `Router` and the API refused (the router's `send_refused`) is here.
        """
        return self.sandbox.refused(_id(call))

    def timeline(self, call: SandboxCall | str | None = None) -> str:
        """What happened, as text, as `telnyx-gather call` prints it: one line each, by call time.

        The commands the app sent (`->`), the commands the sandbox refused
        (`-x`, with the status and why) and the webhooks with each attempt's
        answer (`<-`). With `call`, only that call and the legs of its session
        (a transfer's leg B). Call times count from the first line.
        """
        log = self.sandbox.log()
        call_control_id = _id(call)
        return render_timeline(log if call_control_id is None else one_call(log, call_control_id))

    def events(self, call: SandboxCall | str | None = None) -> list[WebhookEvent]:
        """The webhooks the app received and acknowledged (for `call`, if given), typed."""
        return self.sandbox.events(_id(call))

    def assistant_posts(self, call: SandboxCall | str | None = None) -> list[AssistantPost]:
        """What the AI assistant posted to the app (on `call`): tool calls and variable requests.

        A tool URL that failed or overran its deadline is here with `ok`
        false, naming the tool.
        """
        call_control_id = call if call is None or isinstance(call, str) else call.call_control_id
        return self.sandbox.assistant_posts(call_control_id)

    def hangup(self, call: SandboxCall | str, *, timeout: float = 5.0) -> CallHangup:
        """Wait for the call's `call.hangup` to reach the app, and return it."""
        call_control_id = call if isinstance(call, str) else call.call_control_id
        event = self.sandbox.wait_for(
            "call.hangup", call_control_id=call_control_id, timeout=timeout
        ).event
        assert isinstance(event, CallHangup)
        return event

    def _check_deliveries(self) -> None:
        undelivered = self.sandbox.undelivered
        if undelivered:
            self.sandbox.wait_for(undelivered[0].event_type, timeout=0)


def _id(call: SandboxCall | str | None) -> str | None:
    return call if call is None or isinstance(call, str) else call.call_control_id
