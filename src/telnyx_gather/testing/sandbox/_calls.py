"""The typed state of one simulated call, and what runs on it."""

from __future__ import annotations

import random
import uuid
from collections import deque
from dataclasses import dataclass, field
from typing import Any, Literal

from ...commands import AnyCommand, Gather, GatherUsingAI, GatherUsingAudio, GatherUsingSpeak
from ._plan import Plan
from ._script import CallerStep

__all__ = ["Assistant", "CallState", "Running", "SentCommand", "new_uuid"]

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
    retry_delays: dict[str, tuple[float, ...]] = field(default_factory=dict[str, tuple[float, ...]])
    """The app's retry delays (call seconds) per event type, from `webhook_retries_policies`."""

    @property
    def ended(self) -> bool:
        """Whether the call has hung up."""
        return self.status == "ended"

    def ids(self) -> dict[str, str]:
        """The call's three ids, as the API returns them."""
        return {
            "call_control_id": self.call_control_id,
            "call_leg_id": self.call_leg_id,
            "call_session_id": self.call_session_id,
        }
