"""Typed tools of `ai_assistant_start`: `webhook_tool` from a model or a handler, on the wire."""

from __future__ import annotations

from typing import Any, get_type_hints

import pytest
from pydantic import BaseModel, Field
from syrupy.assertion import SnapshotAssertion

from telnyx_gather import InvalidCommandError
from telnyx_gather.commands import (
    AIAssistantConfig,
    FillerMessage,
    StartAIAssistant,
    StoredVariable,
    ai_gather_schema,
    webhook_tool,
)
from tests.commands.sdk_types import ASSISTANT_SDK_TYPES, literals, required_keys


class Booking(BaseModel):
    """Book a table."""

    name: str = Field(description="Who the table is for")
    party_size: int = Field(ge=1, le=12)


def book_table(args: Booking) -> dict[str, str]:
    """Book a table for the caller."""
    return {"status": "booked", "for": args.name}


def test_a_handler_gives_the_name_description_and_body_parameters(
    snapshot: SnapshotAssertion,
) -> None:
    tool = webhook_tool(
        book_table,
        url="https://app.example/tools/book_table",
        timeout_ms=4000,
        messages=[
            FillerMessage(type="request_start", content="One moment."),
            FillerMessage(type="request_response_delayed", content="Still on it.", timing_ms=2000),
        ],
        preset_body_fields={"customer": "{{customer_id}}"},
        store_fields_as_variables=[StoredVariable(name="booking", value_path="status")],
    )
    body = StartAIAssistant(assistant=AIAssistantConfig(id="assistant-1", tools=[tool])).to_params()
    assert body == snapshot
    webhook = body["assistant"]["tools"][0]["webhook"]
    assert webhook["name"] == "book_table"
    assert webhook["body_parameters"]["properties"] == ai_gather_schema(Booking)["properties"]
    assert body["assistant"]["tools"][0]["timeout_ms"] == 4000
    assert "timeout_ms" not in webhook


def test_a_model_and_async_tool(snapshot: SnapshotAssertion) -> None:
    tool = webhook_tool(
        Booking,
        name="book_later",
        url="https://app.example/tools/book_later",
        async_=True,
        async_timeout_ms=500,
    )
    wire = tool.model_dump(mode="json", by_alias=True, exclude_none=True)
    assert wire == snapshot
    assert wire["webhook"]["async"] is True
    assert wire["webhook"]["description"] == "Book a table."


def test_other_inline_tools_and_dicts_are_accepted() -> None:
    config = AIAssistantConfig(
        id="assistant-1",
        tools=[
            {"type": "hangup", "hangup": {"description": "When the caller says goodbye"}},
            {
                "type": "transfer",
                "transfer": {"targets": [{"name": "desk", "to": "+15550100"}], "from": "+15550101"},
            },
            {"type": "retrieval", "retrieval": {"bucket_ids": ["menu"]}},
        ],
        dynamic_variables={"customer_id": "c-1", "vip": True},
    )
    assert [t.type for t in config.tools or []] == ["hangup", "transfer", "retrieval"]


@pytest.mark.parametrize(
    ("tools", "expected"),
    [
        (
            [
                {
                    "type": "webhook",
                    "webhook": {
                        "name": "x",
                        "description": "d",
                        "url": "https://a.example/",
                        "timeout_ms": 5,
                    },
                }
            ],
            "timeout_ms: set it on the tool beside type; Telnyx ignores it inside webhook",
        ),
        (
            [
                {
                    "type": "webhook",
                    "webhook": {
                        "name": "x",
                        "description": "d",
                        "url": "https://a.example/",
                        "messages": [{"type": "request_response_delayed", "content": "hm"}],
                    },
                }
            ],
            "timing_ms: required for a request_response_delayed message",
        ),
        (
            [
                {
                    "type": "webhook",
                    "timeout_ms": 0,
                    "webhook": {"name": "x", "description": "d", "url": "https://a.example/"},
                }
            ],
            "tools.0.webhook.timeout_ms",
        ),
    ],
)
def test_misplaced_or_bad_settings_are_refused(tools: object, expected: str) -> None:
    with pytest.raises(InvalidCommandError, match=expected):
        AIAssistantConfig.model_validate({"id": "a", "tools": tools})


def test_arguments_must_be_a_model_or_a_handler_of_one() -> None:
    def untyped(args: int) -> None:
        del args

    with pytest.raises(InvalidCommandError, match="handler whose first parameter"):
        webhook_tool(untyped, url="https://a.example/")
    with pytest.raises(InvalidCommandError, match="give a name and a description"):
        webhook_tool(Booking, url="https://a.example/")


@pytest.mark.parametrize(("model", "sdk"), ASSISTANT_SDK_TYPES.items(), ids=lambda m: m.__name__)
def test_fields_and_required_keys_match_the_sdk(model: type[BaseModel], sdk: Any) -> None:
    wire = {(f.alias or name): f for name, f in model.model_fields.items()}
    assert set(wire) == set(get_type_hints(sdk))
    tags = {name for name, f in wire.items() if f.default is not None}
    required = {name for name, f in wire.items() if f.is_required()}
    assert required | tags == required_keys(sdk)
    for name, field in wire.items():
        if name != "type":
            assert literals(field.annotation) == literals(get_type_hints(sdk)[name]), name
