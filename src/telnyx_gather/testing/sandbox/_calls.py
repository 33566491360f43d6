"""The typed state of one simulated call, and what runs on it."""

from __future__ import annotations

import random
import threading
import uuid
from collections import deque
from dataclasses import dataclass, field
from typing import Any, Literal

from ...commands import AnyCommand, Gather, GatherUsingAI, GatherUsingAudio, GatherUsingSpeak
from ._answerer import Human, Machine
from ._plan import PROMPT_SECONDS, EventClass, Plan
from ._script import CallerStep, Press

__all__ = [
    "Assistant",
    "Audio",
    "CallState",
    "Callee",
    "Limit",
    "Recording",
    "RefusedCommand",
    "Running",
    "SentCommand",
    "new_uuid",
]

_IDS = random.Random()


def new_uuid() -> str:
    """A random (version 4) UUID, cheaper than `uuid.uuid4()`: these ids need not be secret."""
    return str(uuid.UUID(int=_IDS.getrandbits(128), version=4))


@dataclass(frozen=True)
class SentCommand:
    """A command the app sent that the sandbox applied.

    Attributes:
        at: Call time it arrived (as `Sandbox.now` counts).
        call_control_id: The call it was sent to.
        command: The validated command model.
    """

    at: float
    call_control_id: str
    command: AnyCommand


@dataclass(frozen=True)
class RefusedCommand:
    """A command the sandbox answered with an error, as Telnyx would have.

    An action the sandbox does not know gets 404; a body that is not valid,
    or a command the call's state does not allow (an ended or unknown call, a
    call not yet answered), gets 422.

    Attributes:
        at: Call time it arrived (as `Sandbox.now` counts).
        call_control_id: The call it was sent to.
        action: The action's path segment, such as `"speak"`.
        status: The HTTP status of the answer.
        detail: Why, as the error's `detail` says it.
    """

    at: float
    call_control_id: str
    action: str
    status: int
    detail: str

    def __str__(self) -> str:
        return f"{self.action} refused ({self.status}: {self.detail})"


@dataclass
class Running:
    """A gather in progress: its command, its plan, and when it started."""

    command: Gather | GatherUsingAudio | GatherUsingSpeak | GatherUsingAI
    plan: Plan
    started: float
    conversation_id: str | None = None
    """Set for an AI gather."""


@dataclass
class Assistant:
    """An AI assistant in progress."""

    conversation_id: str
    started: float
    messages: list[dict[str, Any]]
    changed: threading.Condition | None = None
    """Notified when the assistant ends or the app adds messages, while a conversation plays."""
    pending_async: int = 0
    """Async tool calls whose result the app has not yet added (`AddAIAssistantMessages`)."""

    def notify(self) -> None:
        """Wake the conversation playing this assistant, if one does (hold the sandbox's lock)."""
        if self.changed is not None:
            self.changed.notify_all()


@dataclass(frozen=True)
class Callee:
    """Whoever answers outbound calls to one number.

    Attributes:
        script: What the callee does once it answers.
        answer_after: Call seconds it rings before answering (or refusing).
        refuse: How it refuses instead of answering, if it does.
        answered_by: A person or an answering machine, as machine detection hears it.
    """

    script: list[CallerStep]
    answer_after: float
    refuse: Literal["user_busy", "call_rejected"] | None = None
    answered_by: Human | Machine = field(default_factory=Human)


@dataclass
class Audio:
    """One speak or playback in a call's queue.

    Attributes:
        started: The event sent when it starts playing.
        ended: The event sent when it stops, with its `status`.
        fields: Payload fields of both events (the media played, ...).
        seconds: Call seconds of one pass (a playback's file: `PROMPT_SECONDS`).
        loops: How many passes; `None` plays until stopped.
        overlay: Whether it plays in the overlay queue, over the other one.
        timer: The clock handle of its natural end, while it plays.
    """

    started: EventClass
    ended: EventClass
    fields: dict[str, Any] = field(default_factory=dict[str, Any])
    seconds: float = PROMPT_SECONDS
    loops: int | None = 1
    overlay: bool = False
    timer: int | None = None


Limit = Literal["length", "silence"]
"""A limit that stops a recording by itself: `max_length` or `timeout_secs`."""


@dataclass
class Recording:
    """One recording in progress on a call.

    Attributes:
        recording_id: Its id, which its URLs name.
        format: `wav` or `mp3`.
        channels: `single` or `dual`.
        started: Call time it started.
        max_length: Seconds it records at most (paused time aside); 0: no limit.
        timeout_secs: Seconds of the caller's silence that stop it; 0: never.
        recorded: Seconds recorded before the current run (before a pause).
        resumed: Call time the current run started; `None` while paused.
        timers: Clock handles of its limits (length, silence), while armed.
    """

    recording_id: str
    format: Literal["wav", "mp3"]
    channels: Literal["single", "dual"]
    started: float
    max_length: float = 0.0
    timeout_secs: float = 0.0
    recorded: float = 0.0
    resumed: float | None = None
    timers: dict[Limit, int] = field(default_factory=dict[Limit, int])


@dataclass
class CallState:
    """One simulated call: its identity, its caller's script and what is running on it.

    `status` goes `ringing` -> `answered` -> `ended` (or straight to `ended`
    when nobody answers); `dial()`'s shortcut calls start `answered`.
    """

    call_control_id: str
    from_: str
    to: str
    webhook_url: str | None
    script: deque[CallerStep]
    direction: Literal["incoming", "outgoing"] = "incoming"
    status: Literal["ringing", "answered", "ended"] = "answered"
    started_at: float = 0.0
    call_leg_id: str = field(default_factory=new_uuid)
    call_session_id: str = field(default_factory=new_uuid)
    client_state: str | None = None
    ring_timer: int | None = None
    """The clock handle of the caller giving up (or the callee answering) while it rings."""
    gather: Running | None = None
    assistant: Assistant | None = None
    answered: dict[str, dict[str, Any]] = field(default_factory=dict[str, dict[str, Any]])
    """The response to each `command_id` seen, so a repeat gets the same answer and does nothing."""
    audio: deque[Audio] = field(default_factory=deque[Audio])
    """Speaks and playbacks: the head plays, the rest wait their turn."""
    overlay: deque[Audio] = field(default_factory=deque[Audio])
    """Playbacks mixed over `audio` (`overlay: true`): a queue of their own."""
    recordings: list[Recording] = field(default_factory=list[Recording])
    peer: str | None = None
    """The call this one is bridged to."""
    park_after_unbridge: bool = False
    """Stay up, alone, when the bridged peer hangs up."""
    hold_after_unbridge: bool = False
    """Stay up, on hold (`call.hold`), when the bridged peer hangs up."""
    pending_leg: str | None = None
    """Leg B of a transfer, while it rings."""
    queue: str | None = None
    """The queue the call waits in."""
    queued_at: float = 0.0
    heard: str = ""
    """Every DTMF digit sent to the call's party (`send_dtmf`), in order."""
    stream_url: str | None = None
    retry_delays: dict[str, tuple[float, ...]] = field(default_factory=dict[str, tuple[float, ...]])
    """The app's retry delays (call seconds) per event type, from `webhook_retries_policies`."""

    @property
    def ended(self) -> bool:
        """Whether the call has hung up."""
        return self.status == "ended"

    def ready_script(self) -> list[CallerStep]:
        """The script's steps up to the first `Press` still waiting for digits to be heard."""
        ready: list[CallerStep] = []
        for step in self.script:
            if isinstance(step, Press) and step.after is not None and step.after not in self.heard:
                break
            ready.append(step)
        return ready

    def ids(self) -> dict[str, str]:
        """The call's three ids, as the API returns them."""
        return {
            "call_control_id": self.call_control_id,
            "call_leg_id": self.call_leg_id,
            "call_session_id": self.call_session_id,
        }
