"""`on(CallAIGatherEnded, result=Model)`: the AI gather's result, parsed, reaches the handler."""

from __future__ import annotations

import asyncio
import logging
from typing import Literal

import pytest
from pydantic import BaseModel, Field

from telnyx_gather import (
    AsyncGatherClient,
    CallAIGatherEnded,
    CallGatherEnded,
    GatherClient,
    GatherUsingSpeak,
    Hangup,
    Router,
    StopGather,
    WebhookVerifier,
    encode_client_state,
)
from telnyx_gather.commands import Command
from telnyx_gather.router import Outcome, command_id
from telnyx_gather.stores import MemoryStore
from telnyx_gather.testing import WebhookSigner, call_ai_gather_ended
from tests.loopback import Recorder
from tests.router.conftest import API_KEY

CALL = "v3:test-call-control-id"
SECRET = "SECRET-CITY-4711"


class Profile(BaseModel):
    age: int = Field(ge=0)
    city: str


class Flow(BaseModel):
    step: Literal["book", "done"]


def confirm(profile: Profile) -> Command:
    return GatherUsingSpeak(payload=f"{profile.age} in {profile.city}?", voice="female")


def deliver(router: Router[None] | Router[Flow], signer: WebhookSigner, body: bytes) -> Outcome:
    return router.handle(body, signer.sign(body))


def test_a_fitting_result_reaches_the_handler_as_the_model(
    verifier: WebhookVerifier, client: GatherClient, signer: WebhookSigner, recorder: Recorder
) -> None:
    router = Router(verifier=verifier, client=client)
    seen: list[tuple[CallAIGatherEnded, Profile]] = []

    @router.on(CallAIGatherEnded, result=Profile)
    def booked(event: CallAIGatherEnded, result: Profile) -> Command:
        seen.append((event, result))
        return confirm(result)

    body = call_ai_gather_ended(
        event_id="ev-ai", call_control_id=CALL, result={"age": "29", "city": "Paris"}
    )
    outcome = deliver(router, signer, body)
    again = deliver(router, signer, body)

    assert (outcome.status, outcome.reason) == (200, "handled")
    assert [(event.id, result) for event, result in seen] == [
        ("ev-ai", Profile(age=29, city="Paris"))
    ]
    assert outcome.event is seen[0][0]
    [request] = recorder.requests
    assert request.path == f"/v2/calls/{CALL}/actions/gather_using_speak"
    assert request.json() == {
        **confirm(seen[0][1]).to_params(),
        "command_id": command_id("ev-ai", 0),
    }
    assert again.reason == "duplicate"


@pytest.mark.parametrize(
    "result",
    [
        pytest.param({"age": -3, "city": SECRET}, id="out of bounds"),
        pytest.param({"city": SECRET}, id="a field missing"),
        pytest.param(None, id="no result"),
    ],
)
def test_a_misfit_without_a_plain_handler_is_acknowledged_and_logged_without_values(
    verifier: WebhookVerifier,
    client: GatherClient,
    signer: WebhookSigner,
    recorder: Recorder,
    caplog: pytest.LogCaptureFixture,
    result: dict[str, object] | None,
) -> None:
    store = MemoryStore()
    router = Router(verifier=verifier, client=client, store=store)
    runs: list[Profile] = []
    router.on(CallAIGatherEnded, result=Profile)(lambda event, profile: runs.append(profile))

    body = call_ai_gather_ended(event_id="ev-misfit", result=result, status="invalid")
    with caplog.at_level(logging.WARNING, logger="telnyx_gather.router"):
        outcome = deliver(router, signer, body)

    assert (outcome.status, outcome.reason, outcome.ok) == (200, "result_misfit", True)
    assert isinstance(outcome.event, CallAIGatherEnded)
    assert (runs, recorder.requests, len(store)) == ([], [], 0)
    [record] = caplog.records
    message = record.getMessage()
    assert "'call.ai_gather.ended'" in message
    assert "'ev-misfit'" in message
    assert "Profile" in message
    assert "acknowledged" in message
    assert ("age" in message) == (result is not None)
    assert SECRET not in caplog.text


def test_a_misfit_goes_to_the_plain_handler_and_a_step_handler_comes_first(
    verifier: WebhookVerifier,
    client: GatherClient,
    signer: WebhookSigner,
    recorder: Recorder,
    caplog: pytest.LogCaptureFixture,
) -> None:
    router = Router(verifier=verifier, client=client, state=Flow)
    runs: list[tuple[str, object]] = []

    @router.on(CallAIGatherEnded, result=Profile)
    def booked(event: CallAIGatherEnded, result: Profile) -> Command:
        runs.append(("typed", result))
        return confirm(result)

    @router.on(CallAIGatherEnded)
    def not_understood(event: CallAIGatherEnded) -> Command:
        runs.append(("plain", event.payload.result))
        return Hangup()

    @router.on(CallAIGatherEnded, step="done")
    def finished(event: CallAIGatherEnded, state: Flow) -> None:
        runs.append(("step", state))

    misfit = {"age": "old", "city": SECRET}
    with caplog.at_level(logging.WARNING, logger="telnyx_gather.router"):
        plain = deliver(router, signer, call_ai_gather_ended(event_id="ev-1", result=misfit))
    typed = deliver(router, signer, call_ai_gather_ended(event_id="ev-2"))
    done = encode_client_state(Flow(step="done"))
    step = deliver(router, signer, call_ai_gather_ended(event_id="ev-3", client_state=done))
    book = encode_client_state(Flow(step="book"))
    other_step = deliver(router, signer, call_ai_gather_ended(event_id="ev-4", client_state=book))

    assert [o.reason for o in (plain, typed, step, other_step)] == ["handled"] * 4
    assert runs == [
        ("plain", misfit),
        ("typed", Profile(age=29, city="Paris")),
        ("step", Flow(step="done")),
        ("typed", Profile(age=29, city="Paris")),
    ]
    assert [r.path.rsplit("/", 1)[1] for r in recorder.requests] == [
        "hangup",
        "gather_using_speak",
        "gather_using_speak",
    ]
    [record] = caplog.records
    assert "'ev-1'" in record.getMessage()
    assert "plain handler" in record.getMessage()
    assert SECRET not in caplog.text


def test_async_result_handlers_run_through_handle_async(
    verifier: WebhookVerifier, signer: WebhookSigner, recorder: Recorder
) -> None:
    async_client = AsyncGatherClient(api_key=API_KEY, base_url=f"{recorder.url}/v2", max_retries=0)
    router = Router(verifier=verifier, client=async_client)
    runs: list[object] = []

    @router.on(CallAIGatherEnded, result=Profile)
    async def booked(event: CallAIGatherEnded, result: Profile) -> Command:
        await asyncio.sleep(0)
        runs.append(result)
        return confirm(result)

    @router.on(CallAIGatherEnded)
    async def not_understood(event: CallAIGatherEnded) -> None:
        await asyncio.sleep(0)
        runs.append(event.id)

    async def scenario() -> list[str]:
        reasons = []
        for body in (
            call_ai_gather_ended(event_id="ev-a"),
            call_ai_gather_ended(event_id="ev-b", result={"age": 29}),
            call_ai_gather_ended(event_id="ev-a", attempt=2),
        ):
            outcome = await router.handle_async(body, signer.sign(body))
            reasons.append(outcome.reason)
        await async_client.close()
        return reasons

    assert asyncio.run(scenario()) == ["handled", "handled", "duplicate"]
    assert runs == [Profile(age=29, city="Paris"), "ev-b"]
    assert [r.json()["command_id"] for r in recorder.requests] == [command_id("ev-a", 0)]


def test_a_sync_result_handler_refuses_an_async_client_before_claiming(
    verifier: WebhookVerifier, signer: WebhookSigner, recorder: Recorder
) -> None:
    async_client = AsyncGatherClient(api_key=API_KEY, base_url=f"{recorder.url}/v2", max_retries=0)
    store = MemoryStore()
    router = Router(verifier=verifier, client=async_client, store=store)
    router.on(CallAIGatherEnded, result=Profile)(lambda event, result: StopGather())

    with pytest.raises(TypeError, match="handle_async"):
        deliver(router, signer, call_ai_gather_ended())
    asyncio.run(async_client.close())
    assert (len(store), recorder.requests) == (0, [])


def test_result_routing_mistakes_are_refused(
    verifier: WebhookVerifier, client: GatherClient
) -> None:
    router = Router(verifier=verifier, client=client, state=Flow)
    with pytest.raises(
        TypeError,
        match=r"^result= routes only CallAIGatherEnded, the event that carries a result$",
    ):
        router.on(CallGatherEnded, result=Profile)  # type: ignore[arg-type]  # pyright: ignore[reportCallIssue,reportArgumentType]
    with pytest.raises(
        TypeError, match=r"^result= takes a Pydantic model class, such as the one gathered with$"
    ):
        router.on(CallAIGatherEnded, result=dict)  # type: ignore[type-var]  # pyright: ignore[reportArgumentType]
    with pytest.raises(
        TypeError,
        match=r"^step= and result= do not combine: route on step= and read "
        r"event\.payload\.result_as\(YourModel\) in that handler$",
    ):
        router.on(CallAIGatherEnded, step="book", result=Profile)  # type: ignore[call-overload]  # pyright: ignore[reportCallIssue]

    router.on(CallAIGatherEnded, result=Profile)(lambda event, result: None)
    with pytest.raises(ValueError, match="already registered"):
        router.on(CallAIGatherEnded, result=Profile)(lambda event, result: None)
