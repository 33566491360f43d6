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
    assert [r.getMessage() for r in caplog.records if r.name.startswith("telnyx")] == [
        "the dynamic-variables handler overran its 0.05s deadline: answered without it; "
        "its thread runs on",
        "the dynamic-variables handler overran its deadline (0.05s): answered the defaults",
    ]


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


def _records(caplog: pytest.LogCaptureFixture) -> list[tuple[int, str]]:
    return [(r.levelno, r.getMessage()) for r in caplog.records if r.name.startswith("telnyx")]


def test_a_sync_handler_is_answered_from_either_entry_point_and_a_str_body_too(
    verifier: WebhookVerifier, client: GatherClient, signer: WebhookSigner
) -> None:
    router = Router(verifier=verifier, client=client)
    router.initialization(defaults=DEFAULTS)(_reply)
    text = DELIVERY.decode()
    answers = [
        router.handle_initialization(DELIVERY, signer.sign(DELIVERY)),
        router.handle_initialization(text, signer.sign(DELIVERY)),
        asyncio.run(router.handle_initialization_async(DELIVERY, signer.sign(DELIVERY))),
    ]
    short = Router(verifier=verifier, client=client)
    short.initialization()(lambda event: InitializationReply(dynamic_variables={"a": "b"}))
    only = short.handle_initialization(DELIVERY, signer.sign(DELIVERY))
    assert only.body == b'{"dynamic_variables":{"a":"b"}}'  # no nulls for what is not set
    for answer in answers:
        assert (answer.reason, answer.status) == ("answered", 200)
        assert json.loads(answer.body) == {
            "dynamic_variables": {"full_name": "Ada", "vip": True},
            "memory": {"conversation_query": "metadata->telnyx_end_user_target=eq.+13128675309"},
            "conversation": {"metadata": {"tier": "gold"}},
        }


def test_a_handler_that_returns_no_reply_or_fails_answers_the_defaults_and_says_so(
    verifier: WebhookVerifier,
    client: GatherClient,
    signer: WebhookSigner,
    caplog: pytest.LogCaptureFixture,
) -> None:
    def nothing(event: AssistantInitialization) -> InitializationReply:
        return None  # type: ignore[return-value]

    def broken(event: AssistantInitialization) -> InitializationReply:
        raise RuntimeError("crm down")

    async def broken_async(event: AssistantInitialization) -> InitializationReply:
        raise RuntimeError("crm down")

    failed = "the dynamic-variables handler failed; answered the defaults"
    for handler, level, message in (
        (nothing, logging.WARNING, "the dynamic-variables handler returned no InitializationReply"),
        (broken, logging.ERROR, failed),
        (broken_async, logging.ERROR, failed),
    ):
        router = Router(verifier=verifier, client=client)
        router.initialization(defaults=DEFAULTS)(handler)
        caplog.clear()
        with caplog.at_level(logging.INFO):
            answer = asyncio.run(
                router.handle_initialization_async(DELIVERY, signer.sign(DELIVERY))
            )
            if handler is not broken_async:
                again = router.handle_initialization(DELIVERY, signer.sign(DELIVERY))
                assert again.body == answer.body
        assert (answer.reason, answer.body) == (
            "defaults",
            b'{"dynamic_variables":{"full_name":"there"}}',
        )
        assert set(_records(caplog)) == {(level, message)}


def test_an_overrun_names_the_deadline_in_its_warning(
    verifier: WebhookVerifier,
    client: GatherClient,
    signer: WebhookSigner,
    caplog: pytest.LogCaptureFixture,
) -> None:
    router = Router(verifier=verifier, client=client)

    @router.initialization(timeout=0.05)
    async def slow(event: AssistantInitialization) -> InitializationReply:
        await asyncio.Event().wait()  # never set: only the deadline ends it
        raise AssertionError("unreachable")

    with caplog.at_level(logging.INFO):
        answer = asyncio.run(router.handle_initialization_async(DELIVERY, signer.sign(DELIVERY)))
    assert answer.reason == "defaults"
    assert _records(caplog) == [
        (
            logging.WARNING,
            "the dynamic-variables handler overran its 0.05s deadline and was cancelled",
        ),
        (
            logging.WARNING,
            "the dynamic-variables handler overran its deadline (0.05s): answered the defaults",
        ),
    ]


def test_refusals_have_exact_bodies_and_registration_errors_exact_texts(
    verifier: WebhookVerifier,
    client: GatherClient,
    signer: WebhookSigner,
    caplog: pytest.LogCaptureFixture,
) -> None:
    router = Router(verifier=verifier, client=client)
    with caplog.at_level(logging.INFO):
        missing = router.handle_initialization(DELIVERY, signer.sign(DELIVERY))
        router.initialization()(_reply)
        unparseable = router.handle_initialization(b"{}", signer.sign(b"{}"))
    assert (missing.reason, missing.body) == ("unknown_tool", b'{"error": "unknown_tool"}')
    assert (unparseable.reason, unparseable.body) == ("unparseable", b'{"error": "unparseable"}')
    assert _records(caplog) == [
        (logging.WARNING, "assistant.initialization with no handler registered"),
        (logging.WARNING, "an assistant.initialization delivery that does not parse"),
    ]
    with pytest.raises(
        ValueError, match=r"^Router\.initialization\(\): a handler is already registered$"
    ):
        router.initialization()(_reply)
    with pytest.raises(
        ValueError, match=r"^Router\.initialization\(\): timeout must be a positive number$"
    ):
        Router(verifier=verifier, client=client).initialization(timeout=0)(_reply)

    async_router = Router(verifier=verifier, client=client)

    @async_router.initialization()
    async def variables(event: AssistantInitialization) -> InitializationReply:
        return _reply(event)

    with pytest.raises(TypeError) as sync_entry:
        async_router.handle_initialization(DELIVERY, signer.sign(DELIVERY))
    assert str(sync_entry.value) == (
        "an async handler needs `await router.handle_initialization_async(...)`"
    )
