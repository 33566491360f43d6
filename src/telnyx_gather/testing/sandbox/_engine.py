"""The sandbox's entry points: new calls, commands, and the log, each under one lock.

The engine never touches the wire: it takes command models, asks each
command's behaviour (`behaviours/`) whether the call's state allows it, lets
the behaviour change the call through the toolkit (`_toolkit`), and keeps the
log of what it applied.
"""

from __future__ import annotations

import threading
from datetime import datetime
from functools import partial
from typing import Any

from ...commands import AnyCommand, Dial
from ...events import CallInitiated
from . import _lifecycle as lifecycle
from ._calls import Callee, CallState, RefusedCommand, SentCommand
from ._clock import Scheduler
from ._conversation import describe_posts
from ._errors import ApiError, call_ended, not_found, unknown_call
from ._outbox import Outbox
from ._recordings import AUDIO
from ._retries import retry_schedule
from ._script import CallerStep
from ._toolkit import Toolkit, scripted_party
from .behaviours import BEHAVIOURS

__all__ = ["CallState", "Engine"]


class Engine:
    """Calls, the commands acting on them, and the webhooks they cause.

    Every method takes the toolkit's lock, so the HTTP threads, the clock
    thread and the test's own thread can all use one engine.

    Attributes:
        kit: The calls, the clock, the outbox and the verbs behaviours use.
        sent: Every command applied, in order.
        refused: Every command answered with an error, in order.
    """

    def __init__(self, kit: Toolkit) -> None:
        self.kit: Toolkit = kit
        self.sent: list[SentCommand] = []
        self.refused: list[RefusedCommand] = []

    def close(self) -> None:
        """Stop the clock and the deliveries."""
        self.kit.close()

    @property
    def lock(self) -> threading.RLock:
        """The toolkit's lock, which every change to a call holds."""
        return self.kit.lock

    @property
    def clock(self) -> Scheduler:
        """Call time, and what is scheduled in it."""
        return self.kit.clock

    @property
    def outbox(self) -> Outbox:
        """The webhooks' queues and the log of their deliveries."""
        return self.kit.outbox

    @property
    def epoch(self) -> datetime:
        """The wall-clock instant of call time 0."""
        return self.kit.epoch

    def dial(
        self, script: list[CallerStep], from_: str, to: str, webhook_url: str | None
    ) -> CallState:
        """Create an answered call whose caller follows `script`; no webhook announces it."""
        with self.kit.lock:
            return self.kit.new_call(script, from_, to, webhook_url, "incoming", "answered")

    def ring(
        self,
        script: list[CallerStep],
        from_: str,
        to: str,
        webhook_url: str | None,
        patience: float,
    ) -> CallState:
        """An inbound call: `call.initiated` now; the caller gives up after `patience` seconds."""
        kit = self.kit
        with kit.lock:
            call = kit.new_call(script, from_, to, webhook_url, "incoming", "ringing")
            start = call.started_at
            initiated = lifecycle.initiated(call, kit.iso(start))
            kit.emit(call, CallInitiated, initiated, at=start)
            call.ring_timer = kit.clock.at(
                start + patience,
                partial(kit.unanswered, call, "originator_cancel", "caller", start + patience),
            )
            return call

    def add_callee(self, number: str, callee: Callee) -> None:
        """Outbound calls to `number` are answered (or refused) by `callee`."""
        with self.kit.lock:
            self.kit.callees[number] = callee

    def dial_out(self, command: Dial) -> dict[str, Any]:
        """Place the outbound call `command` describes (`POST /calls`); return its ids.

        Raises:
            ApiError: The sandbox has no behaviour for `Dial`.
        """
        kit = self.kit
        behaviour = BEHAVIOURS.get(command.action)
        if behaviour is None:
            raise not_found()
        to = command.to if isinstance(command.to, str) else command.to[0]
        url = None if command.webhook_url is None else str(command.webhook_url)
        with kit.lock:
            call = kit.new_call([], command.from_, to, url, "outgoing", "ringing")
            call.client_state = command.client_state
            call.retry_delays = retry_schedule(command.webhook_retries_policies or {})
            try:
                reply = behaviour.run(kit, call, command, call.started_at)
            except ApiError:
                del kit.calls[call.call_control_id]  # refused: no call was placed
                raise
            data: dict[str, Any] = {"result": "ok", **(reply or {})}
            self.sent.append(SentCommand(call.started_at, call.call_control_id, command))
            return data

    def refuse(self, call_control_id: str, action: str, error: ApiError) -> None:
        """Keep `action`, sent to `call_control_id` and answered with `error`, for the log."""
        first = error.errors[0] if error.errors else {}
        detail = str(first.get("detail") or first.get("title") or "")
        with self.kit.lock:
            at = self.kit.clock.now()
            self.refused.append(RefusedCommand(at, call_control_id, action, error.status, detail))

    def log(self, call_control_id: str | None = None) -> dict[str, list[dict[str, Any]]]:
        """The commands applied, the webhooks sent and the commands refused (for one call).

        As JSON-ready dicts, under `commands`, `webhooks` and `refused`.
        """
        with self.kit.lock:
            sent = [c for c in self.sent if call_control_id in (None, c.call_control_id)]
            refused = [r for r in self.refused if call_control_id in (None, r.call_control_id)]
        commands = [
            {
                "occurred_at": self.kit.iso(c.at),
                "call_control_id": c.call_control_id,
                "action": c.command.action,
                "body": c.command.to_params(),
            }
            for c in sent
        ]
        webhooks = [
            d.describe()
            for d in self.kit.outbox.snapshot()
            if call_control_id in (None, d.call_control_id)
        ]
        refusals = [
            {
                "occurred_at": self.kit.iso(r.at),
                "call_control_id": r.call_control_id,
                "action": r.action,
                "status": r.status,
                "detail": r.detail,
            }
            for r in refused
        ]
        return {
            "commands": commands,
            "webhooks": webhooks,
            "refused": refusals,
            "assistant": describe_posts(self.kit, call_control_id),
        }

    def hang_up(self, call_control_id: str) -> None:
        """The scripted party (the caller, or an outbound call's callee) hangs up now."""
        kit = self.kit
        with kit.lock:
            call = self._call(call_control_id)
            now = kit.clock.now()
            kit.clock.catch_up(now)
            if call.status == "answered":
                kit.end_call(call, now, "normal_clearing", scripted_party(call))
            elif call.status == "ringing":
                kit.unanswered(call, "originator_cancel", "caller", now)

    def command(self, call_control_id: str, command: AnyCommand) -> dict[str, Any]:
        """Apply one validated command through its behaviour; return the response's `data`.

        Raises:
            ApiError: The call is unknown or has ended, the sandbox has no
                behaviour for the command, or its precondition refuses the
                call's state.
        """
        kit = self.kit
        with kit.lock:
            call = self._call(call_control_id)
            now = kit.clock.now()
            kit.clock.catch_up(now)
            if call.ended:
                raise call_ended()
            command_id = command.command_id
            if command_id is not None and command_id in call.answered:
                return call.answered[command_id]
            behaviour = BEHAVIOURS.get(command.action)
            if behaviour is None:
                raise not_found()
            behaviour.when.check(call)
            state, retries = call.client_state, call.retry_delays
            if command.client_state is not None:
                call.client_state = command.client_state
            policies = getattr(command, "webhook_retries_policies", None)
            if policies is not None:  # answer, transfer, ...: the call's webhooks from now on
                call.retry_delays = {**retries, **retry_schedule(policies)}
            try:
                reply = behaviour.run(kit, call, command, now)
            except ApiError:
                call.client_state, call.retry_delays = state, retries
                raise
            data: dict[str, Any] = {"result": "ok", **(reply or {})}
            if command_id is not None:
                call.answered[command_id] = data
            self.sent.append(SentCommand(now, call_control_id, command))
            return data

    def recording(self, recording_id: str, extension: str) -> tuple[str, bytes] | None:
        """The media type and bytes served for a saved recording, if there is one."""
        with self.kit.lock:
            saved = self.kit.recorders.saved.get(recording_id)
        return AUDIO[extension] if saved == extension else None

    def _call(self, call_control_id: str) -> CallState:
        call = self.kit.calls.get(call_control_id)
        if call is None:
            raise unknown_call()
        return call
