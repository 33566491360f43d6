"""The apps `benchmarks.flood` serves: each adapter, and the read-it-all baseline.

`FLOOD_VARIANT=adapter` (the default) serves the integration as shipped;
`FLOOD_VARIANT=baseline` reads the whole body first and then verifies it, as
the adapters did before they bounded their reads. Both answer 413 to a body
over the verifier's 1 MiB limit; only how much they read differs.
"""

from __future__ import annotations

import os

from flask import Flask, request
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import PlainTextResponse
from starlette.routing import Route

from telnyx_gather import WebhookParseError, WebhookVerificationError
from telnyx_gather.integrations import flask as flask_adapter
from telnyx_gather.integrations import starlette as starlette_adapter
from telnyx_gather.integrations.wsgi import headers_from_environ
from telnyx_gather.testing import WebhookSigner
from telnyx_gather.verify import WebhookVerifier

__all__ = ["asgi", "wsgi"]

BASELINE = os.environ.get("FLOOD_VARIANT", "adapter") == "baseline"
verifier = WebhookVerifier(WebhookSigner(seed=bytes(32)).public_key)


async def _hook(req: Request) -> PlainTextResponse:
    if not BASELINE:
        return PlainTextResponse((await starlette_adapter.verified_event(req, verifier)).event_type)
    try:
        event = verifier.unwrap(await req.body(), req.headers.raw)
    except (WebhookVerificationError, WebhookParseError) as exc:
        raise HTTPException(_status(exc)) from None
    return PlainTextResponse(event.event_type)


def _status(exc: WebhookVerificationError | WebhookParseError) -> int:
    too_large = isinstance(exc, WebhookVerificationError) and exc.reason == "body_too_large"
    return 413 if too_large else 400


asgi = Starlette(routes=[Route("/hook", _hook, methods=["POST"])])
"""Starlette, for uvicorn."""

_flask = Flask(__name__)


@_flask.post("/hook")
def _flask_hook() -> tuple[str, int]:
    if not BASELINE:
        return flask_adapter.verified_event(verifier).event_type, 200
    try:
        event = verifier.unwrap(request.get_data(), headers_from_environ(request.environ))
    except (WebhookVerificationError, WebhookParseError) as exc:
        return "rejected", _status(exc)
    return event.event_type, 200


wsgi = _flask.wsgi_app
"""Flask, for gunicorn and waitress."""
