"""The sandbox's calls, and what each validated command does to them.

The engine never touches the wire: it takes command models, changes typed
call state, and puts the events that follow in the outbox.
"""

from __future__ import annotations

import random
import secrets
import threading
import uuid
from collections import deque
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from functools import partial
from typing import Any

from typing_extensions import assert_never

from ...commands import (
    AddAIAssistantMessages,
    AnyCommand,
    Gather,
    GatherUsingAI,
    GatherUsingAudio,
    GatherUsingSpeak,
    StartAIAssistant,
    StopAIAssistant,
    StopGather,
)
from ._clock import Scheduler
from ._errors import assistant_running, call_ended, unknown_call
from ._outbox import Outbox, Webhook
from ._plan import Plan, Planned, conversation_summary, gather_ended, plan_dtmf_gather
from ._plan_ai import plan_ai_gather
from ._script import CallerStep

__all__ = ["CallState", "Engine"]

_IDS = random.Random()


def _uuid4() -> str:
    """A random (version 4) UUID, cheaper than `uuid.uuid4()`: these ids need not be secret."""
    return str(uuid.UUID(int=_IDS.getrandbits(128), version=4))


_NO_PARTIES = {
    "call.playback.started",
    "call.playback.ended",
    "call.conversation_insights.generated",
}
"""Events whose payload has no `from` and `to`."""


@dataclass
class _Gather:
    command: Gather | GatherUsingAudio | GatherUsingSpeak | GatherUsingAI
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
    call_leg_id: str = field(default_factory=_uuid4)
    call_session_id: str = field(default_factory=_uuid4)
    client_state: str | None = None
    ended: bool = False
    gather: _Gather | None = None
    assistant: _Assistant | None = None
    answered: dict[str, dict[str, Any]] = field(default_factory=dict[str, dict[str, Any]])
    """The response to each `command_id` seen, so a repeat gets the same answer and does nothing."""

    def ids(self) -> dict[str, str]:
        """The call's three ids, as the API returns them."""
        return {
            "call_control_id": self.call_control_id,
            "call_leg_id": self.call_leg_id,
            "call_session_id": self.call_session_id,
        }


class Engine:
    """Calls, the commands acting on them, and the webhooks they cause.

    Every method takes the lock, so the HTTP threads, the clock thread and
    the test's own thread can all use one engine.
    """

    def __init__(
        self,
        *,
        outbox: Outbox,
        webhook_url: str | None,
        failover_url: str | None,
        connection_id: str,
    ) -> None:
        self.lock = threading.RLock()
        self.clock = Scheduler(outbox.time_scale, self.lock)
        self.outbox = outbox
        self.webhook_url = webhook_url
        self.failover_url = failover_url
        self.connection_id = connection_id
        self.calls: dict[str, CallState] = {}
        self.epoch = datetime.now(timezone.utc)
        """The wall-clock instant of call time 0; webhooks' `occurred_at` count from it."""

    def close(self) -> None:
        """Stop the clock and the deliveries."""
        self.clock.close()
        self.outbox.close()

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
            if isinstance(command, StartAIAssistant) and call.assistant is not None:
                raise assistant_running()
            if command.client_state is not None:
                call.client_state = command.client_state
            data = self._apply(call, command, now)
            if command_id is not None:
                call.answered[command_id] = data
            return data

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
                self._start(call, _Gather(command, plan, now))
            case GatherUsingAI():
                self._interrupt(call, now, "cancelled")
                conversation_id = data["conversation_id"] = _uuid4()
                plan = plan_ai_gather(command, list(call.script), now, conversation_id)
                self._start(call, _Gather(command, plan, now, conversation_id))
            case StopGather():
                if call.gather is not None and call.gather.conversation_id is None:
                    self._interrupt(call, now, "cancelled")
            case StartAIAssistant():
                data["conversation_id"] = _uuid4()
                greeting = command.greeting
                said = [{"role": "assistant", "content": greeting}] if greeting else []
                call.assistant = _Assistant(data["conversation_id"], now, said)
            case StopAIAssistant():
                self._end_assistant(call, now)
            case AddAIAssistantMessages():
                if call.assistant is not None:
                    for message in command.to_params().get("messages", []):
                        call.assistant.messages.append(
                            {"role": message.get("role"), "content": message.get("content")}
                        )
            case _:
                assert_never(command)
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
        command = gather.command
        if isinstance(command, GatherUsingAI):
            # The conversation is over either way; a hang-up also ends the gather,
            # unless its result was already sent.
            sent = {item.event_type for item in plan.items if item.at <= at}
            if status == "call_hangup" and "call.ai_gather.ended" not in sent:
                self._emit(call, at, "call.ai_gather.ended", {"status": "invalid"})
            summary = conversation_summary(gather.conversation_id or "", at - gather.started)
            self._emit(call, at, "call.conversation.ended", summary)
            return
        playing = plan.open_playback(at)
        if playing is not None:
            self._emit(call, at, "call.playback.ended", {**playing.media, "status": status})
        self._emit(call, at, "call.gather.ended", gather_ended(command, plan.collected(at), status))

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
        self.outbox.put(
            Webhook(
                event_type=event_type,
                call_control_id=call.call_control_id,
                event_id=_uuid4(),
                occurred_at=self.epoch + timedelta(seconds=at),
                payload=payload,
                url=call.webhook_url or self.webhook_url,
                failover_url=self.failover_url,
            )
        )
