"""What every integration shares to serve an AI assistant's calls: tools and dynamic variables.

Those calls are answered with JSON (`ToolAnswer`), not an `Outcome`. Each
framework only reads the body (bounded by the verifier's `max_body_bytes`)
and the headers its own way, and writes the answer back; the rest is here:

- `tool_name(path)`: the tool a request calls, the last segment of its path,
  for the adapters that serve any path (WSGI, Lambda);
- `for_tool(router, name)` / `for_initialization(router)`: the router's
  entry point for that request;
- `json_answer(read, headers, respond)`: a body too large to read is refused
  (413, nothing run); otherwise `respond(body, headers)` answers.

`json_answer_async` is the same for Starlette's awaited body.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any, TypeAlias
from urllib.parse import unquote

from .._errors import WebhookVerificationError

if TYPE_CHECKING:
    from ..router import Router, ToolAnswer
    from ..verify import Headers

__all__ = [
    "Respond",
    "for_initialization",
    "for_tool",
    "json_answer",
    "json_answer_async",
    "tool_name",
]

Respond: TypeAlias = "Callable[[bytes, Headers], ToolAnswer]"
"""A router entry point bound to one request: the body and headers in, the JSON answer out."""


def tool_name(path: str) -> str:
    """The last segment of a request path, URL-decoded: `/tools/book_table` -> `book_table`."""
    return unquote(path.rstrip("/").rpartition("/")[2])


def for_tool(router: Router[Any], name: str) -> Respond:
    """`router.handle_tool` for the tool `name`."""
    return lambda body, headers: router.handle_tool(name, body, headers)


def for_initialization(router: Router[Any]) -> Respond:
    """`router.handle_initialization`."""
    return router.handle_initialization


def json_answer(read: Callable[[], bytes], headers: Headers, respond: Respond) -> ToolAnswer:
    """Read the body with `read` and answer it with `respond`; 413 if `read` refuses its size."""
    from ..router import ToolAnswer

    try:
        body = read()
    except WebhookVerificationError as exc:
        return ToolAnswer.rejected(exc)
    return respond(body, headers)


async def json_answer_async(
    read: Awaitable[bytes],
    headers: Headers,
    respond: Callable[[bytes, Headers], Awaitable[ToolAnswer]],
) -> ToolAnswer:
    """`json_answer` for an awaited body and an async entry point."""
    from ..router import ToolAnswer

    try:
        body = await read
    except WebhookVerificationError as exc:
        return ToolAnswer.rejected(exc)
    return await respond(body, headers)
