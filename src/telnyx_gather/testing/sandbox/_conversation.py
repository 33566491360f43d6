"""The sandbox plays an AI assistant: a scripted conversation that calls the app back.

On its own thread, so that the app can answer (and send commands) while it
waits, a conversation:

1. posts `assistant.initialization` to the assistant's dynamic-variables
   webhook, if it has one, and waits its deadline for the variables;
2. says the greeting, with its `{{variables}}` filled in;
3. plays each `AssistantTurn` at the head of the caller's script: the
   caller's words, then each tool call, posted signed to the tool's URL and
   waited for within the tool's deadline, then the assistant's reply (a
   `HangUp` there hangs the call up);
4. after its last turn, waits (up to `ASYNC_WAIT` real seconds) for the app
   to add the result of each async tool call (`AddAIAssistantMessages`),
   then ends: `call.conversation.ended` carries the transcript.

A conversation whose script has no turn for it only greets; it runs until
stopped, as before. Posts wait in real time, as the app's deadlines count;
the pauses between turns are call time. Every post is kept in `kit.posts`.
"""

from __future__ import annotations

import json
import threading
from typing import Any

from ...commands import AssistantWebhookTool, StartAIAssistant
from .._factories import webhook_body
from ._assistants import (
    ASYNC_TIMEOUT_MS,
    TOOL_TIMEOUT_MS,
    AssistantSettings,
    Variables,
    initialization_payload,
    read_variables,
    stored_values,
    substitute,
    webhook_tools,
)
from ._calls import Assistant, CallState, new_uuid
from ._plan import PROMPT_SECONDS
from ._posts import AssistantPost, post_signed
from ._script import AssistantTurn, HangUp, ToolUse
from ._toolkit import Toolkit, scripted_party

__all__ = ["ASYNC_WAIT", "Conversation"]

ASYNC_WAIT = 30.0
"""Real seconds a finished script waits for the results of its async tool calls."""

_INITIALIZATION = "assistant.initialization"


class Conversation:
    """One AI assistant's conversation on a call, played from the caller's script."""

    def __init__(
        self,
        kit: Toolkit,
        call: CallState,
        assistant: Assistant,
        command: StartAIAssistant,
        settings: AssistantSettings,
    ) -> None:
        self.kit = kit
        self.call = call
        self.assistant = assistant
        self.settings = settings
        self.tools: dict[str, AssistantWebhookTool] = webhook_tools(command, settings)
        self.greeting = command.greeting or settings.greeting
        config = command.assistant
        self.assistant_id = config.id if config is not None else None
        self.overrides: Variables = dict(config.dynamic_variables or {}) if config else {}
        self.variables: Variables = {**settings.dynamic_variables, **self.overrides}

    def start(self, at: float) -> None:
        """Greet now, or (with a webhook or turns to play) play on a thread of its own.

        Call holding the sandbox's lock.
        """
        webhook = self.settings.dynamic_variables_webhook_url is not None
        if not webhook:
            self._greet()
        head = self.call.script[0] if self.call.script else None
        if not webhook and not isinstance(head, (AssistantTurn, HangUp)):
            return
        self.assistant.changed = threading.Condition(self.kit.lock)
        self.kit.clock.hold()
        thread = threading.Thread(target=self._run, args=(at,), daemon=True)
        thread.name = "sandbox-assistant"
        thread.start()

    def _run(self, at: float) -> None:
        try:
            self._play(at)
        finally:
            self.kit.clock.release()

    def _play(self, t: float) -> None:
        if self.settings.dynamic_variables_webhook_url is not None:
            answer = self._initialize(self.settings.dynamic_variables_webhook_url, t)
            self.variables = {**self.settings.dynamic_variables, **answer, **self.overrides}
            with self.kit.lock:
                if not self._live():
                    return
                self._greet()
        if self.greeting:
            t += PROMPT_SECONDS
        played = False
        while True:
            with self.kit.lock:
                script = self.call.script
                step = script[0] if script and self._live() else None
                if not isinstance(step, (AssistantTurn, HangUp)):
                    break
                script.popleft()
                t += step.delay
                if not self._wait_until(t):
                    return
                if isinstance(step, HangUp):
                    self.kit.end_call(self.call, t, "normal_clearing", scripted_party(self.call))
                    return
                played = True
                self._say("user", step.say)
            for use in step.tools:
                if not self._use(use):
                    return
            with self.kit.lock:
                t = max(t, self.kit.clock.now()) + PROMPT_SECONDS
                self._say("assistant", step.reply or _reply(step))
        if played:
            self._finish(t)

    def _finish(self, t: float) -> None:
        """Wait for the async results and the last words, then end the conversation."""
        with self.kit.lock:
            changed = self.assistant.changed
            if changed is not None:
                changed.wait_for(
                    lambda: not self._live() or self.assistant.pending_async <= 0, ASYNC_WAIT
                )
            if self._wait_until(t):
                self.kit.end_assistant(self.call, max(t, self.kit.clock.now()))

    def _live(self) -> bool:
        """Whether this assistant still runs (it was not stopped, the call is up)."""
        return self.call.assistant is self.assistant and not self.kit.closing

    def _wait_until(self, t: float) -> bool:
        """Wait (holding the lock) until call time `t`; `False` if the assistant ended first."""
        changed = self.assistant.changed
        while self._live():
            remaining = (t - self.kit.clock.now()) * self.kit.outbox.time_scale
            if remaining <= 0 or changed is None:
                return True
            changed.wait(remaining)
        return False

    def _greet(self) -> None:
        if self.greeting:
            self._say("assistant", substitute(self.greeting, self.variables))

    def _say(self, role: str, content: str) -> None:
        self.assistant.messages.append({"role": role, "content": content})

    def _initialize(self, url: str, at: float) -> Variables:
        """Post `assistant.initialization`; the variables it answers with in time, if any."""
        payload = initialization_payload(self.call, self.assistant_id)
        when = self.kit.iso(at)
        body = webhook_body(_INITIALIZATION, payload, occurred_at=when, attempt=None)
        deadline = self.settings.dynamic_variables_webhook_timeout_ms
        posted = post_signed(self.kit.outbox.signer, url, body, {}, deadline)
        post = AssistantPost(
            "initialization", _INITIALIZATION, self.call.call_control_id, at, url, body, *posted
        )
        with self.kit.lock:
            self.kit.posts.append(post)
        return read_variables(post.answer) if post.ok else {}

    def _use(self, use: ToolUse) -> bool:
        """Call one tool and add the call and its answer to the transcript; `False` if ended."""
        arguments = json.dumps(use.arguments)
        call_id = "call_" + new_uuid().replace("-", "")[:24]
        function = {"name": use.name, "arguments": arguments}
        with self.kit.lock:
            if not self._live():
                return False
            at = self.kit.clock.now()
            self.assistant.messages.append(
                {"role": "assistant", "tool_calls": [
                    {"id": call_id, "type": "function", "function": function}
                ]}
            )  # fmt: skip
        tool = self.tools.get(use.name)
        post = self._post(tool, use, at) if tool is not None else self._unknown(use, at)
        with self.kit.lock:
            self.kit.posts.append(post)
            if post.ok and tool is not None:
                self.variables.update(stored_values(tool, post.answer))
            if post.is_async and post.ok:
                self.assistant.pending_async += 1  # its result comes later
            content = _content(post)
            if not self._live():
                return False
            self.assistant.messages.append(
                {"role": "tool", "tool_call_id": call_id, "content": content}
            )
            return True

    def _unknown(self, use: ToolUse, at: float) -> AssistantPost:
        """The record of a call to a tool the assistant does not have: nothing is posted."""
        body = json.dumps(use.arguments).encode()
        error = "the assistant has no webhook tool of this name"
        return AssistantPost("tool", use.name, self.call.call_control_id, at, "", body, None, error)

    def _post(self, tool: AssistantWebhookTool, use: ToolUse, at: float) -> AssistantPost:
        webhook = tool.webhook
        preset = {
            k: substitute(v, self.variables) if isinstance(v, str) else v
            for k, v in (webhook.preset_body_fields or {}).items()
        }
        body = json.dumps({**use.arguments, **preset}).encode()
        headers = {
            h.name: substitute(h.value or "", self.variables)
            for h in webhook.headers or []
            if h.name
        }
        headers["x-telnyx-call-control-id"] = self.call.call_control_id
        is_async = webhook.async_ is True
        deadline = (
            (webhook.async_timeout_ms or ASYNC_TIMEOUT_MS)
            if is_async
            else (tool.timeout_ms or TOOL_TIMEOUT_MS)
        )
        status, error, answer, timed_out = post_signed(
            self.kit.outbox.signer, webhook.url, body, headers, deadline
        )
        call_control_id = self.call.call_control_id
        return AssistantPost(
            "tool", use.name, call_control_id, at, webhook.url, body, status, error, answer,
            is_async, timed_out,
        )  # fmt: skip


def _content(post: AssistantPost) -> str:
    """What the model reads as the tool's result."""
    if post.status is not None:
        return post.answer.decode("utf-8", "replace")
    if post.is_async:
        return json.dumps({"status": "submitted"})
    return json.dumps({"error": "no_answer", "message": post.error or "the tool did not answer"})


def _reply(turn: AssistantTurn) -> str:
    names = ", ".join(dict.fromkeys(use.name for use in turn.tools))
    return f"Done: I used {names}." if names else "I see."


def describe_posts(kit: Toolkit, call_control_id: str | None) -> list[dict[str, Any]]:
    """The posts (on one call) as the log lists them."""
    with kit.lock:
        posts = [p for p in kit.posts if call_control_id in (None, p.call_control_id)]
    return [p.describe(kit.iso(p.at)) for p in posts]
