"""Webhook tools served by the router: verify, validate the arguments, run, answer JSON.

An assistant's tool call is not an event: Telnyx posts the bare arguments the
model filled in, signed like a webhook. So the body is checked with the
verifier's `verify` (never `unwrap`), then parsed into the handler's model.
"""

from __future__ import annotations

import hashlib
import inspect
import json
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal, NamedTuple, TypeAlias

from pydantic import BaseModel, JsonValue, ValidationError

from .._errors import WebhookVerificationError
from .._log import get_logger
from ..commands.options.assistant_tools import first_parameter_model
from ..verify._delivery import find_headers
from ..verify._headers import TELNYX_TIMESTAMP, WEBHOOK_ID

if TYPE_CHECKING:
    from ..verify import Body, Headers

__all__ = [
    "CALL_CONTROL_ID_HEADER",
    "IDENTITY_HEADERS",
    "ToolAnswer",
    "ToolCall",
    "ToolContext",
    "ToolHandled",
    "ToolReason",
    "ToolReply",
    "ToolRoute",
    "ToolTable",
    "answered",
    "call_key",
    "tool_error",
]

logger = get_logger("router")

CALL_CONTROL_ID_HEADER = "x-telnyx-call-control-id"
"""The header naming the call a tool call comes from (sent with async tools)."""
IDENTITY_HEADERS = frozenset({CALL_CONTROL_ID_HEADER, WEBHOOK_ID, TELNYX_TIMESTAMP})
"""The headers a tool call's context and store key are read from."""

ToolReply: TypeAlias = BaseModel | Mapping[str, JsonValue] | list[JsonValue] | str | None
"""What a tool handler returns: a model, JSON data, or nothing; the assistant reads its JSON."""

ToolHandled: TypeAlias = ToolReply | Awaitable[ToolReply]
"""A tool handler's return: a `ToolReply`, or (from an `async def`) an awaitable of one."""

ToolReason = Literal[
    "answered",
    "unauthenticated",
    "too_large",
    "unknown_tool",
    "bad_arguments",
    "handler_failed",
    "deadline_exceeded",
    "defaults",
    "unparseable",
    "duplicate",
    "store_unavailable",
]
"""Why a tool call was answered as it was; `ToolAnswer.status` maps each to its HTTP status."""

_STATUS: dict[ToolReason, int] = {
    "answered": 200,
    "unauthenticated": 401,
    "too_large": 413,
    "unknown_tool": 404,
    "bad_arguments": 422,
    "handler_failed": 500,
    "deadline_exceeded": 504,
    "defaults": 200,
    "unparseable": 400,
    "duplicate": 409,
    "store_unavailable": 503,
}


@dataclass(frozen=True)
class ToolContext:
    """What a tool call carries besides its arguments.

    Attributes:
        name: The tool's name, as registered.
        call_control_id: The call, from the `x-telnyx-call-control-id`
            header (Telnyx sends it to async tools); `None` when absent. Use
            it to post an async result with `AddAIAssistantMessages`.
    """

    name: str
    call_control_id: str | None


class ToolAnswer(NamedTuple):
    """The answer to one tool call: its HTTP status and JSON body.

    Attributes:
        reason: Why; one of `ToolReason`.
        body: The JSON answer: the handler's reply, or `{"error": ...}`
            that the assistant can read.
        detail: For a rejected call, the verifier's `.reason`; otherwise empty.
    """

    reason: ToolReason
    body: bytes
    detail: str = ""

    @property
    def status(self) -> int:
        """The HTTP status: 200, 400, 401/413 (not verified), 404, 409, 422, 500, 503 or 504."""
        return _STATUS[self.reason]

    @property
    def headers(self) -> dict[str, str]:
        """The headers to answer with: the JSON content type."""
        return {"Content-Type": "application/json"}

    @classmethod
    def rejected(cls, exc: WebhookVerificationError) -> ToolAnswer:
        """The answer to a call that failed verification: 401, or 413 for `body_too_large`.

        For the integrations, which can refuse an oversize body while reading it.
        """
        logger.warning("rejected a tool call (%s)", exc.reason)
        reason: ToolReason = "too_large" if exc.reason == "body_too_large" else "unauthenticated"
        return tool_error(reason, "the tool call is not verified")._replace(detail=exc.reason)


def tool_error(reason: ToolReason, message: str, **more: JsonValue) -> ToolAnswer:
    """The JSON error answer `{"error": reason, "message": message, ...}` for `reason`."""
    body: dict[str, JsonValue] = {"error": reason, "message": message, **more}
    return ToolAnswer(reason, json.dumps(body).encode())


@dataclass(frozen=True)
class ToolRoute:
    """One registered tool: its handler, the model of its arguments, its deadline, and whether
    it may run again for a duplicate call."""

    name: str
    handler: Callable[[BaseModel, ToolContext], ToolHandled]
    model: type[BaseModel]
    timeout: float | None
    is_async: bool
    idempotent: bool = False

    @property
    def what(self) -> str:
        """The tool as logs name it."""
        return f"tool {self.name}"


@dataclass(frozen=True)
class ToolCall:
    """One verified call with valid arguments: the tool, its arguments and context, and its
    key in the store (`None` for an idempotent tool, which is not claimed)."""

    route: ToolRoute
    arguments: BaseModel
    context: ToolContext
    key: str | None


def call_key(name: str, body: bytes, found: Mapping[str, str]) -> str:
    """The store key that is the same for every delivery of one tool call.

    The first that applies: the `webhook-id` (Standard Webhooks keeps it on
    retries); the call (`x-telnyx-call-control-id`) with the exact
    arguments; the signed `telnyx-timestamp` with the exact arguments.
    """
    message = found.get(WEBHOOK_ID)
    if message:
        return f"tool:{name}:message:{message}"
    digest = hashlib.sha256(body).hexdigest()[:32]
    call = found.get(CALL_CONTROL_ID_HEADER)
    if call:
        return f"tool:{name}:call:{call}:{digest}"
    return f"tool:{name}:at:{found.get(TELNYX_TIMESTAMP, '')}:{digest}"


def _text(value: object) -> str:
    if isinstance(value, (bytes, bytearray)):
        return bytes(value).decode("latin-1")
    return value if isinstance(value, str) else ""


class ToolTable:
    """The tools a router serves, by name, and how one call to them is answered."""

    def __init__(self) -> None:
        self.routes: dict[str, ToolRoute] = {}

    def add(
        self,
        name: str,
        handler: Callable[..., ToolHandled],
        timeout: float | None,
        idempotent: bool = False,
    ) -> None:
        """Register `handler` as the tool `name`; its first parameter's model takes the arguments.

        Raises:
            TypeError: The handler's first parameter is not annotated with a Pydantic model.
            ValueError: `name` already has a handler, or `timeout` is not positive.
        """
        model = first_parameter_model(handler)
        if model is None:
            raise TypeError(
                "Router.tool(): the handler's first parameter must be annotated with a"
                " pydantic model of the tool's arguments"
            )
        if name in self.routes:
            raise ValueError(f"Router.tool(): the tool {name!r} already has a handler")
        if timeout is not None and not timeout > 0:
            raise ValueError("Router.tool(): timeout must be a positive number of seconds")
        is_async = inspect.iscoroutinefunction(handler)
        self.routes[name] = ToolRoute(name, handler, model, timeout, is_async, idempotent)

    def open(
        self, verify: Callable[[Body, Headers], None], name: str, body: Body, headers: Headers
    ) -> ToolCall | ToolAnswer:
        """Verify the call, find its tool and validate its arguments; or the answer refusing it."""
        try:
            verify(body, headers)
            found = {k: _text(v) for k, v in find_headers(headers, IDENTITY_HEADERS).items()}
        except WebhookVerificationError as exc:
            return ToolAnswer.rejected(exc)
        route = self.routes.get(name)
        if route is None:
            logger.warning("a verified tool call for an unregistered tool")
            return tool_error("unknown_tool", "this app serves no tool of that name")
        raw = body.encode() if isinstance(body, str) else bytes(body)
        try:
            arguments = route.model.model_validate_json(raw.strip() or b"{}")
        except ValidationError as exc:
            problems: list[JsonValue] = [
                {"field": ".".join(map(str, e["loc"])), "problem": e["type"], "message": e["msg"]}
                for e in exc.errors(include_url=False, include_input=False)
            ]
            logger.warning("tool %s: arguments do not fit its model", name)
            return tool_error(
                "bad_arguments", "the arguments do not fit the tool", problems=problems
            )
        context = ToolContext(name, found.get(CALL_CONTROL_ID_HEADER) or None)
        key = None if route.idempotent else call_key(name, raw, found)
        return ToolCall(route, arguments, context, key)


def answered(reply: ToolReply) -> ToolAnswer:
    if isinstance(reply, BaseModel):
        return ToolAnswer("answered", reply.model_dump_json().encode())
    try:
        return ToolAnswer("answered", json.dumps(reply).encode())
    except (TypeError, ValueError):
        logger.warning("a tool's reply is not JSON data")
        return tool_error("handler_failed", "the tool's answer is not JSON")
