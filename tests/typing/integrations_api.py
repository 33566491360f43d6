"""Static checks, run by mypy --strict and pyright strict: the integrations' types.

Both verifiers satisfy the adapters' `Verifier` protocol, and each adapter
hands back the typed `WebhookEvent`. Nothing here needs to run.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from typing import TYPE_CHECKING, Any

from django.http import HttpRequest, HttpResponse, JsonResponse
from flask import Request as FlaskRequest
from flask import Response as FlaskResponse
from starlette.requests import Request
from starlette.responses import Response as StarletteResponse
from typing_extensions import assert_type

from telnyx_gather import Router, WebhookEvent
from telnyx_gather.integrations import aws_lambda, starlette, wsgi
from telnyx_gather.integrations import django as django_integration
from telnyx_gather.integrations import flask as flask_integration
from telnyx_gather.integrations.django import telnyx_webhook
from telnyx_gather.integrations.flask import verified_event as flask_event
from telnyx_gather.integrations.starlette import TelnyxWebhook, verified_event
from telnyx_gather.verify import StandardWebhookVerifier, Verifier, WebhookVerifier

if TYPE_CHECKING:
    from _typeshed.wsgi import WSGIApplication


def protocol(telnyx: WebhookVerifier, standard: StandardWebhookVerifier) -> None:
    verifiers: list[Verifier] = [telnyx, standard]
    assert_type(verifiers[0].unwrap(b"{}", [("a", "b")]), WebhookEvent)


def aws(event: dict[str, Any], verifier: WebhookVerifier) -> None:
    assert_type(aws_lambda.request_parts(event), tuple[bytes, list[tuple[str, str]]])
    assert_type(aws_lambda.unwrap(event, verifier), WebhookEvent)

    @aws_lambda.webhook_handler(verifier)
    def handler(event: WebhookEvent, context: Any) -> None:
        pass

    assert_type(handler(event, None), dict[str, Any])


def wsgi_parts(environ: dict[str, Any]) -> None:
    assert_type(wsgi.request_parts(environ), tuple[bytes, list[tuple[str, str]]])
    limit = WebhookVerifier.from_env().max_body_bytes
    assert_type(
        wsgi.request_parts(environ, max_body_bytes=limit), tuple[bytes, list[tuple[str, str]]]
    )
    assert_type(wsgi.headers_from_environ(environ), list[tuple[str, str]])


async def asgi(request: Request, verifier: StandardWebhookVerifier) -> None:
    assert_type(await verified_event(request, verifier), WebhookEvent)
    assert_type(await TelnyxWebhook(verifier)(request), WebhookEvent)


def flask(verifier: WebhookVerifier, request: FlaskRequest) -> None:
    assert_type(flask_event(verifier), WebhookEvent)
    assert_type(flask_event(verifier, request), WebhookEvent)


def django(verifier: WebhookVerifier, request: HttpRequest) -> None:
    @telnyx_webhook(verifier)
    def plain(request: HttpRequest, event: WebhookEvent) -> JsonResponse:
        return JsonResponse({"type": event.event_type})

    @telnyx_webhook(verifier)
    def with_args(request: HttpRequest, event: WebhookEvent, tenant: str) -> HttpResponse:
        return HttpResponse(tenant)

    assert_type(plain(request), JsonResponse | HttpResponse)
    assert_type(with_args(request, tenant="acme"), HttpResponse)


def serving_a_router(router: Router[None], flow: Router[int]) -> None:
    assert_type(starlette.serve(router), Callable[[Request], Awaitable[StarletteResponse]])
    assert_type(flask_integration.serve(flow), Callable[[], FlaskResponse])
    assert_type(django_integration.serve(router), Callable[[HttpRequest], HttpResponse])
    assert_type(wsgi.serve(router), WSGIApplication)
    assert_type(aws_lambda.serve(flow), Callable[[Mapping[str, Any], Any], dict[str, Any]])
