"""What runs on calls: gathers and assistants in time, call endings, and the events they emit."""

from __future__ import annotations

import threading
from datetime import datetime, timedelta, timezone
from functools import partial
from typing import Any

from ...commands import GatherUsingAI
from . import _lifecycle as lifecycle
from ._calls import CallState, Running, SentCommand, new_uuid
from ._clock import Scheduler
from ._outbox import Outbox, Webhook
from ._plan import Planned, conversation_summary, gather_ended
from ._script import CallerStep

__all__ = ["CallRunner"]

_NO_PARTIES = {
    "call.playback.started",
    "call.playback.ended",
    "call.conversation_insights.generated",
}
"""Events whose payload has no `from` and `to`."""


class CallRunner:
    """Runs planned gathers on the clock, ends calls, and puts the events in the outbox.

    Every callback runs holding `lock`, as the engine's commands do.
    """

    def __init__(
        self,
        *,
        outbox: Outbox,
        webhook_url: str | None,
        failover_url: str | None,
        connection_id: str,
    ) -> None:
        self.lock: threading.RLock = threading.RLock()
        self.clock: Scheduler = Scheduler(outbox.time_scale, self.lock)
        self.outbox: Outbox = outbox
        self.webhook_url: str | None = webhook_url
        self.failover_url: str | None = failover_url
        self.connection_id: str = connection_id
        self.calls: dict[str, CallState] = {}
        self.sent: list[SentCommand] = []
        """Every command applied, in order."""
        self.callees: dict[str, tuple[list[CallerStep], float]] = {}
        """Scripted callees for outbound calls: their script and when they answer."""
        self.epoch: datetime = datetime.now(timezone.utc)
        """The wall-clock instant of call time 0; webhooks' `occurred_at` count from it."""

    def close(self) -> None:
        """Stop the clock and the deliveries."""
        self.clock.close()
        self.outbox.close()

    def _start(self, call: CallState, gather: Running) -> None:
        call.gather = gather
        for item in gather.plan.items:
            self.clock.at(item.at, partial(self._fire, call, gather, item))

    def _fire(self, call: CallState, gather: Running, item: Planned) -> None:
        if call.gather is not gather:
            return
        self._emit(call, item.at, item.event_type, item.payload)
        if item is gather.plan.items[-1]:
            call.gather = None
            self._consume(call, len(gather.plan.commits))
            if item.ends_call:
                self._end_call(call, item.at, "normal_clearing", scripted_party(call))

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

    def _answer(self, call: CallState, at: float | None = None) -> None:
        when = self.clock.now() if at is None else at
        if call.status != "ringing":
            return
        self._stop_ringing(call)
        call.status = "answered"
        self._emit(call, when, "call.answered", lifecycle.answered(self._iso(call.started_at)))

    def _unanswered(
        self,
        call: CallState,
        cause: lifecycle.HangupCause,
        source: lifecycle.Party,
        at: float | None = None,
    ) -> None:
        """End a call nobody answered (the caller gave up, or the app rejected it)."""
        if call.status == "ringing":
            self._end_call(call, self.clock.now() if at is None else at, cause, source)

    def _end_call(
        self, call: CallState, at: float, cause: lifecycle.HangupCause, source: lifecycle.Party
    ) -> None:
        self._interrupt(call, at, "call_hangup")
        self._end_assistant(call, at)
        self._stop_ringing(call)
        call.status = "ended"
        times = self._iso(call.started_at), self._iso(at)
        self._emit(call, at, "call.hangup", lifecycle.hung_up(cause, source, *times))

    def _stop_ringing(self, call: CallState) -> None:
        if call.ring_timer is not None:
            self.clock.cancel(call.ring_timer)
            call.ring_timer = None

    def _iso(self, at: float) -> str:
        when = self.epoch + timedelta(seconds=at)
        return when.isoformat(timespec="milliseconds").replace("+00:00", "Z")

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
                event_id=new_uuid(),
                occurred_at=self.epoch + timedelta(seconds=at),
                payload=payload,
                url=call.webhook_url or self.webhook_url,
                failover_url=self.failover_url,
            )
        )


def scripted_party(call: CallState) -> lifecycle.Party:
    """Who the script plays: the caller of an incoming call, the callee of an outgoing one."""
    return "caller" if call.direction == "incoming" else "callee"
