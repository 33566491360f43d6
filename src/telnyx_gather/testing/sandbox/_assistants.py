"""What the sandbox knows of an AI assistant: its saved settings, tools and variables.

Telnyx keeps an assistant's greeting, tools, default variables and
dynamic-variables webhook on the assistant itself; `Sandbox.assistant`
saves the same for the sandbox. `ai_assistant_start` may replace the tools
inline and add variables (which win over the defaults and the webhook's).
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, TypeAlias, cast

from pydantic import ValidationError

from ...assistants import AssistantInitialization, InitializationReply
from ...commands import AssistantWebhookTool, StartAIAssistant
from ._calls import CallState

__all__ = [
    "ASYNC_TIMEOUT_MS",
    "TOOL_TIMEOUT_MS",
    "AssistantSettings",
    "Variables",
    "initialization_payload",
    "read_variables",
    "stored_values",
    "substitute",
    "webhook_tools",
]

Variables: TypeAlias = dict[str, str | int | float | bool]
"""Dynamic variables by name."""

TOOL_TIMEOUT_MS = 5000
"""How long a synchronous tool is waited for when its `timeout_ms` is not set (an assumption)."""
ASYNC_TIMEOUT_MS = 300
"""Telnyx's default `async_timeout_ms`: how long an async tool's first answer is waited for."""

_TEMPLATE = re.compile(r"\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}")


@dataclass(frozen=True)
class AssistantSettings:
    """A saved assistant, as `Sandbox.assistant` describes it."""

    tools: tuple[AssistantWebhookTool, ...] = ()
    greeting: str | None = None
    dynamic_variables: Variables = field(default_factory=Variables)
    dynamic_variables_webhook_url: str | None = None
    dynamic_variables_webhook_timeout_ms: int = 1500


def webhook_tools(
    command: StartAIAssistant, settings: AssistantSettings
) -> dict[str, AssistantWebhookTool]:
    """The webhook tools by name: the command's inline tools, else the saved assistant's."""
    inline = command.assistant.tools if command.assistant is not None else None
    tools = settings.tools if inline is None else inline
    return {t.webhook.name: t for t in tools if isinstance(t, AssistantWebhookTool)}


def substitute(text: str, variables: Mapping[str, object]) -> str:
    """`text` with each `{{name}}` replaced by its variable; unknown names are left as written."""

    def value(match: re.Match[str]) -> str:
        found = variables.get(match.group(1))
        if found is None:
            return match.group(0)
        return json.dumps(found) if isinstance(found, bool) else str(found)

    return _TEMPLATE.sub(value, text)


def initialization_payload(call: CallState, assistant_id: str | None) -> dict[str, Any]:
    """The payload of the `assistant.initialization` delivery for `call`."""
    payload = dict(AssistantInitialization.example_payload)
    payload.update(
        telnyx_agent_target=call.to,
        telnyx_end_user_target=call.from_,
        call_control_id=call.call_control_id,
        assistant_id=assistant_id,
    )
    return payload


def read_variables(answer: bytes) -> Variables:
    """The `dynamic_variables` of an initialization answer; `{}` when it does not parse."""
    try:
        return dict(InitializationReply.model_validate_json(answer).dynamic_variables)
    except ValidationError:
        return {}


def stored_values(tool: AssistantWebhookTool, answer: bytes) -> Variables:
    """The variables a tool's answer sets through its `store_fields_as_variables`."""
    wanted = tool.webhook.store_fields_as_variables or []
    if not wanted:
        return {}
    try:
        data: object = json.loads(answer)
    except ValueError:
        return {}
    found: Variables = {}
    for stored in wanted:
        value = data
        for key in stored.value_path.split("."):
            value = cast("dict[str, object]", value).get(key) if isinstance(value, dict) else None
        if isinstance(value, (str, int, float, bool)):
            found[stored.name] = value
    return found
