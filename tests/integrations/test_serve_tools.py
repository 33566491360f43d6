"""`serve_tools(router)` / `serve_initialization(router)` from each framework, over real HTTP.

Each app runs in a real server on loopback (uvicorn for Starlette, wsgiref
for Flask, Django and plain WSGI) and is posted to with httpx; Lambda gets
the events its front ends send.

Every framework answers a good tool call with the handler's JSON, refuses
unsigned, tampered (401) and oversize (413) calls and misfit arguments
(422) with nothing run, answers a sync handler past its deadline 504 while
it still runs, and serves the dynamic-variables webhook.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import django
import httpx
import pytest
from django.conf import settings
from django.core.handlers.wsgi import WSGIHandler
from django.urls import clear_url_caches, path
from flask import Flask
from pydantic import BaseModel, Field
from starlette.applications import Starlette

from telnyx_gather import AssistantInitialization, GatherClient, InitializationReply, Router
from telnyx_gather.integrations import aws_lambda, starlette, wsgi
from telnyx_gather.integrations import django as django_integration
from telnyx_gather.integrations import flask as flask_integration
from telnyx_gather.router import ToolContext
from telnyx_gather.testing import WebhookSigner
from telnyx_gather.verify import WebhookVerifier
from tests.loopback import free_port, serve_asgi, serve_wsgi

from . import django_app, router_urls
from .aws_events import build
from .cases import Headers, signed

pytestmark = pytest.mark.usefixtures("django_routed")

if not settings.configured:
    settings.configure(**django_app.SETTINGS)
    django.setup()

Post = Callable[[str, bytes, Headers], tuple[int, Any]]
"""POST `body` with `headers` to `/tools/<name>` (or `/variables` for ""); the status and JSON."""


def _url(name: str) -> str:
    return f"/tools/{name}" if name else "/variables"


@contextmanager
def _http(port: int) -> Iterator[Post]:
    with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=30) as client:

        def post(name: str, body: bytes, headers: Headers) -> tuple[int, Any]:
            response = client.post(_url(name), content=body, headers=headers)
            assert response.headers["content-type"] == "application/json"
            return response.status_code, response.json()

        yield post


def _wsgi_server(app: Any) -> Iterator[Post]:
    with serve_wsgi(app) as port, _http(port) as post:
        yield post


def _starlette(router: Router[None]) -> Iterator[Post]:
    app = Starlette()
    app.add_route("/tools/{name}", starlette.serve_tools(router), methods=["POST"])
    app.add_route("/variables", starlette.serve_initialization(router), methods=["POST"])
    port = free_port()
    with serve_asgi(app, port), _http(port) as post:
        yield post


def _flask(router: Router[None]) -> Iterator[Post]:
    app = Flask(__name__)
    tools = flask_integration.serve_tools(router)
    app.add_url_rule("/tools/<name>", view_func=tools, methods=["POST"])
    variables = flask_integration.serve_initialization(router)
    app.add_url_rule("/variables", view_func=variables, methods=["POST"])
    yield from _wsgi_server(app)


def _django(router: Router[None]) -> Iterator[Post]:
    router_urls.urlpatterns[:] = [
        path("tools/<str:name>", django_integration.serve_tools(router)),
        path("variables", django_integration.serve_initialization(router)),
    ]
    clear_url_caches()
    yield from _wsgi_server(WSGIHandler())


def _wsgi(router: Router[None]) -> Iterator[Post]:
    tools, variables = wsgi.serve_tools(router), wsgi.serve_initialization(router)

    def app(environ: dict[str, Any], start_response: Any) -> Any:
        chosen = tools if environ["PATH_INFO"].startswith("/tools/") else variables
        return chosen(environ, start_response)

    yield from _wsgi_server(app)


def _lambda(router: Router[None]) -> Iterator[Post]:
    """Lambda has no HTTP server of its own: the front end's events, as API Gateway sends them."""
    tools, variables = aws_lambda.serve_tools(router), aws_lambda.serve_initialization(router)

    def post(name: str, body: bytes, headers: Headers) -> tuple[int, Any]:
        event = build("http_api_v2" if name else "alb", body, headers)
        event["rawPath" if name else "path"] = _url(name)
        response = (tools if name else variables)(event, None)
        assert response["headers"]["content-type"] == "application/json"
        return response["statusCode"], json.loads(response["body"])

    yield post


FRAMEWORKS = {f.__name__[1:]: f for f in (_starlette, _flask, _django, _wsgi, _lambda)}


class Booking(BaseModel):
    name: str
    party_size: int = Field(ge=1, le=12)


@pytest.fixture
def ran() -> list[object]:
    return []


@pytest.fixture
def release() -> Iterator[threading.Event]:
    event = threading.Event()
    yield event
    event.set()  # a slow handler left waiting is let go


def _router(verifier: WebhookVerifier, ran: list[object], release: threading.Event) -> Router[None]:
    router = Router(verifier=verifier, client=GatherClient(api_key="KEY_test"))

    @router.tool("book_table")
    def book(args: Booking, context: ToolContext) -> dict[str, object]:
        ran.append((args, context.call_control_id))
        return {"status": "booked", "party_size": args.party_size}

    @router.tool("look_up", idempotent=True)
    def look_up(args: Booking, context: ToolContext) -> dict[str, object]:
        ran.append("looked up")
        return {"free": True}

    @router.tool("slow", timeout=0.05)
    def slow(args: Booking, context: ToolContext) -> dict[str, str]:
        release.wait(30)
        ran.append("slow finished")
        return {"status": "too late"}

    @router.initialization()
    def variables(event: AssistantInitialization) -> InitializationReply:
        return InitializationReply(dynamic_variables={"full_name": "Ada"})

    return router


@pytest.fixture
def post(
    verifier: WebhookVerifier, ran: list[object], release: threading.Event, request: Any
) -> Iterator[Post]:
    yield from FRAMEWORKS[request.param](_router(verifier, ran, release))


BOOKING = b'{"name": "Ada", "party_size": 2}'
every_framework = pytest.mark.parametrize("post", FRAMEWORKS, indirect=True)


@every_framework
def test_a_good_call_is_run_and_answered_json(
    post: Post, signer: WebhookSigner, ran: list[object]
) -> None:
    headers = [*signed(signer, BOOKING), ("x-telnyx-call-control-id", "v3:call")]
    assert post("book_table", BOOKING, headers) == (200, {"status": "booked", "party_size": 2})
    assert ran == [(Booking(name="Ada", party_size=2), "v3:call")]


@every_framework
def test_unsigned_and_tampered_calls_are_401_with_nothing_run(
    post: Post, signer: WebhookSigner, ran: list[object]
) -> None:
    unsigned = post("book_table", BOOKING, [("Content-Type", "application/json")])
    tampered = post("book_table", BOOKING.replace(b"2", b"9"), signed(signer, BOOKING))
    for status, answer in (unsigned, tampered):
        assert status == 401
        assert answer["error"] == "unauthenticated"
    assert ran == []


@every_framework
def test_a_misfit_is_422_naming_the_field_with_nothing_run(
    post: Post, signer: WebhookSigner, ran: list[object]
) -> None:
    body = b'{"name": "Ada", "party_size": "secret-lots"}'
    status, answer = post("book_table", body, signed(signer, body))
    assert status == 422
    assert answer["error"] == "bad_arguments"
    assert [p["field"] for p in answer["problems"]] == ["party_size"]
    assert "secret-lots" not in json.dumps(answer)
    assert ran == []


@pytest.mark.parametrize("framework", FRAMEWORKS)
def test_an_oversize_call_is_413_with_nothing_run(
    signer: WebhookSigner,
    ran: list[object],
    release: threading.Event,
    framework: str,
) -> None:
    small = WebhookVerifier(signer.public_key, max_body_bytes=2_000)
    big = b'{"name": "' + b"a" * 5_000 + b'", "party_size": 2}'
    for post in FRAMEWORKS[framework](_router(small, ran, release)):
        status, answer = post("book_table", big, signed(signer, big))
        assert (status, answer["error"]) == (413, "too_large")
    assert ran == []


@every_framework
def test_a_sync_tool_past_its_deadline_is_504_and_its_result_unused(
    post: Post, signer: WebhookSigner, ran: list[object], release: threading.Event
) -> None:
    status, answer = post("slow", BOOKING, signed(signer, BOOKING))
    assert ran == []  # answered while the handler still runs
    release.set()
    assert (status, answer) == (
        504,
        {"error": "deadline_exceeded", "message": "the tool did not answer in time"},
    )


@every_framework
def test_a_duplicate_call_is_409_and_not_run_again(
    post: Post, signer: WebhookSigner, ran: list[object]
) -> None:
    headers = [*signed(signer, BOOKING), ("x-telnyx-call-control-id", "v3:call")]
    first, again = post("book_table", BOOKING, headers), post("book_table", BOOKING, headers)
    assert first == (200, {"status": "booked", "party_size": 2})
    assert again == (
        409,
        {"error": "duplicate", "message": "this tool call was already run; it runs once"},
    )
    assert ran == [(Booking(name="Ada", party_size=2), "v3:call")]


@every_framework
def test_an_idempotent_tool_runs_for_every_delivery(
    post: Post, signer: WebhookSigner, ran: list[object]
) -> None:
    headers = [*signed(signer, BOOKING), ("x-telnyx-call-control-id", "v3:call")]
    answers = [post("look_up", BOOKING, headers) for _ in range(2)]
    assert answers == [(200, {"free": True})] * 2
    assert ran == ["looked up"] * 2


@every_framework
def test_an_unknown_tool_is_404(post: Post, signer: WebhookSigner) -> None:
    body = b"{}"
    assert post("order_pizza", body, signed(signer, body))[0] == 404


@every_framework
def test_the_dynamic_variables_webhook_is_answered(post: Post, signer: WebhookSigner) -> None:
    envelope = {
        "event_type": "assistant.initialization",
        "payload": AssistantInitialization.example_payload,
    }
    body = json.dumps({"data": envelope}).encode()
    assert post("", body, signed(signer, body)) == (
        200,
        {"dynamic_variables": {"full_name": "Ada"}},
    )
