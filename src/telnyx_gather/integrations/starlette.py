"""Verify Telnyx webhooks in Starlette and FastAPI (`pip install 'telnyx-gather[fastapi]'`).

`TelnyxWebhook(verifier)` is a FastAPI dependency that returns the verified,
typed event::

    telnyx_event = TelnyxWebhook(WebhookVerifier.from_env())

    @app.post("/webhooks/telnyx")
    async def webhook(event: Annotated[WebhookEvent, Depends(telnyx_event)]) -> None: ...

In a plain Starlette endpoint, `event = await verified_event(request, verifier)`.

`serve(router)` is a whole endpoint for a `Router`, in one line::

    app.add_route("/webhooks/telnyx", serve(router), methods=["POST"])

It reads the body as below, awaits `router.handle_async`, and answers the
outcome's status.

Both read the raw body and the raw ASGI header pairs. The body is read no
further than the verifier's `max_body_bytes`: a declared `Content-Length`
over it is refused before anything is read, and a chunked body stops as soon
as it passes the limit; both answer 413. A body the app already read (a
FastAPI route that also takes a parsed JSON body, or `await
request.json()` first) is the same bytes, from Starlette's cache; after the
adapter has read the stream, use the event rather than `request.body()`.
The header pairs are passed as received, so a repeated header reaches the
verifier twice and is rejected. A failed verification raises
`HTTPException(401)` (413 for a body over the limit), and a body that
verifies but does not parse `HTTPException(400)`. A client that disconnects
before its body arrives is logged in one line and answered 400 (nobody
reads that answer), never with a traceback.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from contextlib import aclosing
from typing import TYPE_CHECKING, Any

try:
    from starlette.exceptions import HTTPException
    from starlette.requests import ClientDisconnect, Request
    from starlette.responses import PlainTextResponse, Response
except ImportError as _missing:
    raise ImportError(
        "telnyx_gather.integrations.starlette needs Starlette: "
        "pip install 'telnyx-gather[starlette]' (or 'telnyx-gather[fastapi]')"
    ) from _missing

from .._errors import WebhookParseError, WebhookVerificationError
from ..events import WebhookEvent
from ._body import BodyBuffer, body_limit, client_gone, declared_length
from ._common import Verifier, rejection
from ._json import json_answer_async

if TYPE_CHECKING:
    from ..router import Router, ToolAnswer
    from ..verify import Headers

__all__ = ["TelnyxWebhook", "serve", "serve_initialization", "serve_tools", "verified_event"]


async def verified_event(request: Request, verifier: Verifier) -> WebhookEvent:
    """Verify the request's raw body and headers, and return the typed event.

    Raises:
        HTTPException: 401 (or 413) when verification fails, 400 when the
            verified body is not a Telnyx delivery.
    """
    try:
        body = await _bounded_body(request, body_limit(verifier))
        return verifier.unwrap(body, request.headers.raw)
    except (WebhookVerificationError, WebhookParseError) as exc:
        status, detail = rejection(exc)
        raise HTTPException(status, detail) from None
    except ClientDisconnect as exc:
        client_gone(exc)
        raise HTTPException(400, _GONE) from None


async def _bounded_body(request: Request, limit: int) -> bytes:
    buffer = BodyBuffer(limit, declared_length(request.headers.get("content-length")))
    async with aclosing(request.stream()) as stream:
        async for chunk in stream:
            buffer.add(chunk)
    return buffer.body()


_GONE = "the client disconnected before its body arrived"


class TelnyxWebhook:
    """A FastAPI dependency: `Depends(TelnyxWebhook(verifier))` gives the verified event."""

    def __init__(self, verifier: Verifier) -> None:
        """Wrap `verifier` (a `WebhookVerifier` or `StandardWebhookVerifier`)."""
        self.verifier = verifier

    async def __call__(self, request: Request) -> WebhookEvent:
        """Verify and parse the request; see `verified_event`."""
        return await verified_event(request, self.verifier)


def serve(router: Router[Any]) -> Callable[[Request], Awaitable[Response]]:
    """A Starlette/FastAPI endpoint that hands each delivery to `router`.

    Mount it with `app.add_route(path, serve(router), methods=["POST"])`. The
    body is read no further than the verifier's `max_body_bytes` (413), then
    `await router.handle_async(body, headers)` runs, and the answer is the
    outcome's status with its `text` as plain text.
    """
    from ..router import Outcome

    async def endpoint(request: Request) -> Response:
        try:
            body = await _bounded_body(request, body_limit(router.verifier))
        except WebhookVerificationError as exc:
            outcome = Outcome.rejected(exc)
        except ClientDisconnect as exc:
            client_gone(exc)
            return PlainTextResponse(_GONE, status_code=400)
        else:
            outcome = await router.handle_async(body, request.headers.raw)
        return PlainTextResponse(outcome.text, outcome.status, headers=outcome.headers)

    return endpoint


def serve_tools(router: Router[Any]) -> Callable[[Request], Awaitable[Response]]:
    """A Starlette/FastAPI endpoint that serves the router's AI assistant webhook tools.

    Mount it with the tool's name as a path parameter:
    `app.add_route("/tools/{name}", serve_tools(router), methods=["POST"])`.
    The body is read as for `serve` (413 past `max_body_bytes`), then
    `await router.handle_tool_async(name, body, headers)` answers with its
    status and JSON body.
    """

    async def endpoint(request: Request) -> Response:
        name = str(request.path_params.get("name", ""))

        async def respond(body: bytes, headers: Headers) -> ToolAnswer:
            return await router.handle_tool_async(name, body, headers)

        return await _json_reply(router, request, respond)

    return endpoint


def serve_initialization(router: Router[Any]) -> Callable[[Request], Awaitable[Response]]:
    """A Starlette/FastAPI endpoint for the assistant's dynamic-variables webhook.

    Mount it at the assistant's `dynamic_variables_webhook_url`:
    `app.add_route("/dynamic-variables", serve_initialization(router), methods=["POST"])`.
    It answers `await router.handle_initialization_async(body, headers)`.
    """

    async def endpoint(request: Request) -> Response:
        return await _json_reply(router, request, router.handle_initialization_async)

    return endpoint


async def _json_reply(
    router: Router[Any],
    request: Request,
    respond: Callable[[bytes, Headers], Awaitable[ToolAnswer]],
) -> Response:
    read = _bounded_body(request, body_limit(router.verifier))
    try:
        reply = await json_answer_async(read, request.headers.raw, respond)
    except ClientDisconnect as exc:
        client_gone(exc)
        return PlainTextResponse(_GONE, status_code=400)
    return Response(reply.body, reply.status, headers=reply.headers)
