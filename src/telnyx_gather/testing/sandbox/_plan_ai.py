"""Plan the webhooks of `gather_using_ai`, from its parameters and the caller's script."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from typing import Any

from ...commands import GatherUsingAI
from ...commands import _defaults as default
from ...events import (
    CallAIGatherEnded,
    CallAIGatherMessageHistoryUpdated,
    CallAIGatherPartialResults,
    CallConversationEnded,
    CallDtmfReceived,
)
from ._plan import (
    BEAT,
    PROMPT_SECONDS,
    Plan,
    Planned,
    caller_steps,
    conversation_summary,
    or_default,
)
from ._script import AIAnswer, CallerStep, HangUp, Press

__all__ = ["plan_ai_gather"]


def plan_ai_gather(
    command: GatherUsingAI, script: Sequence[CallerStep], start: float, conversation_id: str
) -> Plan:
    """Plan `gather_using_ai`: greeting, the caller's answer, results, then the ends.

    The result is `valid` when it has every key the `parameters` schema
    lists as `required`. Silence, keys, or an answer later than
    `user_response_timeout_ms` end it `invalid` with no result.
    """
    plan = Plan()
    updates = command.send_message_history_updates is True
    history: list[dict[str, Any]] = [
        m.model_dump(mode="json", by_alias=True, exclude_none=True)
        for m in command.message_history or []
    ]

    def say(role: str, content: str, at: float) -> None:
        history.append({"content": content, "role": role})
        if updates:
            body = {"message_history": [dict(m) for m in history]}
            plan.items.append(Planned(at, CallAIGatherMessageHistoryUpdated, body))

    t = start
    if command.greeting is not None:
        t += PROMPT_SECONDS
        say("assistant", command.greeting, t)
    step, scripted = next(caller_steps(script))
    wait = or_default(command.user_response_timeout_ms, default.AI_USER_RESPONSE_TIMEOUT_MS)
    timeout = t + wait / 1000
    ended: dict[str, Any] = {"status": "invalid"}
    hangup = False
    if isinstance(step, Press):
        for index, key in enumerate(step.digits):
            at = t + step.delay + index * step.gap
            if at <= timeout:
                plan.items.append(Planned(at, CallDtmfReceived, {"digit": key}))
    delay = step.delay if isinstance(step, (AIAnswer, HangUp)) else None
    if delay is not None and t + delay <= timeout:
        t += delay
        plan.commits.append(t)
        if isinstance(step, AIAnswer):
            t = _answer(plan, command, step, t, say, history)
            required = command.parameters.get("required")
            names = required if isinstance(required, list) else []
            valid = all(name in step.result for name in names if isinstance(name, str))
            ended = {"result": step.result, "status": "valid" if valid else "invalid"}
        hangup = isinstance(step, HangUp)
    else:
        t = timeout
        if scripted:
            plan.commits.append(t)
    ended = {"message_history": [dict(m) for m in history], **ended}
    plan.items.append(Planned(t, CallAIGatherEnded, ended))
    summary = conversation_summary(conversation_id, t + BEAT - start)
    plan.items.append(Planned(t + BEAT, CallConversationEnded, summary, ends_call=hangup))
    return plan


def _answer(
    plan: Plan,
    command: GatherUsingAI,
    step: AIAnswer,
    t: float,
    say: Callable[[str, str, float], None],
    history: list[dict[str, Any]],
) -> float:
    """The caller's answer, the partial results, and the closing speech; returns the end."""
    words = step.say or "; ".join(f"{k}: {json.dumps(v)}" for k, v in step.result.items())
    say("user", words, t)
    if command.send_partial_results is True:
        partials = step.partial
        if partials is None:
            keys = list(step.result)
            partials = [{k: step.result[k] for k in keys[: i + 1]} for i in range(len(keys))]
        for partial in partials:
            t += BEAT
            body = {"message_history": [dict(m) for m in history], "partial_results": partial}
            plan.items.append(Planned(t, CallAIGatherPartialResults, body))
    t += BEAT
    if command.gather_ended_speech is not None:
        t += PROMPT_SECONDS
        say("assistant", command.gather_ended_speech, t)
    return t
