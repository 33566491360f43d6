"""The sandbox's calls, and what each validated command does to them.

The engine never touches the wire: it takes command models, changes typed
call state, and puts the events that follow in the outbox.
"""

from __future__ import annotations

import secrets
from collections import deque
from functools import partial
from typing import Any, Literal

from typing_extensions import assert_never

from ...commands import (
    AddAIAssistantMessages,
    Answer,
    AnyCommand,
    Gather,
    GatherUsingAI,
    GatherUsingAudio,
    GatherUsingSpeak,
    Hangup,
    StartAIAssistant,
    StopAIAssistant,
    StopGather,
)
from . import _lifecycle as lifecycle
from ._calls import Assistant, CallState, Running, SentCommand, new_uuid
from ._errors import assistant_running, call_ended, not_answered, not_ringing, unknown_call
from ._plan import plan_dtmf_gather
from ._plan_ai import plan_ai_gather
from ._running import CallRunner, scripted_party
from ._script import CallerStep

__all__ = ["CallState", "Engine"]


class Engine(CallRunner):
    """Calls, the commands acting on them, and the webhooks they cause.

    Every method takes the lock, so the HTTP threads, the clock thread and
    the test's own thread can all use one engine.
    """

    def dial(
        self, script: list[CallerStep], from_: str, to: str, webhook_url: str | None
    ) -> CallState:
        """Create an answered call whose caller follows `script`; no webhook announces it."""
        with self.lock:
            return self._new_call(script, from_, to, webhook_url, "incoming", "answered")

    def ring(
        self,
        script: list[CallerStep],
        from_: str,
        to: str,
        webhook_url: str | None,
        patience: float,
    ) -> CallState:
        """An inbound call: `call.initiated` now; the caller gives up after `patience` seconds."""
        with self.lock:
            call = self._new_call(script, from_, to, webhook_url, "incoming", "ringing")
            self._emit(
                call,
                call.started_at,
                "call.initiated",
                lifecycle.initiated(call, self._iso(call.started_at)),
            )
            call.ring_timer = self.clock.at(
                call.started_at + patience,
                partial(self._unanswered, call, "originator_cancel", "caller"),
            )
            return call

    def add_callee(self, number: str, script: list[CallerStep], answer_after: float) -> None:
        """Outbound calls to `number` are answered after `answer_after` s, then follow `script`."""
        with self.lock:
            self.callees[number] = (script, answer_after)

    def call_out(
        self, from_: str, to: str, webhook_url: str | None, client_state: str | None, timeout: float
    ) -> CallState:
        """An outbound call (`POST /calls`): a scripted callee answers, else it times out."""
        with self.lock:
            call = self._new_call([], from_, to, webhook_url, "outgoing", "ringing")
            call.client_state = client_state
            now = call.started_at
            self._emit(call, now, "call.initiated", lifecycle.initiated(call, self._iso(now)))
            callee = self.callees.get(to)
            if callee is None:
                give_up = partial(self._unanswered, call, "timeout", "callee")
                call.ring_timer = self.clock.at(now + timeout, give_up)
            else:
                call.script.extend(callee[0])
                call.ring_timer = self.clock.at(now + callee[1], partial(self._answer, call))
            return call

    def log(self, call_control_id: str | None = None) -> dict[str, list[dict[str, Any]]]:
        """The commands applied and the webhooks sent (for one call), as JSON-ready dicts."""
        with self.lock:
            sent = [c for c in self.sent if call_control_id in (None, c.call_control_id)]
        commands = [
            {
                "occurred_at": self._iso(c.at),
                "call_control_id": c.call_control_id,
                "action": c.command.action,
                "body": c.command.to_params(),
            }
            for c in sent
        ]
        webhooks = [
            d.describe()
            for d in self.outbox.snapshot()
            if call_control_id in (None, d.call_control_id)
        ]
        return {"commands": commands, "webhooks": webhooks}

    def hang_up(self, call_control_id: str) -> None:
        """The scripted party (the caller, or an outbound call's callee) hangs up now."""
        with self.lock:
            call = self._call(call_control_id)
            now = self.clock.now()
            self.clock.catch_up(now)
            if call.status == "answered":
                self._end_call(call, now, "normal_clearing", scripted_party(call))
            elif call.status == "ringing":
                self._unanswered(call, "originator_cancel", "caller", now)

    def command(self, call_control_id: str, command: AnyCommand) -> dict[str, Any]:
        """Apply one validated command; return the response's `data` object.

        Raises:
            ApiError: The call is unknown or has ended, or the command cannot
                run in the call's state.
        """
        with self.lock:
            call = self._call(call_control_id)
            now = self.clock.now()
            self.clock.catch_up(now)
            if call.ended:
                raise call_ended()
            command_id = command.command_id
            if command_id is not None and command_id in call.answered:
                return call.answered[command_id]
            self._check(call, command)
            if command.client_state is not None:
                call.client_state = command.client_state
            data = self._apply(call, command, now)
            if command_id is not None:
                call.answered[command_id] = data
            self.sent.append(SentCommand(now, call_control_id, command))
            return data

    def _check(self, call: CallState, command: AnyCommand) -> None:
        """Raise the API's error if `command` cannot run in the call's state."""
        if isinstance(command, Answer):
            if call.status != "ringing" or call.direction != "incoming":
                raise not_ringing()
        elif call.status == "ringing" and not isinstance(command, Hangup):
            raise not_answered()
        elif isinstance(command, StartAIAssistant) and call.assistant is not None:
            raise assistant_running()

    def _new_call(
        self,
        script: list[CallerStep],
        from_: str,
        to: str,
        webhook_url: str | None,
        direction: Literal["incoming", "outgoing"],
        status: Literal["ringing", "answered"],
    ) -> CallState:
        call_control_id = "v3:" + secrets.token_urlsafe(30)
        now = self.clock.now()
        self.clock.catch_up(now)
        call = CallState(
            call_control_id, from_, to, webhook_url, deque(script), direction, status, now
        )
        self.calls[call_control_id] = call
        return call

    def _call(self, call_control_id: str) -> CallState:
        call = self.calls.get(call_control_id)
        if call is None:
            raise unknown_call()
        return call

    def _apply(self, call: CallState, command: AnyCommand, now: float) -> dict[str, Any]:
        data: dict[str, Any] = {"result": "ok"}
        match command:
            case Gather() | GatherUsingAudio() | GatherUsingSpeak():
                self._interrupt(call, now, "cancelled")
                plan = plan_dtmf_gather(command, list(call.script), now)
                self._start(call, Running(command, plan, now))
            case GatherUsingAI():
                self._interrupt(call, now, "cancelled")
                conversation_id = data["conversation_id"] = new_uuid()
                plan = plan_ai_gather(command, list(call.script), now, conversation_id)
                self._start(call, Running(command, plan, now, conversation_id))
            case StopGather():
                if call.gather is not None and call.gather.conversation_id is None:
                    self._interrupt(call, now, "cancelled")
            case StartAIAssistant():
                data["conversation_id"] = new_uuid()
                greeting = command.greeting
                said = [{"role": "assistant", "content": greeting}] if greeting else []
                call.assistant = Assistant(data["conversation_id"], now, said)
            case StopAIAssistant():
                self._end_assistant(call, now)
            case AddAIAssistantMessages():
                if call.assistant is not None:
                    for message in command.to_params().get("messages", []):
                        call.assistant.messages.append(
                            {"role": message.get("role"), "content": message.get("content")}
                        )
            case Answer():
                if command.webhook_url is not None:
                    call.webhook_url = command.webhook_url
                self._answer(call, now)
            case Hangup():
                app: lifecycle.Party = "callee" if call.direction == "incoming" else "caller"
                if call.status == "ringing":
                    rejected = app == "callee"
                    self._unanswered(
                        call, "call_rejected" if rejected else "originator_cancel", app, now
                    )
                else:
                    self._end_call(call, now, "normal_clearing", app)
            case _:
                assert_never(command)
        return data
