"""A client that disconnects mid-body: one log line at most, never a traceback.

Each adapter's `serve(router)` and `serve_tools(router)` run in a real
server on loopback (uvicorn for Starlette, wsgiref for the WSGI ones); a raw
socket sends the headers and part of the body, then shuts its side (FIN) or
aborts (RST). The handler never runs, and the server's output holds no
traceback.
"""

from __future__ import annotations

import asyncio
import logging
import socket
import threading
import time
from collections.abc import Callable, Iterator
from typing import Any

import django
import pytest
import uvicorn
from django.conf import settings
from django.core.handlers.wsgi import WSGIHandler
from django.test.utils import override_settings
from django.urls import path
from flask import Flask
from pydantic import BaseModel
from starlette.applications import Starlette

from telnyx_gather import CallGatherEnded, GatherClient, Router
from telnyx_gather.integrations import django as django_integration
from telnyx_gather.integrations import flask as flask_integration
from telnyx_gather.integrations import starlette, wsgi
from telnyx_gather.router import ToolContext
from telnyx_gather.testing import WebhookSigner
from telnyx_gather.verify import WebhookVerifier
from tests.loopback import free_port, serve_wsgi

from . import django_app, router_urls

if not settings.configured:
    settings.configure(**django_app.SETTINGS)
    django.setup()

Serve = Callable[[Router[None]], Iterator[int]]


def _wsgiref(app: Any) -> Iterator[int]:
    with serve_wsgi(app) as port:
        yield port


def _wsgi(router: Router[None]) -> Iterator[int]:
    webhooks, tools = wsgi.serve(router), wsgi.serve_tools(router)

    def app(environ: dict[str, Any], start_response: Any) -> Any:
        return (tools if environ["PATH_INFO"].startswith("/tools/") else webhooks)(
            environ, start_response
        )

    yield from _wsgiref(app)


def _flask(router: Router[None]) -> Iterator[int]:
    app = Flask(__name__)
    app.add_url_rule("/webhooks", view_func=flask_integration.serve(router), methods=["POST"])
    tools = flask_integration.serve_tools(router)
    app.add_url_rule("/tools/<name>", view_func=tools, methods=["POST"])
    yield from _wsgiref(app.wsgi_app)


def _django(router: Router[None]) -> Iterator[int]:
    router_urls.urlpatterns[:] = [
        path("webhooks", django_integration.serve(router)),
        path("tools/<str:name>", django_integration.serve_tools(router)),
    ]
    with override_settings(ROOT_URLCONF=router_urls.__name__, MIDDLEWARE=[]):
        yield from _wsgiref(WSGIHandler())


def _starlette(router: Router[None]) -> Iterator[int]:
    app = Starlette()
    app.add_route("/webhooks", starlette.serve(router), methods=["POST"])
    app.add_route("/tools/{name}", starlette.serve_tools(router), methods=["POST"])
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, port=port, log_level="info", lifespan="off"))
    thread = threading.Thread(target=lambda: asyncio.run(server.serve()), daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started and thread.is_alive() and time.monotonic() < deadline:
        time.sleep(0.02)
    try:
        yield port
    finally:
        server.should_exit = True
        thread.join(10)


SERVERS: dict[str, Serve] = {
    "starlette": _starlette,
    "wsgi": _wsgi,
    "flask": _flask,
    "django": _django,
}


@pytest.fixture
def router() -> Iterator[tuple[Router[None], list[str]]]:
    verifier = WebhookVerifier(WebhookSigner(b"disconnect tests key 00000000000").public_key)
    with GatherClient(api_key="KEY", base_url="http://127.0.0.1:9/v2", max_retries=0) as client:
        app = Router(verifier=verifier, client=client)
        runs: list[str] = []
        app.on(CallGatherEnded)(lambda event: runs.append(event.id) and None)

        @app.tool("order")
        def order(args: Order, context: ToolContext) -> None:
            runs.append(args.item)

        yield app, runs


class Order(BaseModel):
    item: str


@pytest.mark.parametrize("target", ["/webhooks", "/tools/order"])
@pytest.mark.parametrize("abort", [False, True], ids=["half-close", "reset"])
@pytest.mark.parametrize("name", SERVERS)
def test_a_client_gone_mid_body_leaves_one_line_at_most(
    name: str,
    abort: bool,
    target: str,
    router: tuple[Router[None], list[str]],
    caplog: pytest.LogCaptureFixture,
    capfd: pytest.CaptureFixture[str],
) -> None:
    app, runs = router
    caplog.set_level(logging.DEBUG)
    head = (
        b"POST "
        + target.encode()
        + b" HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
        b"telnyx-timestamp: 1\r\ntelnyx-signature-ed25519: AAAA\r\nContent-Length: 600\r\n\r\n"
    )
    for port in SERVERS[name](app):
        with socket.create_connection(("127.0.0.1", port), timeout=10) as conn:
            conn.sendall(head + b'{"data": {"event_type": "call.gather.ended"')
            if abort:
                time.sleep(0.2)  # let the server start reading the body
                conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01" + b"\x00" * 7)
            else:
                conn.shutdown(socket.SHUT_WR)
                conn.settimeout(10)
                while conn.recv(65536):  # until the server has answered and closed
                    pass
        time.sleep(0.3)  # let the server finish with the connection

    out, err = capfd.readouterr()
    assert "Traceback" not in out + err
    assert not [r for r in caplog.records if r.exc_info]
    # The router's record of each delivery it answered (its access log) is not about the
    # disconnect: a header rejected before the body was read gets one, as any delivery does.
    ours = [
        r
        for r in caplog.records
        if r.name.startswith("telnyx_gather") and not str(r.msg).startswith("delivery ")
    ]
    assert len(ours) <= 1, [r.getMessage() for r in ours]
    assert runs == []
