"""The whole call's builders against the spec and the SDK: examples, fields, required keys."""

from __future__ import annotations

import importlib
from typing import Any, get_type_hints

import pytest
from pydantic import BaseModel
from syrupy.assertion import SnapshotAssertion

from telnyx_gather.commands import Command
from telnyx_gather.commands.actions.bridge import Bridge
from telnyx_gather.commands.actions.dial import Dial
from telnyx_gather.commands.actions.playback import StartPlayback
from telnyx_gather.commands.actions.speak import Speak
from telnyx_gather.commands.actions.streaming import StreamParameter
from telnyx_gather.commands.actions.suppression import NoiseSuppressionEngineConfig
from telnyx_gather.commands.actions.transfer import Transfer
from telnyx_gather.commands.options.conference import ConferenceConfig
from telnyx_gather.commands.options.dialogflow import DialogflowConfig
from telnyx_gather.commands.options.machine_detection import AnsweringMachineDetectionConfig
from tests.commands.call_control import BUILDERS, errors, example, schema
from tests.commands.sdk_types import required_keys
from tests.conftest import load_call_control_spec

IDS = [cls.__name__ for cls in BUILDERS]
# Setting one of these takes its partners out of the body (an exactly-one rule).
PARTNERS: dict[type[Command], dict[str, tuple[str, ...]]] = {
    StartPlayback: {
        "audio_url": ("media_name", "playback_content"),
        "media_name": ("audio_url", "playback_content"),
        "playback_content": ("audio_url", "media_name"),
    },
    Bridge: {
        "queue": ("call_control_id",),
        "video_room_id": ("call_control_id",),
        "video_room_context": ("call_control_id",),
    },
    Transfer: {"media_name": ("audio_url",)},
    Dial: {"media_name": ("audio_url",)},
    # The example's `basic` service level allows only text.
    Speak: {"payload_type": ("service_level",)},
}
# What a property's example needs beside it.
COMPANIONS: dict[tuple[type[Command], str], dict[str, Any]] = {
    (Bridge, "video_room_context"): {"video_room_id": "0ccc7b54-4df3-4bca-a65a-3da1ecc777f0"},
}
# Where the builder follows the spec's prose rather than its `required` list.
REQUIRED_EXCEPTIONS = {
    # "can't be used together with queue ... or video_room_id": exactly one of the three.
    (Bridge, "call_control_id"),
}


def _wire(model: type[BaseModel]) -> dict[str, Any]:
    return {(f.serialization_alias or f.alias or name): f for name, f in model.model_fields.items()}


def _sdk_params(cls: type[Command]) -> Any:
    if cls is Dial:
        return importlib.import_module("telnyx.types.call_dial_params").CallDialParams
    module = importlib.import_module(f"telnyx.types.calls.action_{cls.method}_params")  # type: ignore[attr-defined]
    return getattr(module, f"Action{cls.method.title().replace('_', '')}Params")  # type: ignore[attr-defined]


def _sdk_wire_keys(cls: type[Command]) -> set[str]:
    keys = set(get_type_hints(_sdk_params(cls)))
    renamed = {"from_": "from", "call_control_id_to_bridge_with": "call_control_id"}
    return {renamed.get(key, key) for key in keys}


@pytest.mark.parametrize("cls", BUILDERS, ids=IDS)
def test_the_specs_example_builds_and_conforms(cls: type[Command]) -> None:
    body = cls.model_validate(example(cls)).to_params()
    assert body == example(cls)
    assert errors(cls, body) == []


@pytest.mark.parametrize("cls", BUILDERS, ids=IDS)
def test_each_property_example_and_default_builds(cls: type[Command]) -> None:
    for name, prop in schema(cls).get("properties", {}).items():
        base = example(cls)
        for partner in PARTNERS.get(cls, {}).get(name, ()):
            base.pop(partner, None)
        base.update(COMPANIONS.get((cls, name), {}))
        for key in ("example", "default"):
            if prop.get(key) is not None:
                body = cls.model_validate({**base, name: prop[key]}).to_params()
                assert body[name] == prop[key]
                assert _errors_but_the_exceptions(cls, body) == [], name


def _errors_but_the_exceptions(cls: type[Command], body: dict[str, Any]) -> list[str]:
    required = {f": '{name}' is a required property" for c, name in REQUIRED_EXCEPTIONS if c is cls}
    return [e for e in errors(cls, body) if e not in required]


def rich(cls: type[Command]) -> dict[str, Any]:
    body = example(cls)
    for name, prop in schema(cls).get("properties", {}).items():
        partnered = any(p in body for p in PARTNERS.get(cls, {}).get(name, ()))
        if name not in body and prop.get("example") is not None and not partnered:
            body[name] = prop["example"]
    return body


@pytest.mark.parametrize("cls", BUILDERS, ids=IDS)
def test_wire_body(cls: type[Command], snapshot: SnapshotAssertion) -> None:
    """The spec's example with every property's own example added: the exact body sent."""
    body = cls.model_validate(rich(cls)).to_params()
    assert errors(cls, body) == []
    assert body == snapshot


@pytest.mark.parametrize("cls", BUILDERS, ids=IDS)
def test_fields_cover_the_spec_and_the_sdk(cls: type[Command]) -> None:
    wire = _wire(cls)
    spec_fields = set(schema(cls).get("properties", {}))
    sdk_fields = _sdk_wire_keys(cls)
    assert spec_fields <= set(wire)
    assert sdk_fields <= set(wire)
    # Nothing made up: every field is the spec's or the SDK's, but for the two every
    # command inherits (`switch_supervisor_role` and `client_state_update` lack one).
    assert set(wire) <= spec_fields | sdk_fields | {"command_id", "client_state"}


@pytest.mark.parametrize("cls", BUILDERS, ids=IDS)
def test_required_fields_are_the_specs(cls: type[Command]) -> None:
    required = {name for name, f in _wire(cls).items() if f.is_required()}
    spec_required = set(schema(cls).get("required", []))
    exceptions = {name for c, name in REQUIRED_EXCEPTIONS if c is cls}
    assert required == spec_required - exceptions
    assert required <= required_keys(_sdk_params(cls)) | {"from"}


@pytest.mark.parametrize("cls", BUILDERS, ids=IDS)
def test_optional_fields_default_to_none(cls: type[Command]) -> None:
    for name, field in cls.model_fields.items():
        assert field.is_required() or field.default is None, name


def test_each_builder_names_its_path_and_sdk_method() -> None:
    spec_paths = {path.rsplit("/", 1)[1] for path in schema_paths()}
    actions = {cls.action for cls in BUILDERS if cls is not Dial}
    assert actions <= spec_paths
    for cls in BUILDERS:
        assert _sdk_params(cls) is not None
    assert Dial.action == "dial"


def schema_paths() -> list[str]:
    return [p for p in load_call_control_spec()["paths"] if "/actions/" in p]


NESTED: dict[type[BaseModel], tuple[str, str]] = {
    AnsweringMachineDetectionConfig: (
        "CallRequest/properties/answering_machine_detection_config",
        "call_dial_params.AnsweringMachineDetectionConfig",
    ),
    ConferenceConfig: (
        "CallRequest/properties/conference_config",
        "call_dial_params.ConferenceConfig",
    ),
    DialogflowConfig: ("DialogflowConfig", "dialogflow_config_param.DialogflowConfigParam"),
    NoiseSuppressionEngineConfig: (
        "NoiseSuppressionEngineConfig",
        "calls.action_start_noise_suppression_params.NoiseSuppressionEngineConfig",
    ),
    StreamParameter: (
        "StartStreamingRequest/properties/custom_parameters/items",
        "calls.action_start_streaming_params.CustomParameter",
    ),
}
"""The new nested option models: the spec schema and the SDK TypedDict of each."""


def _spec_node(pointer: str) -> dict[str, Any]:
    node: Any = load_call_control_spec()["components"]["schemas"]
    for part in pointer.split("/"):
        node = node[part]
    return dict(node)


@pytest.mark.parametrize("model", NESTED, ids=[m.__name__ for m in NESTED])
def test_nested_fields_cover_the_spec_and_the_sdk(model: type[BaseModel]) -> None:
    pointer, sdk = NESTED[model]
    module, name = sdk.rsplit(".", 1)
    sdk_fields = set(
        get_type_hints(getattr(importlib.import_module(f"telnyx.types.{module}"), name))
    )
    spec_fields = set(_spec_node(pointer).get("properties", {}))
    wire = set(_wire(model))
    assert spec_fields <= wire
    assert sdk_fields <= wire
    assert wire <= spec_fields | sdk_fields
