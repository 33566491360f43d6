# pyright: reportUnnecessaryTypeIgnoreComment=true
"""Static checks, run by mypy --strict and pyright strict: AI gather results on the Router.

Nothing here needs to run; the type checkers fail the gate if a type drifts.
Each `# type: ignore[...]` below marks a line that must stay an error: mypy
(warn_unused_ignores) and pyright (reportUnnecessaryTypeIgnoreComment) fail
the gate if one stops being needed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Literal

from pydantic import BaseModel
from typing_extensions import assert_type

from telnyx_gather import (
    AsyncGatherClient,
    CallAIGatherEnded,
    CallGatherEnded,
    GatherClient,
    Hangup,
    Router,
    WebhookVerifier,
)
from telnyx_gather.commands import Command


class Booking(BaseModel):
    name: str
    party: int


class Address(BaseModel):
    city: str


class Flow(BaseModel):
    step: Literal["book", "done"]


def result_router(verifier: WebhookVerifier, client: GatherClient) -> None:
    router = Router(verifier=verifier, client=client)

    @router.on(CallAIGatherEnded, result=Booking)
    def booked(event: CallAIGatherEnded, result: Booking) -> Command:
        assert_type(event, CallAIGatherEnded)
        assert_type(result, Booking)
        assert_type(result.party, int)
        return Hangup()

    assert_type(booked, Callable[[CallAIGatherEnded, Booking], Command])

    @router.on(CallAIGatherEnded)
    def not_understood(event: CallAIGatherEnded) -> None: ...


def async_result_router(verifier: WebhookVerifier, client: AsyncGatherClient) -> None:
    router = Router(verifier=verifier, client=client, state=Flow)

    @router.on(CallAIGatherEnded, result=Address)
    async def located(event: CallAIGatherEnded, result: Address) -> None:
        assert_type(result.city, str)

    @router.on(CallAIGatherEnded, step="done")
    def done(event: CallAIGatherEnded, state: Flow) -> None: ...


def mistakes(verifier: WebhookVerifier, client: GatherClient) -> None:
    router = Router(verifier=verifier, client=client, state=Flow)

    def other_model(event: CallAIGatherEnded, result: Address) -> None: ...

    def no_result(event: CallAIGatherEnded) -> None: ...

    def returns_text(event: CallAIGatherEnded, result: Booking) -> str:
        return result.name

    router.on(CallAIGatherEnded, result=Booking)(other_model)  # type: ignore[arg-type]
    router.on(CallAIGatherEnded, result=Booking)(no_result)  # type: ignore[arg-type]
    router.on(CallAIGatherEnded, result=Booking)(returns_text)  # type: ignore[type-var]
    router.on(CallGatherEnded, result=Booking)  # type: ignore[arg-type]
    router.on(CallAIGatherEnded, result=dict)  # type: ignore[type-var]
    router.on(CallAIGatherEnded, step="book", result=Booking)  # type: ignore[call-overload]
