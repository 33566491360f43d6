"""What an AI assistant calls on the router besides events: webhook tools and dynamic variables."""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

from pydantic import BaseModel

from ..assistants import AssistantInitialization, InitializationReply
from ._initialization import INITIALIZATION_DEADLINE, InitializationHandled, InitializationTable
from ._tool_runs import run_tool, run_tool_async
from ._tools import ToolAnswer, ToolContext, ToolHandled, ToolTable

if TYPE_CHECKING:
    from ..verify import Body, Headers
    from ._drive import Driver

__all__ = ["AssistantServing"]

M = TypeVar("M", bound=BaseModel)
T = TypeVar("T", bound=ToolHandled)
H = TypeVar("H", bound=Callable[[AssistantInitialization], InitializationHandled])


class AssistantServing:
    """The `Router`'s methods for an AI assistant's webhook tools and dynamic variables."""

    _tools: ToolTable
    _init: InitializationTable
    _deadline: float

    def _verify(self, body: Body, headers: Headers) -> None:
        raise NotImplementedError

    def _tool_driver(self) -> Driver:
        raise NotImplementedError

    def tool(
        self, name: str, *, timeout: float | None = None, idempotent: bool = False
    ) -> Callable[[Callable[[M, ToolContext], T]], Callable[[M, ToolContext], T]]:
        """Serve the decorated function as the AI assistant's webhook tool `name`.

        The handler takes the tool's arguments, validated into the model its
        first parameter is annotated with, and a `ToolContext`; it returns
        what the assistant reads as JSON (a model, JSON data, or `None`).
        `webhook_tool(handler, url=...)` builds the matching tool definition.
        Serve the calls with `handle_tool` / `handle_tool_async`, or an
        integration's `serve_tools`.

        Args:
            name: The tool's name: the `{name}` of the URL it is served at.
            timeout: Seconds the handler may take (default: the router's
                `deadline`); keep it under the tool's `timeout_ms`. Then the
                call is answered 504: an async handler still running is
                cancelled; a sync one runs on a worker thread, left to finish
                on its own (its result unused, the overrun logged).
            idempotent: Whether running the handler twice for one tool call
                is harmless. Telnyx may deliver a call twice; a tool that is
                not idempotent (the default) is claimed in the router's
                `store` before it runs, and a duplicate is answered 409
                `{"error": "duplicate"}` without running it. `True`: every
                delivery runs.

        Raises:
            TypeError: The handler's first parameter is not a Pydantic model.
            ValueError: `name` already has a handler, or `timeout` is not positive.
        """
        limit = timeout if timeout is not None or math.isinf(self._deadline) else self._deadline

        def register(handler: Callable[[M, ToolContext], T]) -> Callable[[M, ToolContext], T]:
            self._tools.add(name, handler, limit, idempotent)
            return handler

        return register

    def handle_tool(self, name: str, body: Body, headers: Headers) -> ToolAnswer:
        """Verify one call of the tool `name`, validate its arguments, run it and answer.

        Never raises for anything the call or the handler does: the answer's
        `.status` (200; 401/413 unverified, nothing run; 404 unknown tool;
        409 a duplicate of a call already run, for a tool that is not
        idempotent; 422 arguments that do not fit, with the problems as JSON;
        500; 503 the store is unreachable; 504 past the deadline) and JSON
        `.body` go back to Telnyx.

        Raises:
            TypeError: The tool's handler is async, or (for a tool that is not
                idempotent) the router's store is; use `handle_tool_async`.
        """
        opened = self._tools.open(self._verify, name, body, headers)
        if isinstance(opened, ToolAnswer):
            return opened
        return run_tool(self._tool_driver(), opened)

    async def handle_tool_async(self, name: str, body: Body, headers: Headers) -> ToolAnswer:
        """`handle_tool` for async apps: an async handler is awaited, cancelled at its deadline."""
        opened = self._tools.open(self._verify, name, body, headers)
        if isinstance(opened, ToolAnswer):
            return opened
        return await run_tool_async(self._tool_driver(), opened)

    def initialization(
        self,
        *,
        defaults: InitializationReply | None = None,
        timeout: float = INITIALIZATION_DEADLINE,
    ) -> Callable[[H], H]:
        """Serve the decorated function as the assistant's dynamic-variables webhook.

        The handler takes the `AssistantInitialization` delivery and returns
        an `InitializationReply`. Telnyx waits 1.5 s by default, then goes
        on with the assistant's own defaults; so the handler gets `timeout`
        seconds, and a handler still running then (or failing) is answered
        `defaults` in time, with the reason logged. A sync handler runs in a
        worker thread so that its deadline holds.

        Args:
            defaults: The reply when the handler cannot give one in time
                (default: no variables, so the assistant's own apply).
            timeout: Seconds the handler may take; keep it under the
                assistant's `dynamic_variables_webhook_timeout_ms`.

        Raises:
            ValueError: A handler is already registered, or `timeout` is not positive.
        """
        reply = InitializationReply() if defaults is None else defaults

        def register(handler: H) -> H:
            self._init.add(handler, reply, timeout)
            return handler

        return register

    def handle_initialization(self, body: Body, headers: Headers) -> ToolAnswer:
        """Verify and parse one `assistant.initialization` delivery, run the handler, answer.

        The answer is 200 with the reply (reason `answered`) or the defaults
        (`defaults`), 401/413 when unverified, 400 when it does not parse,
        404 with no handler.

        Raises:
            TypeError: The handler is async; use `handle_initialization_async`.
        """
        opened = self._init.open(self._verify, body, headers)
        return opened if isinstance(opened, ToolAnswer) else self._init.run(*opened)

    async def handle_initialization_async(self, body: Body, headers: Headers) -> ToolAnswer:
        """`handle_initialization` for async apps; either kind of handler keeps its deadline."""
        opened = self._init.open(self._verify, body, headers)
        return opened if isinstance(opened, ToolAnswer) else await self._init.run_async(*opened)
