"""The sandbox's calls, and what each validated command does to them."""

from __future__ import annotations

import json
import secrets
import threading
import uuid
from collections import deque
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from functools import partial
from typing import Any

from ._clock import Scheduler
from ._delivery import Delivery, DeliveryQueue
from ._plan import Plan, Planned, conversation_summary, plan_dtmf_gather
from ._plan_ai import plan_ai_gather
from ._script import CallerStep
from ._signer import WebhookSigner

__all__ = ["ApiError", "CallState", "Engine", "error_object"]

_NO_PARTIES = {
    "call.playback.started",
    "call.playback.ended",
    "call.conversation_insights.generated",
}
"""Events whose payload has no `from` and `to`."""
_DTMF_GATHERS = {"gather", "gather_using_audio", "gather_using_speak"}
_CALL_ENDED = (
    "90018",
    "Call has already ended",
    "This call is no longer active and can't receive commands.",
)
_UNKNOWN_CALL = ("90015", "Invalid Call Control ID", "The call_control_id provided was not valid.")
_ASSISTANT_RUNNING = (
    "90061",
    "AI Assistant is already in progress",
    "AI Assistant cannot be started more than once.",
)


class ApiError(Exception):
    """A Call Control error response: its HTTP status and Telnyx error objects."""

    def __init__(self, status: int, *errors: dict[str, Any]) -> None:
        super().__init__(status)
        self.status = status
        self.errors = list(errors)


def error_object(code: str, title: str, detail: str, pointer: str | None = None) -> dict[str, Any]:
    """One entry of a Telnyx `errors` list."""
    entry: dict[str, Any] = {"code": code, "title": title, "detail": detail}
    if pointer is not None:
        entry["source"] = {"pointer": pointer}
    return entry


@dataclass
class _Gather:
    params: dict[str, Any]
    plan: Plan
    started: float
    conversation_id: str | None = None
    """Set for an AI gather."""


@dataclass
class _Assistant:
    conversation_id: str
    started: float
    messages: list[dict[str, Any]]


@dataclass
class CallState:
    """One simulated call: its identity, its caller's script and what is running on it."""

    call_control_id: str
    from_: str
    to: str
    webhook_url: str | None
    script: deque[CallerStep]
    call_leg_id: str = field(default_factory=lambda: str(uuid.uuid4()))
    call_session_id: str = field(default_factory=lambda: str(uuid.uuid4()))
    client_state: str | None = None
    ended: bool = False
    gather: _Gather | None = None
    assistant: _Assistant | None = None
    answered: dict[str, dict[str, Any]] = field(default_factory=dict[str, dict[str, Any]])


class Engine:
    """Calls, the commands acting on them, and the webhooks they cause.

    Every method takes the lock, so the HTTP threads, the clock thread and
    the test's own thread can all use one engine.
    """

    def __init__(
        self,
        *,
        time_scale: float,
        signer: WebhookSigner,
        webhook_url: str | None,
        connection_id: str,
    ) -> None:
        self.lock: threading.RLock = threading.RLock()
        self.clock: Scheduler = Scheduler(time_scale, self.lock)
        self.deliveries: DeliveryQueue = DeliveryQueue()
        self.signer: WebhookSigner = signer
        self.webhook_url: str | None = webhook_url
        self.connection_id: str = connection_id
        self.calls: dict[str, CallState] = {}
        self.epoch: datetime = datetime.now(timezone.utc)
        """The wall-clock instant of call time 0; webhooks' `occurred_at` count from it."""

    def close(self) -> None:
        """Stop the clock and the deliveries."""
        self.clock.close()
        self.deliveries.close()

    def dial(
        self, script: list[CallerStep], from_: str, to: str, webhook_url: str | None
    ) -> CallState:
        """Create an answered call whose caller follows `script`."""
        call_control_id = "v3:" + secrets.token_urlsafe(30)
        call = CallState(call_control_id, from_, to, webhook_url, deque(script))
        with self.lock:
            self.calls[call_control_id] = call
        return call

    def hang_up(self, call_control_id: str) -> None:
        """The caller hangs up now."""
        with self.lock:
            call = self._call(call_control_id)
            now = self.clock.now()
            self.clock.catch_up(now)
            if not call.ended:
                self._end_call(call, now)

    def command(self, call_control_id: str, action: str, params: dict[str, Any]) -> dict[str, Any]:
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
                raise ApiError(422, error_object(*_CALL_ENDED))
            command_id = params.get("command_id")
            if command_id in call.answered:
                return call.answered[command_id]
            if action == "ai_assistant_start" and call.assistant is not None:
                raise ApiError(422, error_object(*_ASSISTANT_RUNNING))
            if "client_state" in params:
                call.client_state = params["client_state"]
            data = self._apply(call, action, params, now)
            if command_id is not None:
                call.answered[command_id] = data
            return data

    def _call(self, call_control_id: str) -> CallState:
        call = self.calls.get(call_control_id)
        if call is None:
            raise ApiError(422, error_object(*_UNKNOWN_CALL, "/call_control_id"))
        return call

    def _apply(
        self, call: CallState, action: str, params: dict[str, Any], now: float
    ) -> dict[str, Any]:
        data: dict[str, Any] = {"result": "ok"}
        if action in _DTMF_GATHERS:
            self._interrupt(call, now, "cancelled")
            plan = plan_dtmf_gather(action, params, list(call.script), now)
            self._start(call, _Gather(params, plan, now))
        elif action == "gather_using_ai":
            self._interrupt(call, now, "cancelled")
            conversation_id = data["conversation_id"] = str(uuid.uuid4())
            plan = plan_ai_gather(params, list(call.script), now, conversation_id)
            self._start(call, _Gather(params, plan, now, conversation_id))
        elif action == "gather_stop":
            if call.gather is not None and call.gather.conversation_id is None:
                self._interrupt(call, now, "cancelled")
        elif action == "ai_assistant_start":
            data["conversation_id"] = str(uuid.uuid4())
            greeting = params.get("greeting")
            said = [{"role": "assistant", "content": greeting}] if greeting else []
            call.assistant = _Assistant(data["conversation_id"], now, said)
        elif action == "ai_assistant_stop":
            self._end_assistant(call, now)
        elif action == "ai_assistant_add_messages" and call.assistant is not None:
            for message in params.get("messages", []):
                call.assistant.messages.append(
                    {"role": message.get("role"), "content": message.get("content")}
                )
        return data

    def _start(self, call: CallState, gather: _Gather) -> None:
        call.gather = gather
        for item in gather.plan.items:
            self.clock.at(item.at, partial(self._fire, call, gather, item))

    def _fire(self, call: CallState, gather: _Gather, item: Planned) -> None:
        if call.gather is not gather:
            return
        self._emit(call, item.at, item.event_type, item.payload)
        if item is gather.plan.items[-1]:
            call.gather = None
            self._consume(call, len(gather.plan.commits))
            if item.ends_call:
                self._end_call(call, item.at)

    def _consume(self, call: CallState, steps: int) -> None:
        for _ in range(min(steps, len(call.script))):
            call.script.popleft()

    def _interrupt(self, call: CallState, at: float, status: str) -> None:
        """Cut the running gather short at `at` with `status` (`cancelled` or `call_hangup`)."""
        gather, call.gather = call.gather, None
        if gather is None:
            return
        plan = gather.plan
        self._consume(call, plan.consumed(at))
        if gather.conversation_id is None:
            playing = plan.open_playback(at)
            if playing is not None:
                self._emit(call, at, "call.playback.ended", {**playing.media, "status": status})
            ended = {"digits": plan.collected(at), "status": status}
            if "gather_id" in gather.params:
                ended["gather_id"] = gather.params["gather_id"]
            self._emit(call, at, "call.gather.ended", ended)
        else:
            # The conversation is over either way; a hang-up also ends the gather,
            # unless its result was already sent.
            sent = {item.event_type for item in plan.items if item.at <= at}
            if status == "call_hangup" and "call.ai_gather.ended" not in sent:
                self._emit(call, at, "call.ai_gather.ended", {"status": "invalid"})
            summary = conversation_summary(gather.conversation_id, at - gather.started)
            self._emit(call, at, "call.conversation.ended", summary)

    def _end_assistant(self, call: CallState, at: float) -> None:
        assistant, call.assistant = call.assistant, None
        if assistant is None:
            return
        summary = conversation_summary(assistant.conversation_id, at - assistant.started)
        self._emit(call, at, "call.conversation.ended", {**summary, "messages": assistant.messages})
        insights: dict[str, Any] = {"calling_party_type": "pstn", "results": []}
        self._emit(call, at, "call.conversation_insights.generated", insights)

    def _end_call(self, call: CallState, at: float) -> None:
        self._interrupt(call, at, "call_hangup")
        self._end_assistant(call, at)
        call.ended = True

    def _emit(self, call: CallState, at: float, event_type: str, fields: dict[str, Any]) -> None:
        payload: dict[str, Any] = {
            "call_control_id": call.call_control_id,
            "connection_id": self.connection_id,
            "call_leg_id": call.call_leg_id,
            "call_session_id": call.call_session_id,
        }
        if call.client_state is not None:
            payload["client_state"] = call.client_state
        if event_type not in _NO_PARTIES:
            payload["from"] = call.from_
            payload["to"] = call.to
        payload.update(fields)
        occurred = (self.epoch + timedelta(seconds=at)).isoformat().replace("+00:00", "Z")
        data: dict[str, Any] = {
            "record_type": "event",
            "event_type": event_type,
            "id": str(uuid.uuid4()),
            "occurred_at": occurred,
        }
        if event_type == "call.conversation.ended":
            data["created_at"] = occurred
        data["payload"] = payload
        url = call.webhook_url or self.webhook_url
        envelope: dict[str, Any] = {"data": data}
        if url is not None:
            envelope["meta"] = {"attempt": 1, "delivered_to": url}
        body = json.dumps(envelope, separators=(",", ":")).encode()
        headers = self.signer.sign(body)
        self.deliveries.put(Delivery(event_type, call.call_control_id, body, headers, url))
