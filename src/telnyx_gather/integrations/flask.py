"""Verify Telnyx webhooks in Flask (`pip install 'telnyx-gather[flask]'`).

In a view, `event = verified_event(verifier)` returns the verified, typed
event, or aborts with 401 (413 for a body over the limit) when verification
fails and 400 when the verified body is not a Telnyx delivery.

The body is `request.get_data()`: the raw bytes, cached, so it is the same
even after `request.get_json()`. It is read no further than the verifier's
`max_body_bytes`: a declared `Content-Length` over it is refused with 413
before anything is read, and a chunked body stops one byte past it (413).
Headers come from the WSGI environ; see
`telnyx_gather.integrations.wsgi` for how values a server joined with commas
are split back apart.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

try:
    from flask import Request, Response, abort
    from flask import request as current_request
except ImportError as _missing:
    raise ImportError(
        "telnyx_gather.integrations.flask needs Flask: pip install 'telnyx-gather[flask]'"
    ) from _missing

from .._errors import WebhookParseError, WebhookVerificationError
from ._body import CappedInput, body_limit, refuse_declared
from ._common import Verifier, rejection
from ._json import Respond, for_initialization, for_tool, json_answer
from .wsgi import headers_from_environ

if TYPE_CHECKING:
    from ..events import WebhookEvent
    from ..router import Router, ToolAnswer

__all__ = ["serve", "serve_initialization", "serve_tools", "verified_event"]


def verified_event(verifier: Verifier, request: Request | None = None) -> WebhookEvent:
    """Verify the current request (or `request`) and return the typed event.

    Raises:
        werkzeug.exceptions.HTTPException: 401 (or 413) when verification
            fails, 400 when the verified body is not a Telnyx delivery.
    """
    req = current_request if request is None else request
    try:
        return verifier.unwrap(
            _bounded_body(req, body_limit(verifier)), headers_from_environ(req.environ)
        )
    except (WebhookVerificationError, WebhookParseError) as exc:
        status, detail = rejection(exc)
        abort(status, description=detail)


def _bounded_body(req: Request, limit: int) -> bytes:
    refuse_declared(limit, req.content_length)
    stream = req.environ.get("wsgi.input")
    if req.content_length is None and stream is not None:
        # Werkzeug reads a chunked body to its end; end it one byte past the limit.
        req.environ["wsgi.input"] = CappedInput(stream, limit + 1)
    return req.get_data(cache=True)


def serve(router: Router[Any]) -> Callable[[], Response]:
    """A Flask view that hands each delivery to `router`.

    Mount it with `app.add_url_rule(path, view_func=serve(router), methods=["POST"])`.
    The body is read no further than the verifier's `max_body_bytes` (413),
    then `router.handle(body, headers)` runs, and the answer is the outcome's
    status with its `text` as plain text.
    """
    from ..router import Outcome

    def telnyx_router() -> Response:
        try:
            body = _bounded_body(current_request, body_limit(router.verifier))
        except WebhookVerificationError as exc:
            outcome = Outcome.rejected(exc)
        else:
            headers = headers_from_environ(current_request.environ)
            outcome = router.handle(body, headers)
        return Response(
            outcome.text, status=outcome.status, headers=outcome.headers, content_type="text/plain"
        )

    return telnyx_router


def serve_tools(router: Router[Any]) -> Callable[[str], Response]:
    """A Flask view that serves the router's AI assistant webhook tools.

    Mount it with the tool's name in the path: `app.add_url_rule("/tools/<name>",
    view_func=serve_tools(router), methods=["POST"])`. The body is read as
    for `serve` (413 past `max_body_bytes`), then `router.handle_tool(name,
    body, headers)` answers with its status and JSON body.
    """

    def telnyx_tool(name: str) -> Response:
        return _json_reply(router, for_tool(router, name))

    return telnyx_tool


def serve_initialization(router: Router[Any]) -> Callable[[], Response]:
    """A Flask view for the assistant's dynamic-variables webhook.

    Mount it at the assistant's `dynamic_variables_webhook_url`; it answers
    `router.handle_initialization(body, headers)`.
    """

    def telnyx_initialization() -> Response:
        return _json_reply(router, for_initialization(router))

    return telnyx_initialization


def _json_reply(router: Router[Any], respond: Respond) -> Response:
    limit, environ = body_limit(router.verifier), current_request.environ
    reply: ToolAnswer = json_answer(
        lambda: _bounded_body(current_request, limit), headers_from_environ(environ), respond
    )
    return Response(reply.body, status=reply.status, headers=reply.headers)
