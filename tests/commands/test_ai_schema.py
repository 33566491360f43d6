"""`GatherUsingAI(parameters=Model)`: the JSON Schema built from a Pydantic model."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterator
from typing import Any

import jsonschema
import pytest
from jsonschema import Draft202012Validator
from pydantic import BaseModel, ConfigDict, Field, RootModel, ValidationError
from syrupy.assertion import SnapshotAssertion

from telnyx_gather import GatherUsingAI, InvalidCommandError
from telnyx_gather.commands import ai_gather_schema
from tests.commands.models import BOOKING, Booking, Contact
from tests.commands.schema import request_validator


def _walk(schema: Any) -> Iterator[dict[str, Any]]:
    """Every schema node, never the names inside `properties` themselves."""
    if isinstance(schema, dict):
        yield schema
        for key, value in schema.items():
            if key == "properties":
                for sub in value.values():
                    yield from _walk(sub)
            elif key in ("items", "anyOf"):
                yield from _walk(value)
    elif isinstance(schema, list):
        for sub in schema:
            yield from _walk(sub)


def test_schema_is_valid_json_schema_and_a_valid_request() -> None:
    schema = ai_gather_schema(Booking)
    Draft202012Validator.check_schema(schema)
    body = GatherUsingAI(parameters=Booking, greeting="Hi!").to_params()
    assert body["parameters"] == schema
    assert list(request_validator("gather_using_ai").iter_errors(body)) == []


def test_wire_body(snapshot: SnapshotAssertion) -> None:
    cmd = GatherUsingAI(parameters=Booking, greeting="Hello! Let's book your table.")
    assert cmd.to_params() == snapshot


def test_schema_accepts_what_the_model_accepts_and_refuses_what_it_refuses() -> None:
    schema = ai_gather_schema(Booking)
    jsonschema.validate(BOOKING.model_dump(mode="json", by_alias=True), schema)
    minimal = {
        "name": "Ada",
        "party_size": 2,
        "day": "2026-12-24",
        "contact": {"phone": "+3531960"},
    }
    jsonschema.validate(minimal, schema)
    Booking.model_validate(minimal)
    for bad in (
        {**minimal, "contact": {"phone": "3531960"}},
        {**minimal, "party_size": 13},
        {**minimal, "seating": "roof"},
        {**minimal, "payment": {"method": "cheque"}},
        {k: v for k, v in minimal.items() if k != "name"},
    ):
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(bad, schema)
        with pytest.raises(ValidationError):
            Booking.model_validate(bad)


def test_everything_is_inlined_without_pydantic_noise() -> None:
    nodes = list(_walk(ai_gather_schema(Booking)))
    keys = set().union(*(node.keys() for node in nodes))
    assert not keys & {"$ref", "$defs", "title", "default", "discriminator", "oneOf", "const"}
    assert all({"type", "enum", "anyOf"} & node.keys() for node in nodes)


def test_descriptions_come_from_fields_and_docstrings() -> None:
    schema = ai_gather_schema(Booking)
    props = schema["properties"]
    assert schema["description"] == "A table booking at the restaurant."
    assert props["name"]["description"] == "The guest's full name."
    assert props["party_size"]["description"] == "How many people are coming."
    # A field's own description wins over its class's docstring.
    assert props["contact"]["description"] == "How the restaurant can reach the guest."
    phone = props["contact"]["properties"]["phone"]
    assert phone["description"] == "The guest's number in E.164 form."


def test_enums_nested_models_and_unions_are_inlined() -> None:
    props = ai_gather_schema(Booking)["properties"]
    assert props["seating"]["enum"] == ["indoor", "terrace"]
    assert props["contact"]["required"] == ["phone"]
    # `Card | Cash | None`, discriminated: one flat anyOf.
    card, cash, none = props["payment"]["anyOf"]
    assert card["properties"]["method"] == {"enum": ["card"], "type": "string"}
    assert cash["required"] == ["method"]
    assert none == {"type": "null"}
    assert ai_gather_schema(Booking)["required"] == [
        "name",
        "party_size",
        "day",
        "contact",
    ]


def test_aliases_are_the_property_names() -> None:
    class Caller(BaseModel):
        first_name: str = Field(alias="firstName")

    assert list(ai_gather_schema(Caller)["properties"]) == ["firstName"]


def test_each_call_returns_a_fresh_copy() -> None:
    first = ai_gather_schema(Contact)
    first["properties"].clear()
    assert ai_gather_schema(Contact)["properties"]


def test_a_hand_written_schema_is_sent_unchanged() -> None:
    schema = {"type": "object", "properties": {"age": {"type": "integer", "title": "Age"}}}
    assert GatherUsingAI(parameters=schema).to_params() == {"parameters": schema}


def test_builder_equality_follows_the_schema() -> None:
    assert GatherUsingAI(parameters=Booking) == GatherUsingAI(parameters=ai_gather_schema(Booking))


# --- Models that cannot be gathered -----------------------------------------------------


class Node(BaseModel):
    label: str
    children: list[Node] = []


class Tree(BaseModel):
    root: Node


class Empty(BaseModel):
    pass


class WithEmpty(BaseModel):
    meta: Empty


class WithDict(BaseModel):
    scores: dict[str, int]


class WithTuple(BaseModel):
    point: tuple[int, int]


class WithBytes(BaseModel):
    blob: bytes


class WithAny(BaseModel):
    anything: Any


class WithCallable(BaseModel):
    hook: Callable[[], int]


class WithExtraKeyword(BaseModel):
    code: str = Field(json_schema_extra={"not": {"const": "x"}})


class Digits(RootModel[list[int]]):
    pass


class NotDefined(BaseModel):
    later: Later  # noqa: F821  # never defined: the model cannot be built


UNSUPPORTED: dict[type[BaseModel], str] = {
    Node: "Node.children[]: the recursive model Node cannot be inlined",
    Tree: "Tree.root.children[]: the recursive model Node cannot be inlined",
    Empty: "Empty: an object needs named fields",
    WithEmpty: "WithEmpty.meta: an object needs named fields",
    WithDict: "WithDict.scores: an object needs named fields",
    WithTuple: "WithTuple.point: a fixed-length tuple cannot be gathered",
    WithBytes: "WithBytes.blob: bytes have no JSON form",
    WithAny: "WithAny.anything: a value with no JSON type",
    WithCallable: "WithCallable.hook: Pydantic cannot describe this type",
    WithExtraKeyword: "WithExtraKeyword.code: the JSON Schema keyword 'not' cannot be gathered",
    Digits: "Digits: must be an object (a RootModel cannot be gathered)",
    NotDefined: "NotDefined: Pydantic cannot build its schema (class-not-fully-defined)",
}


@pytest.mark.parametrize(("model", "message"), UNSUPPORTED.items(), ids=lambda m: str(m)[:20])
def test_unsupported_models_are_refused_naming_the_field(
    model: type[BaseModel], message: str
) -> None:
    with pytest.raises(InvalidCommandError) as direct:
        ai_gather_schema(model)
    assert str(direct.value).startswith(message)
    with pytest.raises(InvalidCommandError) as built:
        GatherUsingAI(parameters=model)
    assert str(built.value) == f"GatherUsingAI: parameters: {direct.value}"


@pytest.mark.parametrize("value", [int, BaseModel, datetime.date])
def test_a_class_that_is_not_a_model_is_refused(value: type) -> None:
    with pytest.raises(InvalidCommandError, match="parameters: must be a subclass of pydantic"):
        GatherUsingAI(parameters=value)  # type: ignore[arg-type]


def test_extra_allow_models_are_gathered_by_their_named_fields() -> None:
    class Open(BaseModel):
        model_config = ConfigDict(extra="allow")
        city: str

    assert ai_gather_schema(Open) == {
        "properties": {"city": {"type": "string"}},
        "required": ["city"],
        "type": "object",
    }
