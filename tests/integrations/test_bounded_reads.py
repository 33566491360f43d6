"""Every adapter refuses a body over `max_body_bytes` without reading past it.

Each test feeds the adapter a stream that counts what is pulled from it: a
declared `Content-Length` over the limit is answered 413 with nothing pulled,
and a body without one (chunked) is pulled one byte past the limit at most.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterable
from typing import Any

import django
import pytest
from django.conf import settings
from django.test import Client
from flask import Flask
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import PlainTextResponse
from starlette.routing import Route
from werkzeug.test import EnvironBuilder, run_wsgi_app

from telnyx_gather import WebhookVerificationError
from telnyx_gather.integrations.flask import verified_event as flask_event
from telnyx_gather.integrations.starlette import verified_event as starlette_event
from telnyx_gather.integrations.wsgi import MalformedRequestError, request_parts
from telnyx_gather.testing import WebhookSigner
from telnyx_gather.verify import WebhookVerifier

from . import django_app
from .cases import delivery, signed

if not settings.configured:
    settings.configure(**django_app.SETTINGS)
    django.setup()

LIMIT = 4096
HUGE = 100 * 1024 * 1024
"""What the flood declares or streams: far more than any test could hold."""


class Flood:
    """An endless file-like body of `x`s that counts every byte pulled from it."""

    def __init__(self, size: int = HUGE) -> None:
        self.left = size
        self.pulled = 0

    def read(self, size: int = -1, /) -> bytes:
        size = self.left if size < 0 else min(size, self.left)
        self.left -= size
        self.pulled += size
        return b"x" * size

    def readline(self, size: int = -1, /) -> bytes:
        return self.read(size)


def _environ(flood: Flood, *, declared: int | None) -> dict[str, Any]:
    environ = EnvironBuilder(method="POST", path="/hook").get_environ()
    environ["wsgi.input"] = flood
    environ.pop("CONTENT_LENGTH", None)
    if declared is None:
        environ["wsgi.input_terminated"] = True
    else:
        environ["CONTENT_LENGTH"] = str(declared)
    return environ


@pytest.fixture(scope="module")
def small(signer: WebhookSigner) -> WebhookVerifier:
    return WebhookVerifier(signer.public_key, max_body_bytes=LIMIT)


def test_wsgi_refuses_a_declared_oversize_body_without_reading() -> None:
    flood = Flood()
    with pytest.raises(WebhookVerificationError) as caught:
        request_parts(_environ(flood, declared=HUGE), max_body_bytes=LIMIT)
    assert caught.value.reason == "body_too_large"
    assert flood.pulled == 0


def test_wsgi_stops_a_chunked_body_one_byte_past_the_limit() -> None:
    flood = Flood()
    with pytest.raises(WebhookVerificationError) as caught:
        request_parts(_environ(flood, declared=None), max_body_bytes=LIMIT)
    assert caught.value.reason == "body_too_large"
    assert flood.pulled == LIMIT + 1


@pytest.mark.parametrize("size", [LIMIT - 1, LIMIT])
def test_wsgi_reads_a_body_up_to_the_limit(size: int) -> None:
    for declared in (size, None):
        flood = Flood(size)
        body, _ = request_parts(_environ(flood, declared=declared), max_body_bytes=LIMIT)
        assert body == b"x" * size
        assert flood.pulled == size


def test_wsgi_still_refuses_a_short_body() -> None:
    with pytest.raises(MalformedRequestError, match="ended after 10 of 20"):
        request_parts(_environ(Flood(10), declared=20), max_body_bytes=LIMIT)


StartResponse = Callable[[str, list[tuple[str, str]]], object]
WsgiApp = Callable[[dict[str, Any], StartResponse], Iterable[bytes]]


def _flask(verifier: WebhookVerifier) -> WsgiApp:
    app = Flask(__name__)

    @app.post("/hook")
    def hook() -> str:
        return flask_event(verifier).event_type

    return app.wsgi_app


@pytest.mark.parametrize("declared", [HUGE, None])
def test_flask_refuses_an_oversize_body_without_reading_it(
    small: WebhookVerifier, declared: int | None
) -> None:
    flood = Flood()
    _, status, _ = run_wsgi_app(_flask(small), _environ(flood, declared=declared))
    assert status.startswith("413")
    assert flood.pulled == (0 if declared else LIMIT + 1)


def test_flask_accepts_a_chunked_delivery_under_the_limit(
    small: WebhookVerifier, signer: WebhookSigner
) -> None:
    body = delivery()
    environ = EnvironBuilder(
        method="POST", path="/hook", data=body, headers=signed(signer, body)
    ).get_environ()
    del environ["CONTENT_LENGTH"]
    environ["wsgi.input_terminated"] = True
    answer, status, _ = run_wsgi_app(_flask(small), environ)
    assert (status, b"".join(answer)) == ("200 OK", b"call.gather.ended")


def test_django_refuses_a_declared_oversize_body_without_reading() -> None:
    flood = Flood()
    extra = {"wsgi.input": flood, "CONTENT_LENGTH": str(HUGE)}
    response = Client().post("/hook", content_type="application/octet-stream", **extra)
    assert response.status_code == 413
    assert b"body_too_large" in response.content
    assert flood.pulled == 0


def _asgi_post(verifier: WebhookVerifier, flood: Flood, *, declared: int | None) -> int:
    """Post the flood to a Starlette app in 64 KiB messages; return the status."""

    async def hook(request: Request) -> PlainTextResponse:
        return PlainTextResponse((await starlette_event(request, verifier)).event_type)

    app = Starlette(routes=[Route("/hook", hook, methods=["POST"])])
    headers = [] if declared is None else [(b"content-length", str(declared).encode())]
    scope = {"type": "http", "method": "POST", "path": "/hook", "headers": headers}
    scope |= {"query_string": b"", "http_version": "1.1", "scheme": "http"}
    statuses: list[int] = []

    async def receive() -> dict[str, Any]:
        chunk = flood.read(65_536)
        return {"type": "http.request", "body": chunk, "more_body": flood.left > 0}

    async def send(message: dict[str, Any]) -> None:
        if message["type"] == "http.response.start":
            statuses.append(message["status"])

    asyncio.run(app(scope, receive, send))
    return statuses[0]


@pytest.mark.parametrize("declared", [HUGE, None])
def test_starlette_refuses_an_oversize_body_without_reading_it(
    small: WebhookVerifier, declared: int | None
) -> None:
    flood = Flood()
    assert _asgi_post(small, flood, declared=declared) == 413
    assert flood.pulled == (0 if declared else 65_536)  # one ASGI message, then no more
