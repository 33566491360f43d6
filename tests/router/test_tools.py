"""`Router.tool`: an assistant's tool calls verified, validated, run and answered as JSON.

Served over Starlette's real request path (`serve_tools`), and directly; a
call that is unsigned, tampered with or too large runs nothing.
"""

from __future__ import annotations

import asyncio
import contextvars
import json
import threading
import time

import pytest
from pydantic import BaseModel, Field
from starlette.testclient import TestClient

from telnyx_gather import GatherClient, Router, WebhookVerificationError, WebhookVerifier
from telnyx_gather.router import ToolContext
from telnyx_gather.testing import WebhookSigner
from tests.router.conftest import tools_http


class Booking(BaseModel):
    name: str
    party_size: int = Field(ge=1, le=12)


class Confirmation(BaseModel):
    status: str
    table: int


def _router(verifier: WebhookVerifier, client: GatherClient, ran: list[object]) -> Router[None]:
    router = Router(verifier=verifier, client=client)

    @router.tool("book_table")
    def book(args: Booking, context: ToolContext) -> Confirmation:
        ran.append((args, context.call_control_id))
        return Confirmation(status=f"booked for {args.party_size}", table=7)

    @router.tool("book_later", timeout=0.2)
    async def later(args: Booking, context: ToolContext) -> dict[str, str]:
        ran.append(args)
        if args.party_size > 10:
            await asyncio.sleep(5)
        return {"status": "submitted"}

    return router


@pytest.fixture
def http(verifier: WebhookVerifier, client: GatherClient, ran: list[object]) -> TestClient:
    return tools_http(_router(verifier, client, ran))


def _post(
    http: TestClient, signer: WebhookSigner, name: str, body: bytes, **extra: str
) -> tuple[int, object]:
    response = http.post(f"/tools/{name}", content=body, headers={**signer.sign(body), **extra})
    return response.status_code, response.json()


def test_a_signed_call_is_validated_run_and_answered(
    http: TestClient, signer: WebhookSigner, ran: list[object]
) -> None:
    body = b'{"name": "Ada", "party_size": 2}'
    status, answer = _post(
        http, signer, "book_table", body, **{"x-telnyx-call-control-id": "v3:call"}
    )
    assert (status, answer) == (200, {"status": "booked for 2", "table": 7})
    assert ran == [(Booking(name="Ada", party_size=2), "v3:call")]


def test_a_misfit_gets_a_structured_error_the_assistant_can_read(
    http: TestClient, signer: WebhookSigner, ran: list[object]
) -> None:
    status, answer = _post(http, signer, "book_table", b'{"name": "Ada", "party_size": "lots"}')
    assert status == 422
    assert answer == {
        "error": "bad_arguments",
        "message": "the arguments do not fit the tool",
        "problems": [
            {
                "field": "party_size",
                "problem": "int_parsing",
                "message": "Input should be a valid integer, unable to parse string as an integer",
            }
        ],
    }
    assert "lots" not in json.dumps(answer)
    assert ran == []


@pytest.mark.parametrize("body", [b"not json", b"[1, 2]", b'{"name": "Ada"}'])
def test_other_misfits_are_422(
    http: TestClient, signer: WebhookSigner, body: bytes, ran: list[object]
) -> None:
    status, answer = _post(http, signer, "book_table", body)
    assert status == 422
    assert isinstance(answer, dict)
    assert answer["error"] == "bad_arguments"
    assert ran == []


def test_unsigned_tampered_and_oversized_calls_run_nothing(
    http: TestClient, signer: WebhookSigner, ran: list[object]
) -> None:
    body = b'{"name": "Ada", "party_size": 2}'
    unsigned = http.post("/tools/book_table", content=body)
    tampered = http.post(
        "/tools/book_table", content=body.replace(b"2", b"9"), headers=signer.sign(body)
    )
    big = b'{"name": "' + b"a" * 1_100_000 + b'", "party_size": 2}'
    oversized = http.post("/tools/book_table", content=big, headers=signer.sign(big))
    assert [r.status_code for r in (unsigned, tampered, oversized)] == [401, 401, 413]
    assert unsigned.json() == {
        "error": "unauthenticated",
        "message": "the tool call is not verified",
    }
    assert oversized.json()["error"] == "too_large"
    assert ran == []


def test_a_rejected_call_carries_the_verifiers_reason_as_its_detail(
    verifier: WebhookVerifier, client: GatherClient, signer: WebhookSigner
) -> None:
    router = _router(verifier, client, [])
    body = b'{"name": "Ada", "party_size": 2}'
    with pytest.raises(WebhookVerificationError) as raised:
        verifier.verify(body, {})

    answer = router.handle_tool("book_table", body, {})

    assert (answer.status, answer.detail) == (401, raised.value.reason)


def test_an_unknown_tool_is_404(http: TestClient, signer: WebhookSigner) -> None:
    status, answer = _post(http, signer, "order_pizza", b"{}")
    assert status == 404
    assert answer == {"error": "unknown_tool", "message": "this app serves no tool of that name"}


def test_an_async_tool_answers_and_one_past_its_deadline_is_504(
    http: TestClient, signer: WebhookSigner, ran: list[object]
) -> None:
    assert _post(http, signer, "book_later", b'{"name": "Ada", "party_size": 2}') == (
        200,
        {"status": "submitted"},
    )
    status, answer = _post(http, signer, "book_later", b'{"name": "Ada", "party_size": 11}')
    assert status == 504
    assert answer == {"error": "deadline_exceeded", "message": "the tool did not answer in time"}


def test_the_sync_entry_point_runs_sync_tools_and_refuses_async_ones(
    verifier: WebhookVerifier, client: GatherClient, signer: WebhookSigner, ran: list[object]
) -> None:
    router = _router(verifier, client, ran)
    body = b'{"name": "Ada", "party_size": 3}'
    answer = router.handle_tool("book_table", body, signer.sign(body))
    assert (answer.status, json.loads(answer.body)) == (200, {"status": "booked for 3", "table": 7})
    assert answer.headers == {"Content-Type": "application/json"}
    with pytest.raises(TypeError, match="handle_tool_async"):
        router.handle_tool("book_later", body, signer.sign(body))


@pytest.mark.parametrize("entry", ["handle_tool", "serve_tools"])
def test_a_sync_tool_past_its_deadline_is_answered_504_while_it_runs_on(
    verifier: WebhookVerifier,
    client: GatherClient,
    signer: WebhookSigner,
    caplog: pytest.LogCaptureFixture,
    entry: str,
) -> None:
    router = Router(verifier=verifier, client=client)
    release, finished = threading.Event(), threading.Event()

    @router.tool("quick", timeout=30)
    def quick(args: Booking, context: ToolContext) -> None:
        return None

    @router.tool("slow", timeout=0.05)
    def slow(args: Booking, context: ToolContext) -> dict[str, str]:
        release.wait(30)
        finished.set()
        return {"status": "too late"}

    body = b'{"name": "Ada", "party_size": 3}'
    assert router.handle_tool("quick", body, signer.sign(body)).status == 200
    if entry == "handle_tool":
        answer = router.handle_tool("slow", body, signer.sign(body))
        status, reply = answer.status, json.loads(answer.body)
    else:
        status, reply = _post(tools_http(router), signer, "slow", body)
    assert not finished.is_set()  # answered while the handler still runs
    release.set()
    assert (status, reply) == (
        504,
        {"error": "deadline_exceeded", "message": "the tool did not answer in time"},
    )
    assert finished.wait(30)
    assert "tool slow overran its 0.05s deadline" in caplog.text
    late = "tool slow finished after its deadline; its result was not used"
    for _ in range(3000):  # a bound on waiting for the thread's last step, not a timing
        if late in caplog.text:
            break
        time.sleep(0.01)
    assert late in caplog.text
    assert caplog.text.count("finished after its deadline") == 1  # not the quick one


def test_registration_mistakes_are_refused(verifier: WebhookVerifier, client: GatherClient) -> None:
    router = Router(verifier=verifier, client=client)

    def untyped(args: int, context: ToolContext) -> None:
        del args

    def typed(args: Booking, context: ToolContext) -> None:
        del args

    with pytest.raises(TypeError, match="first parameter must be annotated"):
        router.tool("x")(untyped)  # type: ignore[arg-type,type-var]
    router.tool("x")(typed)
    with pytest.raises(ValueError, match="already has a handler"):
        router.tool("x")(typed)
    with pytest.raises(ValueError, match="timeout must be a positive"):
        router.tool("y", timeout=0)(typed)


def test_a_transcript_tool_call_reads_back_into_the_tools_model() -> None:
    from telnyx_gather import WebhookParseError
    from telnyx_gather.events import ConversationToolCallFunction

    call = ConversationToolCallFunction(
        name="book_table", arguments='{"name": "Ada", "party_size": 4}'
    )
    assert call.arguments_as(Booking) == Booking(name="Ada", party_size=4)
    for bad in ('{"name": "Ada", "party_size": "secret-99"}', "not json", None):
        with pytest.raises(WebhookParseError, match="arguments") as caught:
            ConversationToolCallFunction(name="book_table", arguments=bad).arguments_as(Booking)
        assert "secret-99" not in str(caught.value)


CALLER: contextvars.ContextVar[str] = contextvars.ContextVar("caller", default="unset")


def test_sync_tools_run_on_the_routers_own_threads_in_the_callers_context(
    verifier: WebhookVerifier, client: GatherClient, signer: WebhookSigner
) -> None:
    router = Router(verifier=verifier, client=client)
    together = threading.Barrier(32)  # as many as the router's worker threads
    seen: list[tuple[str, str]] = []

    @router.tool("meet", timeout=60)
    def meet(args: Booking, context: ToolContext) -> None:
        seen.append((threading.current_thread().name, CALLER.get()))
        together.wait(30)  # broken, so the call fails, unless all 32 run at once

    def call(index: int) -> int:
        CALLER.set(f"request {index}")
        body = json.dumps({"name": f"caller {index}", "party_size": 2}).encode()
        return router.handle_tool("meet", body, signer.sign(body)).status

    threads = [threading.Thread(target=lambda i=i: answers.append(call(i))) for i in range(32)]
    answers: list[int] = []
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)

    assert answers == [200] * 32
    assert all(name.startswith("telnyx-gather-handler_") for name, _ in seen)
    assert sorted(caller for _, caller in seen) == sorted(f"request {i}" for i in range(32))


@pytest.mark.parametrize("entry", ["handle_tool", "handle_tool_async"])
def test_without_a_deadline_a_sync_tool_runs_on_the_callers_thread(
    verifier: WebhookVerifier, client: GatherClient, signer: WebhookSigner, entry: str
) -> None:
    router = Router(verifier=verifier, client=client, deadline=None)
    ran_on: list[threading.Thread] = []

    @router.tool("book_table")
    def book(args: Booking, context: ToolContext) -> Confirmation:
        ran_on.append(threading.current_thread())
        return Confirmation(status=f"booked for {args.party_size}", table=7)

    body = b'{"name": "Ada", "party_size": 4}'
    if entry == "handle_tool":
        answer = router.handle_tool("book_table", body, signer.sign(body))
    else:
        answer = asyncio.run(router.handle_tool_async("book_table", body, signer.sign(body)))

    assert (answer.status, json.loads(answer.body)) == (200, {"status": "booked for 4", "table": 7})
    assert ran_on == [threading.current_thread()]


@pytest.mark.parametrize("entry", ["handle_tool", "handle_tool_async"])
def test_a_reply_that_is_not_json_data_is_a_handler_failure(
    verifier: WebhookVerifier, client: GatherClient, signer: WebhookSigner, entry: str
) -> None:
    router = Router(verifier=verifier, client=client)

    @router.tool("odd", idempotent=True)
    def odd(args: Booking, context: ToolContext) -> dict[str, str]:
        return {"at": object()}  # type: ignore[dict-item]  # what a careless handler might do

    body = b'{"name": "Ada", "party_size": 2}'
    if entry == "handle_tool":
        answer = router.handle_tool("odd", body, signer.sign(body))
    else:
        answer = asyncio.run(router.handle_tool_async("odd", body, signer.sign(body)))

    assert (answer.status, json.loads(answer.body)) == (
        500,
        {"error": "handler_failed", "message": "the tool's answer is not JSON"},
    )


class Seat(BaseModel):
    row: int


class Seating(BaseModel):
    seat: Seat = Seat(row=1)


def test_a_direct_call_with_text_body_and_headers_gives_the_handler_its_context(
    verifier: WebhookVerifier, client: GatherClient, signer: WebhookSigner
) -> None:
    router = Router(verifier=verifier, client=client)
    seen: list[tuple[object, str, str | None]] = []

    @router.tool("seat")
    def seat(args: Seating, context: ToolContext) -> None:
        seen.append((args, context.name, context.call_control_id))

    text = '{"seat": {"row": 4}}'
    headers = {**signer.sign(text.encode()), "x-telnyx-call-control-id": "v3:text"}
    answer = router.handle_tool("seat", text, headers)
    empty = router.handle_tool("seat", b"", signer.sign(b""))

    assert (answer.status, empty.status) == (200, 200)
    assert seen == [
        (Seating(seat=Seat(row=4)), "seat", "v3:text"),
        (Seating(), "seat", None),  # no arguments at all: the model's defaults
    ]


def test_a_misfit_names_a_nested_field_by_its_path(
    verifier: WebhookVerifier, client: GatherClient, signer: WebhookSigner
) -> None:
    router = Router(verifier=verifier, client=client)

    @router.tool("seat")
    def seat(args: Seating, context: ToolContext) -> None:
        return None

    body = b'{"seat": {"row": "front"}}'
    answer = router.handle_tool("seat", body, signer.sign(body))

    assert answer.status == 422
    assert [p["field"] for p in json.loads(answer.body)["problems"]] == ["seat.row"]


def test_a_tool_without_its_own_timeout_keeps_the_routers_deadline(
    verifier: WebhookVerifier, client: GatherClient, signer: WebhookSigner
) -> None:
    router = Router(verifier=verifier, client=client, deadline=0.05)

    @router.tool("wait")
    async def wait(args: Booking, context: ToolContext) -> dict[str, str]:
        await asyncio.Event().wait()  # never set: only the router's deadline ends it
        raise AssertionError("unreachable")

    body = b'{"name": "Ada", "party_size": 3}'
    answer = asyncio.run(router.handle_tool_async("wait", body, signer.sign(body)))
    assert (answer.status, answer.reason) == (504, "deadline_exceeded")
