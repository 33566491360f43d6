"""`serve(router)`: one line serves a Router from each framework, over its real request path.

Every framework gets every delivery of `cases.py`, a redelivery (acknowledged,
handler not run again), and an oversize body (413). Commands go through the
real client over loopback HTTP to the recorder.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import django
import pytest
from django.conf import settings
from django.core.handlers.wsgi import WSGIHandler
from django.urls import clear_url_caches, path
from flask import Flask
from starlette.applications import Starlette
from starlette.testclient import TestClient
from werkzeug.test import Client

from telnyx_gather import CallGatherEnded, GatherClient, Router, StopGather
from telnyx_gather.commands import Command
from telnyx_gather.integrations import aws_lambda, starlette, wsgi
from telnyx_gather.integrations import django as django_integration
from telnyx_gather.integrations import flask as flask_integration
from telnyx_gather.router import command_id
from telnyx_gather.testing import WebhookSigner, call_gather_ended
from telnyx_gather.verify import WebhookVerifier
from tests.loopback import Recorder

from . import django_app, router_urls
from .aws_events import build
from .cases import NAMES, Case, Headers, signed

pytestmark = pytest.mark.usefixtures("django_routed")

if not settings.configured:
    settings.configure(**django_app.SETTINGS)
    django.setup()

Post = Callable[[bytes, Headers], tuple[int, str]]


def _starlette(router: Router[None]) -> Post:
    app = Starlette()
    app.add_route("/webhooks/telnyx", starlette.serve(router), methods=["POST"])
    client = TestClient(app)

    def post(body: bytes, headers: Headers) -> tuple[int, str]:
        response = client.post("/webhooks/telnyx", content=body, headers=headers)
        return response.status_code, response.text

    return post


def _werkzeug(app: Any) -> Post:
    client = Client(app)

    def post(body: bytes, headers: Headers) -> tuple[int, str]:
        response = client.post("/webhooks/telnyx", data=body, headers=headers)
        return response.status_code, response.get_data(as_text=True)

    return post


def _flask(router: Router[None]) -> Post:
    app = Flask(__name__)
    app.add_url_rule(
        "/webhooks/telnyx", view_func=flask_integration.serve(router), methods=["POST"]
    )
    return _werkzeug(app)


def _django(router: Router[None]) -> Post:
    router_urls.urlpatterns[:] = [path("webhooks/telnyx", django_integration.serve(router))]
    clear_url_caches()
    return _werkzeug(WSGIHandler())


def _wsgi(router: Router[None]) -> Post:
    return _werkzeug(wsgi.serve(router))


def _lambda(router: Router[None]) -> Post:
    handler = aws_lambda.serve(router)

    def post(body: bytes, headers: Headers) -> tuple[int, str]:
        response = handler(build("http_api_v2", body, headers), None)
        return response["statusCode"], response["body"]

    return post


FRAMEWORKS = {
    "starlette": _starlette,
    "flask": _flask,
    "django": _django,
    "wsgi": _wsgi,
    "lambda": _lambda,
}


@pytest.fixture
def runs() -> list[str]:
    return []


@pytest.fixture
def router(
    verifier: WebhookVerifier, recorder: Recorder, runs: list[str]
) -> Iterator[Router[None]]:
    with GatherClient(api_key="KEY_test", base_url=f"{recorder.url}/v2", max_retries=0) as client:
        routed = Router(verifier=verifier, client=client)

        @routed.on(CallGatherEnded)
        def ended(event: CallGatherEnded) -> Command:
            runs.append(event.id)
            return StopGather()

        yield routed


@pytest.mark.parametrize("framework", FRAMEWORKS)
@pytest.mark.parametrize("name", NAMES)
def test_each_delivery_gets_the_adapters_status(
    router: Router[None],
    delivery_cases: dict[str, Case],
    runs: list[str],
    framework: str,
    name: str,
) -> None:
    case = delivery_cases[name]
    status, text = FRAMEWORKS[framework](router)(case.body, case.headers)

    assert status == case.status, text
    assert len(runs) == (1 if status == 200 else 0)
    if status == 200:
        assert "handled" in text or text == ""


@pytest.mark.parametrize("framework", FRAMEWORKS)
def test_a_redelivery_is_acknowledged_without_running_again(
    router: Router[None],
    signer: WebhookSigner,
    recorder: Recorder,
    runs: list[str],
    framework: str,
) -> None:
    post = FRAMEWORKS[framework](router)
    body = call_gather_ended(event_id=f"ev-{framework}")
    statuses = [post(body, signed(signer, body))[0] for _ in range(2)]

    assert statuses == [200, 200]
    assert runs == [f"ev-{framework}"]
    [request] = recorder.requests
    assert request.path.endswith("/actions/gather_stop")
    assert request.json()["command_id"] == command_id(f"ev-{framework}", 0)


@pytest.mark.parametrize("framework", FRAMEWORKS)
def test_a_failing_handler_is_answered_500(
    verifier: WebhookVerifier,
    signer: WebhookSigner,
    recorder: Recorder,
    framework: str,
) -> None:
    with GatherClient(api_key="KEY_test", base_url=f"{recorder.url}/v2", max_retries=0) as client:
        failing = Router(verifier=verifier, client=client)

        @failing.on(CallGatherEnded)
        def ended(event: CallGatherEnded) -> None:
            raise KeyError("no such caller")

        body = call_gather_ended()
        status, text = FRAMEWORKS[framework](failing)(body, signed(signer, body))

    assert status == 500
    assert "handler_failed" in text


@pytest.mark.parametrize("framework", FRAMEWORKS)
def test_an_oversize_body_is_answered_413(
    signer: WebhookSigner, recorder: Recorder, runs: list[str], framework: str
) -> None:
    small = WebhookVerifier(signer.public_key, max_body_bytes=2_000)
    with GatherClient(api_key="KEY_test", base_url=f"{recorder.url}/v2", max_retries=0) as client:
        limited = Router(verifier=small, client=client)
        limited.on(CallGatherEnded)(lambda event: runs.append(event.id))
        body = call_gather_ended(padding="x" * 5_000)
        status, _ = FRAMEWORKS[framework](limited)(body, signed(signer, body))

    assert status == 413
    assert runs == []
