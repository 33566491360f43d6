"""Every command's wire body conforms to its request schema in the official spec."""

from __future__ import annotations

from typing import Any, get_type_hints

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import BaseModel

from telnyx_gather import commands as c
from tests.commands import test_actions_spec as call_control
from tests.commands.examples import RICH
from tests.commands.schema import REQUEST_SCHEMAS, request_validator
from tests.commands.sdk_types import ASSISTANT_SDK_TYPES, NEWER_THAN_SPEC, SDK_TYPES, literals
from tests.commands.strategies import COMMANDS
from tests.conftest import load_spec


def _errors(action: str, body: dict[str, Any]) -> list[str]:
    return [
        f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
        for e in request_validator(action).iter_errors(body)
    ]


@pytest.mark.parametrize("action", RICH)
def test_rich_instance_conforms(action: str) -> None:
    assert _errors(action, RICH[action].to_params()) == []


@pytest.mark.parametrize("action", RICH)
def test_closed_schemas_catch_a_field_the_spec_lacks(action: str) -> None:
    # Guards the check above: the closed schema is what makes it meaningful.
    body = {**RICH[action].to_params(), "surprise": 1}
    assert _errors(action, body)
    assert not list(request_validator(action, closed=False).iter_errors(body))


def test_closed_schemas_catch_nested_unknown_keys() -> None:
    body = RICH["gather_using_ai"].to_params()
    body["assistant"]["tools"][0]["book_appointment"]["surprise"] = 1
    body["voice_settings"]["surprise"] = 1
    assert len(_errors("gather_using_ai", body)) == 2


@pytest.mark.parametrize("action", COMMANDS)
@settings(max_examples=60)
@given(data=st.data())
def test_generated_instances_conform(action: str, data: st.DataObject) -> None:
    cmd = data.draw(COMMANDS[action])
    body = cmd.to_params()
    assert _errors(action, body) == []
    assert type(cmd).model_validate(body) == cmd


# --- Coverage: every spec field, required flag and enum is in the models -------------

SCHEMAS = load_spec()["components"]["schemas"]


def _node(pointer: str) -> dict[str, Any]:
    node: Any = SCHEMAS
    for part in pointer.split("/"):
        node = node[part]
    return dict(node)


BUILDERS: dict[type[BaseModel], str] = {
    getattr(c, type(cmd).__name__): REQUEST_SCHEMAS[action] for action, cmd in RICH.items()
}
NESTED: dict[type[BaseModel], str] = {
    c.Assistant: "Assistant",
    c.AIAssistantConfig: "AIAssistantStartRequest/properties/assistant",
    c.TranscriptionConfig: "TranscriptionConfig",
    c.InterruptionSettings: "InterruptionSettings",
    c.HistoryMessage: "GatherUsingAIRequest/properties/message_history/items",
    c.ElevenLabsVoiceSettings: "ElevenLabsVoiceSettings",
    c.TelnyxVoiceSettings: "TelnyxVoiceSettings",
    c.AWSVoiceSettings: "AWSVoiceSettings",
    c.AzureVoiceSettings: "AzureVoiceSettings",
    c.MinimaxVoiceSettings: "MinimaxVoiceSettings",
    c.RimeVoiceSettings: "RimeVoiceSettings",
    c.ResembleVoiceSettings: "ResembleVoiceSettings",
    c.BookAppointmentTool: "BookAppointmentTool",
    c.BookAppointmentToolParams: "BookAppointmentToolParams",
    c.CheckAvailabilityTool: "CheckAvailabilityTool",
    c.CheckAvailabilityToolParams: "CheckAvailabilityToolParams",
    c.WebhookTool: "WebhookTool",
    c.WebhookToolParams: "CallControlWebhookToolParams",
    c.WebhookToolHeader: "CallControlWebhookToolParams/properties/headers/items",
    c.ToolParametersSchema: "CallControlWebhookToolParams/properties/body_parameters",
    c.HangupTool: "HangupTool",
    c.HangupToolParams: "HangupToolParams",
    c.TransferTool: "TransferTool",
    c.TransferToolParams: "CallControlTransferToolParams",
    c.TransferTarget: "CallControlTransferToolParams/properties/targets/items",
    c.RetrievalTool: "CallControlRetrievalTool",
    c.BucketIds: "CallControlBucketIds",
    c.UserMessage: "UserMessage",
    c.AssistantMessage: "AssistantMessage",
    c.ToolMessage: "ToolMessage",
    c.SystemMessage: "SystemMessage",
    c.DeveloperMessage: "DeveloperMessage",
    c.ToolCall: "ToolCall",
    c.ToolCallFunction: "ToolCall/properties/function",
}
MODELS = {**BUILDERS, **NESTED}


def _wire_fields(model: type[BaseModel]) -> dict[str, Any]:
    return {(f.alias or name): f for name, f in model.model_fields.items()}


def test_every_model_of_the_package_is_checked_against_the_spec_or_the_sdk() -> None:
    public_models = {
        obj
        for name in c.__all__
        if isinstance(obj := getattr(c, name), type) and issubclass(obj, BaseModel)
    }
    # The whole call's builders and options are checked against `call-control.json`.
    whole_call = set(call_control.BUILDERS) | set(call_control.NESTED)
    assert public_models - {c.Command} == (
        set(MODELS) | set(SDK_TYPES) | set(ASSISTANT_SDK_TYPES) | whole_call
    )


def _enum(prop: dict[str, Any]) -> list[Any] | None:
    if "oneOf" in prop and "discriminator" not in prop:
        (prop,) = prop["oneOf"]
    if "$ref" in prop:
        prop = _node(prop["$ref"].rsplit("/", 1)[1])
    return prop.get("enum")


@pytest.mark.parametrize(("model", "pointer"), MODELS.items(), ids=[m.__name__ for m in MODELS])
def test_fields_match_the_spec(model: type[BaseModel], pointer: str) -> None:
    schema = _node(pointer)
    wire = _wire_fields(model)
    newer, sdk = NEWER_THAN_SPEC.get(model, (set[str](), None))
    assert set(wire) - newer == set(schema.get("properties", {}))
    assert newer <= set(get_type_hints(sdk) if sdk else ())
    # A tag (`type`/`role` with a single value) has a default, so it is optional
    # to construct but always sent; everything else is required exactly as in the spec.
    tags = {
        name
        for name, f in wire.items()
        if f.default is not None and f.default in literals(f.annotation)
    }
    required = {name for name, f in wire.items() if f.is_required()}
    assert required == set(schema.get("required", [])) - tags


@pytest.mark.parametrize(("model", "pointer"), MODELS.items(), ids=[m.__name__ for m in MODELS])
def test_enums_match_the_spec(model: type[BaseModel], pointer: str) -> None:
    for name, prop in _node(pointer).get("properties", {}).items():
        allowed = literals(_wire_fields(model)[name].annotation)
        enum = _enum(prop)
        assert allowed == set(enum or []) - {None}, name


@pytest.mark.parametrize(("model", "pointer"), MODELS.items(), ids=[m.__name__ for m in MODELS])
def test_optional_fields_default_to_none(model: type[BaseModel], pointer: str) -> None:
    # `to_params` drops None, so a non-None default would be sent unasked; tags are the exception.
    for name, field in model.model_fields.items():
        if not field.is_required():
            is_tag = name in ("type", "role") and len(literals(field.annotation)) == 1
            assert field.default is None or is_tag, name


# --- Never stricter than the spec: its own examples and defaults build --------------


@pytest.mark.parametrize("action", RICH)
def test_the_specs_request_example_builds(action: str) -> None:
    example = _node(REQUEST_SCHEMAS[action]).get("example")
    cls = type(RICH[action])
    if example is not None:
        assert cls.model_validate(example).to_params() == example


# Setting one of these takes its partner out of the rich body (a cross-field rule).
PAIRS = [("media_name", "audio_url"), ("invalid_media_name", "invalid_audio_url")]
PARTNERS = {**dict(PAIRS), **{b: a for a, b in PAIRS}}


@pytest.mark.parametrize("action", RICH)
def test_each_property_example_and_default_builds(action: str) -> None:
    cls = type(RICH[action])
    checked = 0
    for name, prop in _node(REQUEST_SCHEMAS[action]).get("properties", {}).items():
        base = RICH[action].to_params()
        base.pop(PARTNERS.get(name, ""), None)
        for key in ("example", "default"):
            if prop.get(key) is not None:
                assert cls.model_validate({**base, name: prop[key]}).to_params()[name] == prop[key]
                checked += 1
    assert checked or action in ("gather_stop", "ai_assistant_stop")
