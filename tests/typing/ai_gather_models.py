# pyright: reportUnnecessaryTypeIgnoreComment=true
"""Static checks, run by mypy --strict and pyright strict: AI gathers typed by a Pydantic model.

Nothing here needs to run. The model class is accepted as `parameters`, and
`result_as` gives back an instance of exactly that class.
"""

from __future__ import annotations

from pydantic import BaseModel, JsonValue
from typing_extensions import assert_type

from telnyx_gather import (
    Call,
    CallAIGatherEnded,
    CallAIGatherPartialResults,
    CommandResult,
    GatherUsingAI,
    WebhookEvent,
)
from telnyx_gather.commands import ai_gather_schema


class Booking(BaseModel):
    name: str
    party_size: int


def command() -> None:
    cmd = GatherUsingAI(parameters=Booking, greeting="Hi!")
    assert_type(cmd.parameters, dict[str, JsonValue])
    assert_type(ai_gather_schema(Booking), dict[str, JsonValue])
    GatherUsingAI(parameters=ai_gather_schema(Booking))
    GatherUsingAI(parameters=int)  # type: ignore[arg-type]
    GatherUsingAI(parameters=Booking(name="Ada", party_size=2))  # type: ignore[arg-type]


def send(call: Call) -> None:
    assert_type(call.gather_using_ai(parameters=Booking), CommandResult)


def results(event: WebhookEvent) -> None:
    if isinstance(event, CallAIGatherEnded):
        booking = event.payload.result_as(Booking)
        assert_type(booking, Booking)
        assert_type(booking.party_size, int)
        event.payload.result_as(dict)  # type: ignore[type-var]
    elif isinstance(event, CallAIGatherPartialResults):
        assert_type(event.payload.partial_results_as(Booking), dict[str, object])
