"""`SandboxCall`: a handle on one simulated call and its scripted caller."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Literal

from pydantic import BaseModel, JsonValue

from ...events import WebhookEvent
from ._engine import CallState, Engine
from ._script import AIAnswer, AssistantTurn, CallerStep, HangUp, Press, Silence, ToolUse

__all__ = ["SandboxCall"]


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

    @property
    def status(self) -> Literal["ringing", "answered", "ended"]:
        """`ringing` until answered, then `answered`, then `ended`."""
        return self._state.status

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
        result: Mapping[str, JsonValue] | BaseModel,
        *,
        say: str | None = None,
        partial: list[dict[str, JsonValue]] | None = None,
        delay: float = 1.0,
    ) -> SandboxCall:
        """Answer the next AI gather; see `AIAnswer`.

        `result` may be an instance of the Pydantic model the app passed as
        `GatherUsingAI(parameters=...)`; its JSON form is sent.
        """
        values = result.model_dump(mode="json") if isinstance(result, BaseModel) else dict(result)
        return self.then(AIAnswer(result=values, say=say, partial=partial, delay=delay))

    def talk(
        self, say: str, *tools: ToolUse, reply: str | None = None, delay: float = 1.0
    ) -> SandboxCall:
        """Say `say` to the AI assistant, which then calls `tools` and replies; see `AssistantTurn`.

        Example: `call.talk("A table for two", ToolUse.of("book_table", Booking(...)))`.
        """
        return self.then(AssistantTurn(say=say, tools=list(tools), reply=reply, delay=delay))

    def hang_up_now(self) -> None:
        """The scripted party hangs up now (or stops ringing), ending what runs on the call."""
        self._engine.hang_up(self.call_control_id)

    def events(self) -> list[WebhookEvent]:
        """The typed events delivered so far for this call."""
        return [
            d.event
            for d in self._engine.outbox.snapshot()
            if d.delivered and d.call_control_id == self.call_control_id
        ]
