"""Each command's exact wire body, and the behaviour the wire body relies on."""

from __future__ import annotations

from types import MappingProxyType
from typing import Any

import pytest
from pydantic import ValidationError
from syrupy.assertion import SnapshotAssertion

import telnyx_gather
from telnyx_gather.commands import (
    COMMANDS,
    AddAIAssistantMessages,
    Answer,
    Assistant,
    Command,
    CustomSipHeader,
    DeepfakeDetection,
    Gather,
    GatherUsingAI,
    GatherUsingAudio,
    GatherUsingSpeak,
    Hangup,
    HangupTool,
    HangupToolParams,
    SipHeader,
    SoundModifications,
    StartAIAssistant,
    StopAIAssistant,
    StopGather,
    TelnyxVoiceSettings,
    TransferTarget,
    TransferTool,
    TransferToolParams,
    UserMessage,
    WebhookRetriesPolicy,
)
from tests.commands import call_control
from tests.commands.examples import EVERY, STATE

ACTIONS = {
    Gather: "gather",
    GatherUsingAudio: "gather_using_audio",
    GatherUsingSpeak: "gather_using_speak",
    GatherUsingAI: "gather_using_ai",
    StopGather: "gather_stop",
    StartAIAssistant: "ai_assistant_start",
    StopAIAssistant: "ai_assistant_stop",
    AddAIAssistantMessages: "ai_assistant_add_messages",
    Answer: "answer",
    Hangup: "hangup",
}


def test_the_action_table_maps_each_action_to_its_builder() -> None:
    whole_call = {cls.action: cls for cls in call_control.BUILDERS}
    assert dict(COMMANDS) == {action: cls for cls, action in ACTIONS.items()} | whole_call
    with pytest.raises(TypeError):
        COMMANDS["answer"] = Hangup  # type: ignore[index]


def test_every_action_has_one_builder_and_one_rich_example() -> None:
    assert sorted(ACTIONS.values()) == sorted(EVERY)
    assert {type(cmd): name for name, cmd in EVERY.items()} == ACTIONS


@pytest.mark.parametrize(("cls", "action"), ACTIONS.items(), ids=ACTIONS.values())
def test_action_is_the_path_segment(cls: type[Command], action: str) -> None:
    assert cls.action == action
    assert EVERY[action].action == action
    assert getattr(telnyx_gather, cls.__name__) is cls


@pytest.mark.parametrize("action", EVERY)
def test_wire_body(action: str, snapshot: SnapshotAssertion) -> None:
    assert EVERY[action].to_params() == snapshot


@pytest.mark.parametrize("action", EVERY)
def test_to_params_returns_a_fresh_copy(action: str) -> None:
    cmd = EVERY[action]
    first = cmd.to_params()
    first.clear()
    assert cmd.to_params() != {}


def test_unset_fields_are_omitted() -> None:
    assert Gather().to_params() == {}
    assert StopGather().to_params() == {}
    assert Gather(maximum_digits=4).to_params() == {"maximum_digits": 4}
    assert Answer().to_params() == {}
    assert Hangup(reason="").to_params() == {"reason": ""}
    assert GatherUsingSpeak(payload="Hi", voice="Telnyx.KokoroTTS.af").to_params() == {
        "payload": "Hi",
        "voice": "Telnyx.KokoroTTS.af",
    }


def test_none_is_the_same_as_unset() -> None:
    # The facade passes every keyword through; `None` must never reach the wire.
    assert Gather(valid_digits=None, gather_id=None).to_params() == {}
    assert GatherUsingAI(parameters={}, assistant=None, voice_settings=None).to_params() == {
        "parameters": {}
    }


def test_nested_tags_are_always_sent() -> None:
    cmd = GatherUsingAI(
        parameters={},
        voice_settings=TelnyxVoiceSettings(),
        assistant=Assistant(tools=[HangupTool(hangup=HangupToolParams())]),
    )
    assert cmd.to_params() == {
        "parameters": {},
        "voice_settings": {"type": "telnyx"},
        "assistant": {"tools": [{"type": "hangup", "hangup": {}}]},
    }


def test_json_nulls_inside_free_form_objects_are_kept() -> None:
    params = {"type": "object", "properties": {"x": {"default": None}}}
    cmd = AddAIAssistantMessages(messages=[UserMessage(content="hi", metadata={"note": None})])
    assert GatherUsingAI(parameters=params).to_params() == {"parameters": params}
    assert cmd.to_params()["messages"] == [
        {"role": "user", "content": "hi", "metadata": {"note": None}}
    ]


def test_python_name_clash_uses_the_wire_name_on_the_wire() -> None:
    by_python_name = TransferToolParams(targets=[TransferTarget(to="+1")], from_="+2")
    by_wire_name = TransferToolParams.model_validate({"targets": [{"to": "+1"}], "from": "+2"})
    assert by_python_name == by_wire_name
    assert by_python_name.from_ == "+2"
    tool = TransferTool(transfer=by_python_name)
    assert GatherUsingAI(parameters={}, assistant={"tools": [tool]}).to_params()["assistant"] == {
        "tools": [{"type": "transfer", "transfer": {"targets": [{"to": "+1"}], "from": "+2"}}]
    }


TYPED_AND_PLAIN: list[tuple[str, type[Command], dict[str, Any], dict[str, Any]]] = [
    (
        "speak-voice-settings",
        GatherUsingSpeak,
        {
            "payload": "Hi",
            "voice": "Telnyx.KokoroTTS.af",
            "voice_settings": TelnyxVoiceSettings(voice_speed=1.5),
        },
        {
            "payload": "Hi",
            "voice": "Telnyx.KokoroTTS.af",
            "voice_settings": {"type": "telnyx", "voice_speed": 1.5},
        },
    ),
    (
        "ai-assistant-tools",
        GatherUsingAI,
        {
            "parameters": {"type": "object"},
            "assistant": Assistant(
                model="m",
                tools=[
                    HangupTool(hangup=HangupToolParams(description="bye")),
                    TransferTool(
                        transfer=TransferToolParams(
                            targets=[TransferTarget(name="Desk", to="+1")], from_="+2"
                        )
                    ),
                ],
            ),
            "message_history": [],
        },
        {
            "parameters": {"type": "object"},
            "assistant": {
                "model": "m",
                "tools": [
                    {"type": "hangup", "hangup": {"description": "bye"}},
                    {
                        "type": "transfer",
                        "transfer": {"targets": [{"name": "Desk", "to": "+1"}], "from": "+2"},
                    },
                ],
            },
            "message_history": [],
        },
    ),
    (
        "messages",
        AddAIAssistantMessages,
        {"messages": (UserMessage(content="hi"),)},
        {"messages": [{"role": "user", "content": "hi"}]},
    ),
    (
        "answer-nested",
        Answer,
        {
            "custom_headers": (CustomSipHeader(name="X-Tenant", value="acme"),),
            "sip_headers": [SipHeader(name="User-to-User", value="abc")],
            "deepfake_detection": DeepfakeDetection(enabled=True, timeout=5),
            "sound_modifications": SoundModifications(pitch=1.5),
            "webhook_retries_policies": MappingProxyType(
                {"call.hangup": WebhookRetriesPolicy(retries_ms=(100, 200))}
            ),
            "webhook_urls": MappingProxyType({"call.hangup": ("https://h.example/x",)}),
        },
        {
            "custom_headers": [{"name": "X-Tenant", "value": "acme"}],
            "sip_headers": [{"name": "User-to-User", "value": "abc"}],
            "deepfake_detection": {"enabled": True, "timeout": 5},
            "sound_modifications": {"pitch": 1.5},
            "webhook_retries_policies": {"call.hangup": {"retries_ms": [100, 200]}},
            "webhook_urls": {"call.hangup": ["https://h.example/x"]},
        },
    ),
    (
        "hangup-headers",
        Hangup,
        {"custom_headers": [CustomSipHeader(name="X-Why", value="done")]},
        {"custom_headers": [{"name": "X-Why", "value": "done"}]},
    ),
    (
        "start-assistant",
        StartAIAssistant,
        {"interruption_settings": {"enable": False}, "transcription": {"model": "google"}},
        {"interruption_settings": {"enable": False}, "transcription": {"model": "google"}},
    ),
]


@pytest.mark.parametrize(
    ("cls", "typed", "plain"),
    [case[1:] for case in TYPED_AND_PLAIN],
    ids=[case[0] for case in TYPED_AND_PLAIN],
)
def test_plain_dicts_and_typed_models_give_equal_commands(
    cls: type[Command], typed: dict[str, Any], plain: dict[str, Any]
) -> None:
    from_models = cls(**typed)
    from_dicts = cls(**plain)
    assert from_models == from_dicts
    assert from_models.to_params() == from_dicts.to_params()
    # Nested dicts become the typed models, so reads are the same either way.
    for name in plain:
        assert type(getattr(from_dicts, name)) is type(getattr(from_models, name))
    assert cls.model_validate(plain) == from_models


def test_model_validate_takes_the_wire_body_back() -> None:
    for cmd in EVERY.values():
        assert type(cmd).model_validate(cmd.to_params()) == cmd


@pytest.mark.parametrize("action", EVERY)
def test_commands_are_frozen(action: str) -> None:
    cmd = EVERY[action]
    name = next(iter(type(cmd).model_fields))
    with pytest.raises(ValidationError, match="frozen"):
        setattr(cmd, name, getattr(cmd, name))


def test_nested_models_are_frozen() -> None:
    settings = TelnyxVoiceSettings(voice_speed=1.0)
    with pytest.raises(ValidationError, match="frozen"):
        settings.voice_speed = 2.0  # type: ignore[misc]
    assert hash(settings) == hash(TelnyxVoiceSettings(voice_speed=1.0))


def test_client_state_round_trips() -> None:
    cmd = StopGather(client_state=STATE)
    assert telnyx_gather.decode_client_state(cmd.to_params()["client_state"]) == {
        "flow": "ivr",
        "step": 2,
    }
