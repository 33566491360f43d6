"""The sandbox's AI assistants: saving one, and reading what they posted to the app."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from ...commands import AssistantWebhookTool
from ._assistants import AssistantSettings
from ._delivery import check_webhook_url
from ._engine import Engine
from ._posts import AssistantPost

__all__ = ["AssistantControls"]


class AssistantControls:
    """The `Sandbox` methods about AI assistants."""

    _engine: Engine

    def assistant(
        self,
        assistant_id: str,
        *,
        tools: Sequence[AssistantWebhookTool] = (),
        greeting: str | None = None,
        dynamic_variables: Mapping[str, str | int | float | bool] | None = None,
        dynamic_variables_webhook_url: str | None = None,
        dynamic_variables_webhook_timeout_ms: int = 1500,
    ) -> None:
        """Save an AI assistant, as Telnyx keeps one, for `StartAIAssistant` to run by its id.

        When the app starts it (`assistant={"id": assistant_id}`), the
        sandbox posts `assistant.initialization` to
        `dynamic_variables_webhook_url` (signed, as call webhooks are) and
        waits `dynamic_variables_webhook_timeout_ms` real milliseconds for
        the reply; then the greeting is said with its `{{variables}}` filled
        in: the reply's values over `dynamic_variables`, and the command's
        own `dynamic_variables` over both. The command's `greeting` and
        inline `tools` replace these. Then the caller's `AssistantTurn`
        steps are played (see `AssistantTurn`).

        Args:
            assistant_id: The id `StartAIAssistant(assistant=...)` names.
            tools: The assistant's webhook tools (build them with `webhook_tool`).
            greeting: What the assistant says first.
            dynamic_variables: The defaults of its variables.
            dynamic_variables_webhook_url: The app's dynamic-variables webhook.
            dynamic_variables_webhook_timeout_ms: How long the reply is waited for.

        Raises:
            ValueError: The URL is not an absolute http(s) URL, or the
                timeout is not positive.
        """
        if dynamic_variables_webhook_url is not None:
            check_webhook_url(dynamic_variables_webhook_url)
        if not dynamic_variables_webhook_timeout_ms > 0:
            raise ValueError("dynamic_variables_webhook_timeout_ms must be positive")
        settings = AssistantSettings(
            tuple(tools),
            greeting,
            dict(dynamic_variables or {}),
            dynamic_variables_webhook_url,
            dynamic_variables_webhook_timeout_ms,
        )
        with self._engine.lock:
            self._engine.kit.assistants[assistant_id] = settings

    def assistant_posts(self, call_control_id: str | None = None) -> list[AssistantPost]:
        """What AI assistants posted to the app (on one call): tool calls and variable requests.

        A tool URL that failed or did not answer in time is here with
        `ok` false; `log()` lists the same under `"assistant"`.
        """
        with self._engine.lock:
            posts = list(self._engine.kit.posts)
        return [p for p in posts if call_control_id in (None, p.call_control_id)]
