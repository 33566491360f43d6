"""`answer` and `dial` start a saved assistant: typed `CallAssistant`, newer fields sent as given."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import BaseModel
from syrupy.assertion import SnapshotAssertion

from telnyx_gather import Answer, Dial, InvalidCommandError
from telnyx_gather.commands import CallAssistant, TranscriptionConfig, webhook_tool


class Lookup(BaseModel):
    """Look an order up."""

    order_id: str


DIAL: dict[str, Any] = {"connection_id": "7267", "to": "+18005550100", "from": "+18005550101"}


def assistant() -> CallAssistant:
    return CallAssistant(
        id="assistant-6f2a",
        greeting="Hi {{name}}, how can I help?",
        dynamic_variables={"name": "Ada", "vip": True},
        tools=[
            webhook_tool(
                Lookup, name="lookup_order", url="https://app.example/tools/lookup", timeout_ms=2000
            )
        ],
        transcription=TranscriptionConfig(model="deepgram/flux"),
    )


def test_answer_and_dial_send_the_same_typed_assistant(snapshot: SnapshotAssertion) -> None:
    answer = Answer(assistant=assistant()).to_params()
    dial = Dial.model_validate({**DIAL, "assistant": assistant()}).to_params()
    assert answer["assistant"] == dial["assistant"]
    assert answer == snapshot


def test_a_plain_dict_is_validated_into_the_model() -> None:
    built = Answer.model_validate({"assistant": {"id": "a", "model": "m"}})
    assert isinstance(built.assistant, CallAssistant)
    assert built.to_params() == {"assistant": {"id": "a", "model": "m"}}


def test_a_field_newer_than_this_release_is_sent_as_given() -> None:
    newer = {"id": "a", "memory": {"enabled": True, "scope": ["caller"]}}
    assert Answer.model_validate({"assistant": newer}).to_params() == {"assistant": newer}


@pytest.mark.parametrize(
    ("assistant", "message"),
    [
        ({"name": "no id"}, "assistant.id: Field required"),
        ({"id": "a", "greeting": "x" * 3001}, "assistant.greeting: String should have at most"),
        ({"id": "a", "dynamic_variables": {"n": [1]}}, "assistant.dynamic_variables.n"),
        ({"id": "a", "tools": [{"type": "nope"}]}, "assistant.tools.0"),
        ({"id": "a", "newer": object()}, "assistant.newer"),
    ],
)
def test_a_bad_assistant_is_refused_naming_the_field(
    assistant: dict[str, Any], message: str
) -> None:
    with pytest.raises(InvalidCommandError) as info:
        Answer.model_validate({"assistant": assistant})
    assert message in str(info.value)
    assert "x" * 50 not in str(info.value)
