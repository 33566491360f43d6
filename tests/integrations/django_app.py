"""A one-view Django project for the adapter tests: settings, URLs and a JSON-first middleware."""

from __future__ import annotations

import json
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.urls import path

from telnyx_gather import WebhookEvent
from telnyx_gather.integrations.django import telnyx_webhook
from telnyx_gather.testing import WebhookSigner
from telnyx_gather.verify import WebhookVerifier

from .aws_events import SEED

SETTINGS = {
    "DEBUG": False,
    "SECRET_KEY": "tests-only",
    "ALLOWED_HOSTS": ["testserver"],
    "ROOT_URLCONF": __name__,
    "MIDDLEWARE": [
        "django.middleware.csrf.CsrfViewMiddleware",
        f"{__name__}.parse_json_first",
    ],
    "INSTALLED_APPS": [],
    "USE_TZ": True,
}


def parse_json_first(
    get_response: Callable[[HttpRequest], HttpResponse],
) -> Callable[[HttpRequest], HttpResponse]:
    """Middleware that parses every JSON body before any view sees the request."""

    def middleware(request: HttpRequest) -> HttpResponse:
        if request.content_type == "application/json":
            request.META["parsed_id"] = json.loads(request.body)["data"].get("id")
        return get_response(request)

    return middleware


@telnyx_webhook(WebhookVerifier(WebhookSigner(seed=SEED).public_key))
def hook(request: HttpRequest, event: WebhookEvent) -> JsonResponse:
    assert request.META["parsed_id"] == str(event.id)
    return JsonResponse({"event_type": event.event_type, "id": str(event.id)})


@telnyx_webhook(WebhookVerifier(WebhookSigner(seed=SEED).public_key))
def hook_with_arg(request: HttpRequest, event: WebhookEvent, tenant: str) -> JsonResponse:
    return JsonResponse({"tenant": tenant, "event_type": event.event_type})


urlpatterns = [path("hook", hook), path("t/<str:tenant>/hook", hook_with_arg)]
