"""Verify Telnyx webhooks in Django (`pip install 'telnyx-gather[django]'`).

`@telnyx_webhook(verifier)` wraps a view `view(request, event, ...)` so it
receives the verified, typed event::

    @telnyx_webhook(WebhookVerifier.from_env())
    def telnyx(request: HttpRequest, event: WebhookEvent) -> HttpResponse: ...

The wrapped view accepts only POST, is exempt from CSRF checks (a webhook
carries a signature, not a CSRF token), and answers 401 (413 for a body over
the limit) when verification fails and 400 when the verified body is not a
Telnyx delivery.

The body is `request.body`, the raw bytes Django keeps. A declared
`Content-Length` over the verifier's `max_body_bytes` is refused with 413
before anything is read; Django itself reads no more than that length (and
nothing of a chunked body under WSGI). Headers come from
`request.META`, the WSGI environ; see `telnyx_gather.integrations.wsgi` for
how values a server joined with commas are split back apart. A client that
disconnects before its body arrives (Django's `UnreadablePostError`) is
logged in one line and answered 400, never with a traceback.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Concatenate, ParamSpec, TypeVar

try:
    from django.http import HttpRequest, HttpResponse
    from django.http.response import HttpResponseBase
    from django.views.decorators.csrf import csrf_exempt
    from django.views.decorators.http import require_POST
except ImportError as _missing:
    raise ImportError(
        "telnyx_gather.integrations.django needs Django: pip install 'telnyx-gather[django]'"
    ) from _missing

from .._errors import WebhookParseError, WebhookVerificationError
from ._body import body_limit, client_gone, declared_length, refuse_declared
from ._common import Verifier, rejection
from ._json import Respond, for_initialization, for_tool, json_answer
from .wsgi import headers_from_environ

if TYPE_CHECKING:
    from ..events import WebhookEvent
    from ..router import Router

__all__ = ["serve", "serve_initialization", "serve_tools", "telnyx_webhook"]

P = ParamSpec("P")
R = TypeVar("R", bound=HttpResponseBase)


def telnyx_webhook(
    verifier: Verifier,
) -> Callable[
    [Callable[Concatenate[HttpRequest, WebhookEvent, P], R]],
    Callable[Concatenate[HttpRequest, P], R | HttpResponse],
]:
    """Decorate a view so it is called with the verified event after the request.

    Args:
        verifier: A `WebhookVerifier` or `StandardWebhookVerifier`.
    """

    def decorate(
        view: Callable[Concatenate[HttpRequest, WebhookEvent, P], R],
    ) -> Callable[Concatenate[HttpRequest, P], R | HttpResponse]:
        @functools.wraps(view)
        def wrapper(request: HttpRequest, /, *args: P.args, **kwargs: P.kwargs) -> R | HttpResponse:
            try:
                limit, declared = body_limit(verifier), request.META.get("CONTENT_LENGTH")
                refuse_declared(limit, declared_length(declared))
                event = verifier.unwrap(request.body, headers_from_environ(request.META))
            except (WebhookVerificationError, WebhookParseError) as exc:
                status, detail = rejection(exc)
                return HttpResponse(detail, status=status, content_type="text/plain")
            except OSError as exc:  # UnreadablePostError: the client went away
                return _gone(exc)
            return view(request, event, *args, **kwargs)

        return csrf_exempt(require_POST(wrapper))

    return decorate


def serve(router: Router[Any]) -> Callable[[HttpRequest], HttpResponse]:
    """A Django view that hands each delivery to `router`: `path("webhooks/telnyx", serve(router))`.

    It accepts only POST and is exempt from CSRF checks, as `telnyx_webhook`
    is. A declared body over the verifier's `max_body_bytes` is refused (413)
    before Django reads it; then `router.handle(request.body, headers)` runs,
    and the answer is the outcome's status with its `text` as plain text.
    """
    from ..router import Outcome

    def telnyx_router(request: HttpRequest) -> HttpResponse:
        declared = declared_length(request.META.get("CONTENT_LENGTH"))
        try:
            refuse_declared(body_limit(router.verifier), declared)
        except WebhookVerificationError as exc:
            outcome = Outcome.rejected(exc)
        else:
            try:
                body = request.body
            except OSError as exc:  # UnreadablePostError: the client went away
                return _gone(exc)
            outcome = router.handle(body, headers_from_environ(request.META))
        return HttpResponse(
            outcome.text, status=outcome.status, headers=outcome.headers, content_type="text/plain"
        )

    view: Callable[[HttpRequest], HttpResponse] = csrf_exempt(require_POST(telnyx_router))
    return view


def serve_tools(router: Router[Any]) -> Callable[[HttpRequest, str], HttpResponse]:
    """A Django view that serves the router's AI assistant webhook tools.

    Route it with the tool's name in the path:
    `path("tools/<str:name>", serve_tools(router))`. It accepts only POST and
    is exempt from CSRF checks, as `serve` is; a declared body over
    `max_body_bytes` is refused (413), then `router.handle_tool(name, body,
    headers)` answers with its status and JSON body.
    """

    def telnyx_tool(request: HttpRequest, name: str) -> HttpResponse:
        return _json_reply(router, request, for_tool(router, name))

    view: Callable[[HttpRequest, str], HttpResponse] = csrf_exempt(require_POST(telnyx_tool))
    return view


def serve_initialization(router: Router[Any]) -> Callable[[HttpRequest], HttpResponse]:
    """A Django view for the assistant's dynamic-variables webhook.

    Route it at the assistant's `dynamic_variables_webhook_url`; it answers
    `router.handle_initialization(body, headers)` (POST only, CSRF exempt).
    """

    def telnyx_initialization(request: HttpRequest) -> HttpResponse:
        return _json_reply(router, request, for_initialization(router))

    view: Callable[[HttpRequest], HttpResponse] = csrf_exempt(require_POST(telnyx_initialization))
    return view


def _json_reply(router: Router[Any], request: HttpRequest, respond: Respond) -> HttpResponse:
    limit = body_limit(router.verifier)

    def read() -> bytes:
        refuse_declared(limit, declared_length(request.META.get("CONTENT_LENGTH")))
        return request.body

    try:
        reply = json_answer(read, headers_from_environ(request.META), respond)
    except OSError as exc:  # UnreadablePostError: the client went away
        return _gone(exc)
    return HttpResponse(reply.body, status=reply.status, headers=reply.headers)


def _gone(exc: OSError) -> HttpResponse:
    client_gone(exc)
    return HttpResponse(
        "the client disconnected before its body arrived", status=400, content_type="text/plain"
    )
