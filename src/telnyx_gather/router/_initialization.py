"""The dynamic-variables webhook served by the router, with its deadline enforced.

Telnyx waits `dynamic_variables_webhook_timeout_ms` (1.5 s by default) for
the reply, then starts the conversation with the assistant's defaults and
says nothing. So the handler gets less than that, and at its deadline the
registered defaults are answered in time (and the reason logged) rather
than a late reply nobody reads.
"""

from __future__ import annotations

import inspect
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeAlias, cast

from pydantic import ValidationError

from .._errors import WebhookVerificationError
from .._log import get_logger
from ..assistants import AssistantInitialization, InitializationReply, parse_initialization
from ._deadline import Overran, within, within_async
from ._tools import ToolAnswer

if TYPE_CHECKING:
    from ..verify import Body, Headers

__all__ = ["INITIALIZATION_DEADLINE", "InitializationHandled", "InitializationTable"]

logger = get_logger("router")

INITIALIZATION_DEADLINE = 1.2
"""Seconds a dynamic-variables handler may take by default: below Telnyx's 1.5 s."""

InitializationHandled: TypeAlias = InitializationReply | Awaitable[InitializationReply]
"""A dynamic-variables handler's return: the reply, or (from an `async def`) an awaitable of it."""

_WHAT = "the dynamic-variables handler"


@dataclass(frozen=True)
class _Route:
    handler: Callable[[AssistantInitialization], InitializationHandled]
    defaults: InitializationReply
    timeout: float
    is_async: bool


class InitializationTable:
    """The router's dynamic-variables handler, and how one delivery to it is answered."""

    def __init__(self) -> None:
        self.route: _Route | None = None

    def add(
        self,
        handler: Callable[[AssistantInitialization], InitializationHandled],
        defaults: InitializationReply,
        timeout: float,
    ) -> None:
        """Register the handler; there is one per router.

        Raises:
            ValueError: A handler is already registered, or `timeout` is not positive.
        """
        if self.route is not None:
            raise ValueError("Router.initialization(): a handler is already registered")
        if not timeout > 0:
            raise ValueError("Router.initialization(): timeout must be a positive number")
        is_async = inspect.iscoroutinefunction(handler)
        self.route = _Route(handler, defaults, timeout, is_async)

    def open(
        self, verify: Callable[[Body, Headers], None], body: Body, headers: Headers
    ) -> tuple[_Route, AssistantInitialization] | ToolAnswer:
        """Verify and parse the delivery; or the answer refusing it (401/413/400/404)."""
        try:
            verify(body, headers)
        except WebhookVerificationError as exc:
            return ToolAnswer.rejected(exc)
        raw = body.encode() if isinstance(body, str) else bytes(body)
        try:
            event = parse_initialization(raw)
        except ValidationError:
            logger.warning("an assistant.initialization delivery that does not parse")
            return ToolAnswer("unparseable", b'{"error": "unparseable"}')
        if self.route is None:
            logger.warning("assistant.initialization with no handler registered")
            return ToolAnswer("unknown_tool", b'{"error": "unknown_tool"}')
        return self.route, event

    def run(self, route: _Route, event: AssistantInitialization) -> ToolAnswer:
        """Run a sync handler on a worker thread; at its deadline, answer the defaults."""
        if route.is_async:
            raise TypeError(
                "an async handler needs `await router.handle_initialization_async(...)`"
            )
        sync = cast("Callable[[AssistantInitialization], InitializationReply]", route.handler)
        try:
            reply = within(_WHAT, route.timeout, sync, event)
        except Overran:
            return _defaults(route, "overran its deadline")
        except Exception:
            logger.exception("the dynamic-variables handler failed; answered the defaults")
            return _defaults(route, "failed")
        return _answered(route, reply)

    async def run_async(self, route: _Route, event: AssistantInitialization) -> ToolAnswer:
        """Await the handler (a sync one on a worker thread); at its deadline, the defaults."""
        try:
            reply = await within_async(
                _WHAT, route.timeout, route.handler, event, is_async=route.is_async
            )
        except Overran:
            return _defaults(route, "overran its deadline")
        except Exception:
            logger.exception("the dynamic-variables handler failed; answered the defaults")
            return _defaults(route, "failed")
        return _answered(route, reply)


def _defaults(route: _Route, why: str) -> ToolAnswer:
    if why != "failed":
        logger.warning(
            "the dynamic-variables handler %s (%ss): answered the defaults", why, route.timeout
        )
    return ToolAnswer("defaults", route.defaults.model_dump_json(exclude_none=True).encode())


def _answered(route: _Route, reply: object) -> ToolAnswer:
    if not isinstance(reply, InitializationReply):
        logger.warning("the dynamic-variables handler returned no InitializationReply")
        return _defaults(route, "failed")
    return ToolAnswer("answered", reply.model_dump_json(exclude_none=True).encode())
