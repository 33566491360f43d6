"""The Starlette/FastAPI adapter, through Starlette's own test client.

No `from __future__ import annotations` here: FastAPI reads each route's
annotations, and `Depends(telnyx_event)` names a local of the app factory.
"""

from typing import Annotated, Any

import pytest
from fastapi import Body, Depends, FastAPI
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route
from starlette.testclient import TestClient

from telnyx_gather import WebhookEvent
from telnyx_gather.integrations.starlette import TelnyxWebhook, verified_event
from telnyx_gather.testing import WebhookSigner
from telnyx_gather.verify import WebhookVerifier

from .cases import NAMES, Case, delivery, expect, signed


def _fastapi(verifier: WebhookVerifier) -> FastAPI:
    app = FastAPI()
    telnyx_event = TelnyxWebhook(verifier)

    @app.post("/hook")
    async def hook(event: Annotated[WebhookEvent, Depends(telnyx_event)]) -> dict[str, str]:
        return {"event_type": event.event_type, "id": str(event.id)}

    @app.post("/parsed")  # FastAPI parses the JSON body before the dependency runs
    async def parsed(
        payload: Annotated[dict[str, Any], Body()],
        event: Annotated[WebhookEvent, Depends(telnyx_event)],
    ) -> dict[str, str]:
        assert payload["data"]["id"] == str(event.id)
        return {"event_type": event.event_type, "id": str(event.id)}

    return app


def _starlette(verifier: WebhookVerifier) -> Starlette:
    async def hook(request: Request) -> JSONResponse:
        payload = await request.json()  # parse first; the adapter still gets the raw bytes
        event = await verified_event(request, verifier)
        assert payload["data"]["id"] == str(event.id)
        return JSONResponse({"event_type": event.event_type})

    return Starlette(routes=[Route("/hook", hook, methods=["POST"])])


@pytest.fixture(scope="module")
def clients(verifier: WebhookVerifier) -> dict[str, TestClient]:
    return {
        "fastapi": TestClient(_fastapi(verifier)),
        "starlette": TestClient(_starlette(verifier)),
    }


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize(
    ("app", "path"), [("fastapi", "/hook"), ("fastapi", "/parsed"), ("starlette", "/hook")]
)
def test_each_delivery_gets_the_right_status(
    clients: dict[str, TestClient], delivery_cases: dict[str, Case], app: str, path: str, name: str
) -> None:
    case = delivery_cases[name]
    response = clients[app].post(path, content=case.body, headers=case.headers)
    expect(case, response.status_code, response.text)


def test_the_dependency_hands_over_the_typed_event(
    clients: dict[str, TestClient], delivery_cases: dict[str, Case]
) -> None:
    case = delivery_cases["good"]
    response = clients["fastapi"].post("/hook", content=case.body, headers=case.headers)
    assert response.json()["event_type"] == "call.gather.ended"


def test_rejections_give_fastapi_json_detail(
    clients: dict[str, TestClient], delivery_cases: dict[str, Case]
) -> None:
    case = delivery_cases["tampered_body"]
    response = clients["fastapi"].post("/hook", content=case.body, headers=case.headers)
    assert response.json() == {"detail": "webhook verification failed: bad_signature"}


def test_an_oversized_body_is_413(signer: WebhookSigner) -> None:
    client = TestClient(_fastapi(WebhookVerifier(signer.public_key, max_body_bytes=64)))
    body = delivery()
    response = client.post("/hook", content=body, headers=signed(signer, body))
    assert response.status_code == 413
    assert "body_too_large" in response.text
