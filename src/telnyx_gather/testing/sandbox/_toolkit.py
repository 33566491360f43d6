"""The toolkit behaviours are written with: calls, call time, and the events they send.

A behaviour (see `behaviours/`) changes one call's typed state and says what
follows through these verbs, and nothing else:

- `emit(call, EventClass, fields, at=...)`: send a webhook about `call`; the
  event type is read from the class, the call's ids, `client_state` and (for
  events whose payload names them) parties are filled in;
- `run_gather(call, running)` / `interrupt(call, at, status)`: play a planned
  gather on the clock, or cut the running one short;
- `answer(call, at)`, `unanswered(call, cause, source, at)`,
  `end_call(call, at, cause, source)`: the call's lifecycle, each sending its
  webhook and stopping whatever runs on the call;
- `end_assistant(call, at)`: end a running AI assistant;
- `player` (`_media`): speaks and playbacks, queued, each taking call time;
- `legs` (`_legs`): outbound legs, their callees, and bridges;
- `recorders` (`_recordings`): recordings and `call.recording.saved`;
- `queues` (`_queues`): calls waiting in named queues;
- `later(call, at, EventClass, fields)`, `clock.at(when, callback)`: later, in call time.

Every verb runs holding `lock`, as the engine's commands and the clock's
callbacks do.
"""

from __future__ import annotations

import secrets
import threading
from collections import deque
from datetime import datetime, timedelta, timezone
from functools import cache, partial
from typing import Any, Literal, get_args

from ...commands import GatherUsingAI
from ...events import (
    CallAIGatherEnded,
    CallAnswered,
    CallConversationEnded,
    CallGatherEnded,
    CallHangup,
    CallPlaybackEnded,
)
from . import _lifecycle as lifecycle
from ._assistants import AssistantSettings
from ._calls import Callee, CallState, Running, new_uuid
from ._clock import Scheduler
from ._legs import Legs
from ._media import Player
from ._outbox import Outbox, Webhook
from ._plan import EventClass, Planned, conversation_summary, gather_ended
from ._posts import AssistantPost
from ._queues import Queues
from ._recordings import Recorders
from ._script import CallerStep

__all__ = ["EventClass", "Toolkit", "event_type", "scripted_party"]

_INSIGHTS = "call.conversation_insights.generated"
"""Sent after an assistant ends; the only event sent by tag, until it has a model."""

_PARTIES_TOO: frozenset[str] = frozenset({"call.conversation.ended"})
"""Tags whose deliveries carry `from`/`to` (as the spec shows) though their model,
which also parses forms without them, does not declare them."""


@cache
def event_type(event: EventClass) -> str:
    """The `event_type` tag of `event`, read from its `Literal` annotation."""
    return str(get_args(event.model_fields["event_type"].annotation)[0])


@cache
def _names_parties(event: EventClass) -> bool:
    """Whether `event`'s payload carries the call's `from` and `to`."""
    if event_type(event) in _PARTIES_TOO:
        return True
    payload = event.model_fields["payload"].annotation
    return isinstance(payload, type) and "from_" in getattr(payload, "model_fields", {})


class Toolkit:
    """The sandbox's calls and the verbs that act on them; see the module docstring."""

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
        self.callees: dict[str, Callee] = {}
        """Scripted callees for outbound calls, by number."""
        self.media_url: str = ""
        """Where recordings are served (the sandbox sets it once it listens)."""
        self.player: Player = Player(self)
        self.legs: Legs = Legs(self)
        self.recorders: Recorders = Recorders(self)
        self.queues: Queues = Queues(self)
        self.epoch: datetime = datetime.now(timezone.utc)
        """The wall-clock instant of call time 0; webhooks' `occurred_at` count from it."""
        self.assistants: dict[str, AssistantSettings] = {}  # saved, by id: Sandbox.assistant
        self.posts: list[AssistantPost] = []
        """What AI assistants posted to the app: tool calls and dynamic-variables requests."""
        self.closing: bool = False

    def close(self) -> None:
        """Stop the clock, the assistants' conversations and the deliveries."""
        with self.lock:
            self.closing = True
            for assistant in filter(None, (c.assistant for c in self.calls.values())):
                assistant.notify()
        self.clock.close()
        self.outbox.close()

    def new_call(
        self,
        script: list[CallerStep],
        from_: str,
        to: str,
        webhook_url: str | None,
        direction: Literal["incoming", "outgoing"],
        status: Literal["ringing", "answered"],
    ) -> CallState:
        """A new call, known from now on; it sends no webhook by itself."""
        call_control_id = "v3:" + secrets.token_urlsafe(30)
        now = self.clock.now()
        self.clock.catch_up(now)
        call = CallState(
            call_control_id, from_, to, webhook_url, deque(script), direction, status, now
        )
        self.calls[call_control_id] = call
        return call

    def emit(
        self, call: CallState, event: EventClass, fields: dict[str, Any], *, at: float
    ) -> None:
        """Send the webhook `event` about `call`, timed at call time `at`.

        `fields` are the event's own payload fields; the call's ids, its
        `client_state`, and `from`/`to` where the event carries them, are added.
        """
        self._send(call, event_type(event), fields, at=at, parties=_names_parties(event))

    def _send(
        self, call: CallState, tag: str, fields: dict[str, Any], *, at: float, parties: bool
    ) -> None:
        payload: dict[str, Any] = {
            "call_control_id": call.call_control_id,
            "connection_id": self.connection_id,
            "call_leg_id": call.call_leg_id,
            "call_session_id": call.call_session_id,
        }
        if call.client_state is not None:
            payload["client_state"] = call.client_state
        if parties:
            payload["from"] = call.from_
            payload["to"] = call.to
        payload.update(fields)
        self.outbox.put(
            Webhook(
                event_type=tag,
                call_control_id=call.call_control_id,
                event_id=new_uuid(),
                occurred_at=self.epoch + timedelta(seconds=at),
                payload=payload,
                url=call.webhook_url or self.webhook_url,
                failover_url=self.failover_url,
                retry_delays=call.retry_delays.get(tag),
            )
        )

    def iso(self, at: float) -> str:
        """Call time `at` as the API writes instants (`...T12:00:00.000Z`)."""
        when = self.epoch + timedelta(seconds=at)
        return when.isoformat(timespec="milliseconds").replace("+00:00", "Z")

    def later(self, call: CallState, at: float, event: EventClass, fields: dict[str, Any]) -> None:
        """Send `event` at call time `at`, unless the call has ended by then."""

        def send() -> None:
            if not call.ended:
                self.emit(call, event, fields, at=at)

        self.clock.at(at, send)

    def run_gather(self, call: CallState, gather: Running) -> None:
        """Make `gather` the call's running gather and schedule every event it planned."""
        call.gather = gather
        self.recorders.caller_heard(call)
        for item in gather.plan.items:
            self.clock.at(item.at, partial(self._fire, call, gather, item))

    def interrupt(self, call: CallState, at: float, status: str) -> None:
        """Cut the running gather short at `at` with `status` (`cancelled` or `call_hangup`)."""
        gather, call.gather = call.gather, None
        if gather is None:
            return
        self.recorders.caller_quiet(call, at)
        plan = gather.plan
        self._consume(call, plan.consumed(at))
        command = gather.command
        if isinstance(command, GatherUsingAI):
            # The conversation is over either way; a hang-up also ends the gather,
            # unless its result was already sent.
            sent = {item.event for item in plan.items if item.at <= at}
            if status == "call_hangup" and CallAIGatherEnded not in sent:
                self.emit(call, CallAIGatherEnded, {"status": "invalid"}, at=at)
            summary = conversation_summary(gather.conversation_id or "", at - gather.started)
            self.emit(call, CallConversationEnded, summary, at=at)
            return
        playing = plan.open_playback(at)
        if playing is not None:
            self.emit(call, CallPlaybackEnded, {**playing.media, "status": status}, at=at)
        ended = gather_ended(command, plan.collected(at), status)
        self.emit(call, CallGatherEnded, ended, at=at)

    def end_assistant(self, call: CallState, at: float) -> None:
        """End the call's AI assistant, if one runs: its conversation ends, insights follow."""
        assistant, call.assistant = call.assistant, None
        if assistant is None:
            return
        assistant.notify()
        summary = conversation_summary(assistant.conversation_id, at - assistant.started)
        ended = {**summary, "messages": assistant.messages}
        self.emit(call, CallConversationEnded, ended, at=at)
        insights: dict[str, Any] = {"calling_party_type": "pstn", "results": []}
        self._send(call, _INSIGHTS, insights, at=at, parties=False)

    def answer(self, call: CallState, at: float | None = None) -> None:
        """Answer a ringing call (now, or at `at`): `call.answered`."""
        when = self.clock.now() if at is None else at
        if call.status != "ringing":
            return
        self._stop_ringing(call)
        call.status = "answered"
        self.emit(call, CallAnswered, lifecycle.answered(self.iso(call.started_at)), at=when)

    def unanswered(
        self,
        call: CallState,
        cause: lifecycle.HangupCause,
        source: lifecycle.Party,
        at: float | None = None,
    ) -> None:
        """End a call nobody answered (the caller gave up, or the app rejected it)."""
        if call.status == "ringing":
            self.end_call(call, self.clock.now() if at is None else at, cause, source)

    def end_call(
        self, call: CallState, at: float, cause: lifecycle.HangupCause, source: lifecycle.Party
    ) -> None:
        """Hang `call` up at `at`: what runs on it stops, `call.hangup`, then what follows.

        A transfer's leg B still ringing is cancelled; recordings are saved;
        a bridged peer hangs up too, unless it parks after the bridge.
        """
        self.interrupt(call, at, "call_hangup")
        self.end_assistant(call, at)
        self.player.end(call, at)
        self.queues.leave(call, at, "hangup")
        self._stop_ringing(call)
        call.status = "ended"
        times = self.iso(call.started_at), self.iso(at)
        self.emit(call, CallHangup, lifecycle.hung_up(cause, source, *times), at=at)
        self.recorders.stop(call, at)
        leg = self.calls.get(call.pending_leg or "")
        if leg is not None:
            self.unanswered(leg, "originator_cancel", "caller", at)
        self.legs.unbridge(call, at)

    def _stop_ringing(self, call: CallState) -> None:
        if call.ring_timer is not None:
            self.clock.cancel(call.ring_timer)
            call.ring_timer = None

    def _fire(self, call: CallState, gather: Running, item: Planned) -> None:
        if call.gather is not gather:
            return
        self.emit(call, item.event, item.payload, at=item.at)
        if item is gather.plan.items[-1]:
            call.gather = None
            self.recorders.caller_quiet(call, item.at)
            self._consume(call, len(gather.plan.commits))
            if item.ends_call:
                self.end_call(call, item.at, "normal_clearing", scripted_party(call))

    def _consume(self, call: CallState, steps: int) -> None:
        for _ in range(min(steps, len(call.script))):
            call.script.popleft()


def scripted_party(call: CallState) -> lifecycle.Party:
    """Who the script plays: the caller of an incoming call, the callee of an outgoing one."""
    return "caller" if call.direction == "incoming" else "callee"
