"""`Router.initialization`: the dynamic-variables webhook, answered within its deadline.

Over Starlette's real request path (`serve_initialization`) and directly.
"""

from __future__ import annotations

import asyncio
import json
import logging
import threading

import pytest
from starlette.applications import Starlette
from starlette.testclient import TestClient

from telnyx_gather import GatherClient, Router, WebhookVerifier
from telnyx_gather.assistants import (
    AssistantInitialization,
    ConversationSettings,
    InitializationReply,
    MemorySettings,
)
from telnyx_gather.integrations import starlette
from telnyx_gather.testing import WebhookSigner

DELIVERY = json.dumps(
    {
        "data": {
            "record_type": "event",
            "id": "0ccc7b54-4df3-4bca-a65a-3da1ecc777f0",
            "event_type": "assistant.initialization",
            "occurred_at": "2026-12-03T18:00:00.000000Z",
            "payload": AssistantInitialization.example_payload,
        }
    }
).encode()

DEFAULTS = InitializationReply(dynamic_variables={"full_name": "there"})


def _reply(event: AssistantInitialization) -> InitializationReply:
    caller = event.payload.telnyx_end_user_target or ""
    return InitializationReply(
        dynamic_variables={"full_name": "Ada", "vip": True},
        memory=MemorySettings(conversation_query=f"metadata->telnyx_end_user_target=eq.{caller}"),
        conversation=ConversationSettings(metadata={"tier": "gold"}),
    )


def test_the_reply_is_answered_as_json_over_http(
    verifier: WebhookVerifier, client: GatherClient, signer: WebhookSigner
) -> None:
    router = Router(verifier=verifier, client=client)
    seen: list[AssistantInitialization] = []

    @router.initialization(defaults=DEFAULTS)
    async def variables(event: AssistantInitialization) -> InitializationReply:
        seen.append(event)
        return _reply(event)

    app = Starlette()
    app.add_route("/dynamic-variables", starlette.serve_initialization(router), methods=["POST"])
    http = TestClient(app)
    response = http.post("/dynamic-variables", content=DELIVERY, headers=signer.sign(DELIVERY))
    assert response.status_code == 200
    assert response.json() == {
        "dynamic_variables": {"full_name": "Ada", "vip": True},
        "memory": {"conversation_query": "metadata->telnyx_end_user_target=eq.+13128675309"},
        "conversation": {"metadata": {"tier": "gold"}},
    }
    assert seen[0].payload.call_control_id == "v3:u5OAKGEPT3Dx8SZSSDRWEMdNH2OripQhO"
    unsigned = http.post("/dynamic-variables", content=DELIVERY)
    assert unsigned.status_code == 401
    assert len(seen) == 1


def test_a_sync_handler_that_overruns_answers_the_defaults_in_time(
    verifier: WebhookVerifier,
    client: GatherClient,
    signer: WebhookSigner,
    caplog: pytest.LogCaptureFixture,
) -> None:
    router = Router(verifier=verifier, client=client)
    release = threading.Event()

    @router.initialization(defaults=DEFAULTS, timeout=0.05)
    def slow(event: AssistantInitialization) -> InitializationReply:
        release.wait(5)
        return _reply(event)

    with caplog.at_level(logging.WARNING):
        answer = router.handle_initialization(DELIVERY, signer.sign(DELIVERY))
    release.set()
    assert (answer.reason, answer.status) == ("defaults", 200)
    assert json.loads(answer.body) == {"dynamic_variables": {"full_name": "there"}}
    assert "overran its deadline" in caplog.text


def test_an_async_handler_that_overruns_is_cancelled_and_defaults_answered(
    verifier: WebhookVerifier, client: GatherClient, signer: WebhookSigner
) -> None:
    router = Router(verifier=verifier, client=client)
    cancelled: list[bool] = []

    @router.initialization(timeout=0.05)
    async def slow(event: AssistantInitialization) -> InitializationReply:
        try:
            await asyncio.sleep(5)
        except asyncio.CancelledError:
            cancelled.append(True)
            raise
        return _reply(event)

    answer = asyncio.run(router.handle_initialization_async(DELIVERY, signer.sign(DELIVERY)))
    assert (answer.reason, json.loads(answer.body)) == ("defaults", {"dynamic_variables": {}})
    assert cancelled == [True]


def test_a_failing_handler_answers_the_defaults(
    verifier: WebhookVerifier, client: GatherClient, signer: WebhookSigner
) -> None:
    router = Router(verifier=verifier, client=client)

    @router.initialization(defaults=DEFAULTS)
    def broken(event: AssistantInitialization) -> InitializationReply:
        raise RuntimeError("crm down")

    answer = router.handle_initialization(DELIVERY, signer.sign(DELIVERY))
    assert (answer.reason, json.loads(answer.body)["dynamic_variables"]) == (
        "defaults",
        {"full_name": "there"},
    )


def test_bad_deliveries_and_registrations(
    verifier: WebhookVerifier, client: GatherClient, signer: WebhookSigner
) -> None:
    router = Router(verifier=verifier, client=client)
    assert router.handle_initialization(DELIVERY, signer.sign(DELIVERY)).status == 404
    router.initialization()(_reply)
    assert router.handle_initialization(b"{}", signer.sign(b"{}")).status == 400
    tampered = DELIVERY.replace(b"Ada", b"Bob").replace(b"+1312", b"+1999")
    assert router.handle_initialization(tampered, signer.sign(DELIVERY)).status == 401
    with pytest.raises(ValueError, match="already registered"):
        router.initialization()(_reply)
    with pytest.raises(ValueError, match="positive"):
        Router(verifier=verifier, client=client).initialization(timeout=0)(_reply)
