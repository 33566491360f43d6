# pyright: reportUnnecessaryTypeIgnoreComment=true
"""Static checks, run by mypy --strict and pyright strict: command builders and their types.

Nothing here needs to run. Attribute reads are the precise model types, while
constructors take either the typed model or its `...Dict` plain-dict form.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import JsonValue
from typing_extensions import assert_never, assert_type

from telnyx_gather import (
    AddAIAssistantMessages,
    Answer,
    Gather,
    GatherUsingAI,
    GatherUsingAudio,
    GatherUsingSpeak,
    Hangup,
    StartAIAssistant,
    StopAIAssistant,
    StopGather,
)
from telnyx_gather.commands import (
    COMMANDS,
    AIAssistantConfig,
    AnyCommand,
    Assistant,
    AssistantDict,
    AssistantMessage,
    AssistantTool,
    AWSVoiceSettings,
    AzureVoiceSettings,
    BookAppointmentTool,
    CallAssistant,
    CheckAvailabilityTool,
    Command,
    CustomSipHeader,
    DeepfakeDetection,
    DeveloperMessage,
    ElevenLabsVoiceSettings,
    GoogleTranscriptionLanguage,
    HangupTool,
    HistoryMessage,
    InterruptionSettings,
    MessageDict,
    MinimaxLanguageBoost,
    MinimaxVoiceSettings,
    ResembleVoiceSettings,
    RetrievalTool,
    RimeVoiceSettings,
    SoundModifications,
    SpeakLanguage,
    SystemMessage,
    TelnyxVoiceSettings,
    ToolCall,
    ToolMessage,
    TranscriptionConfig,
    TransferTool,
    TransferToolParams,
    UserMessage,
    WebhookRetriesPolicy,
    WebhookTool,
)

VoiceSettingsRead = (
    ElevenLabsVoiceSettings
    | TelnyxVoiceSettings
    | AWSVoiceSettings
    | MinimaxVoiceSettings
    | AzureVoiceSettings
    | RimeVoiceSettings
    | ResembleVoiceSettings
    | None
)
AssistantVoiceSettingsRead = (
    ElevenLabsVoiceSettings
    | TelnyxVoiceSettings
    | AWSVoiceSettings
    | AzureVoiceSettings
    | RimeVoiceSettings
    | ResembleVoiceSettings
    | None
)
ToolRead = (
    BookAppointmentTool
    | CheckAvailabilityTool
    | WebhookTool
    | HangupTool
    | TransferTool
    | RetrievalTool
)
MessageRead = UserMessage | AssistantMessage | ToolMessage | SystemMessage | DeveloperMessage


def actions_and_params(cmd: Command) -> None:
    assert_type(cmd.action, str)
    assert_type(Gather.action, str)
    assert_type(StopGather().action, str)
    assert_type(cmd.to_params(), dict[str, Any])
    assert_type(AddAIAssistantMessages().to_params(), dict[str, Any])


def gather_fields() -> None:
    g = Gather(minimum_digits=1, maximum_digits=4, valid_digits="0123456789", gather_id="pin")
    assert_type(g.minimum_digits, int | None)
    assert_type(g.terminating_digit, str | None)
    assert_type(g.gather_id, str | None)
    assert_type(g.client_state, str | None)
    assert_type(g.command_id, str | None)

    a = GatherUsingAudio(media_name="menu", maximum_tries=2)
    assert_type(a.audio_url, str | None)
    assert_type(a.maximum_tries, int | None)

    s = GatherUsingSpeak(
        payload="Enter your PIN",
        voice="Telnyx.KokoroTTS.af",
        voice_settings={"type": "telnyx", "voice_speed": 1.2},
    )
    assert_type(s.payload, str)
    assert_type(s.voice, str)
    assert_type(s.payload_type, Literal["text", "ssml"] | None)
    assert_type(s.service_level, Literal["basic", "premium"] | None)
    assert_type(s.language, SpeakLanguage | None)
    assert_type(s.voice_settings, VoiceSettingsRead)
    GatherUsingSpeak(payload="Hi", voice="AWS.Polly.Joanna", voice_settings=AWSVoiceSettings())


def voice_settings_narrow_on_type(cmd: GatherUsingSpeak) -> None:
    settings = cmd.voice_settings
    if settings is None:
        return
    if settings.type == "azure":
        assert_type(settings, AzureVoiceSettings)
        assert_type(settings.gender, Literal["Male", "Female"] | None)
    elif settings.type == "telnyx":
        assert_type(settings.voice_speed, float | None)
    elif settings.type == "resemble":
        assert_type(
            settings.sample_rate,
            Literal["8000", "16000", "22050", "32000", "44100", "48000"] | None,
        )
    elif settings.type == "minimax":
        assert_type(settings.language_boost, MinimaxLanguageBoost | None)
    else:
        match settings:
            case ElevenLabsVoiceSettings() | AWSVoiceSettings() | RimeVoiceSettings():
                pass
            case _:
                assert_never(settings)


def gather_using_ai() -> None:
    assistant: AssistantDict = {
        "model": "Qwen/Qwen3-235B-A22B",
        "tools": [
            {"type": "hangup", "hangup": {"description": "Hang up at the end."}},
            {
                "type": "transfer",
                "transfer": {"targets": [{"to": "+13129457420"}], "from": "+35319605860"},
            },
            HangupTool(hangup={}),
        ],
    }
    cmd = GatherUsingAI(
        parameters={"type": "object", "properties": {"age": {"type": "integer"}}},
        assistant=assistant,
        transcription={"model": "google"},
        language="en",
        voice_settings={"type": "elevenlabs", "api_key_ref": "my_key"},
        message_history=(
            {"role": "user", "content": "Hi"},
            HistoryMessage(role="assistant", content="Hello"),
        ),
        interruption_settings=InterruptionSettings(enable=False),
    )
    assert_type(cmd.parameters, dict[str, JsonValue])
    assert_type(cmd.assistant, Assistant | None)
    assert_type(cmd.transcription, TranscriptionConfig | None)
    assert_type(cmd.language, GoogleTranscriptionLanguage | None)
    assert_type(cmd.voice_settings, AssistantVoiceSettingsRead)
    assert_type(cmd.message_history, list[HistoryMessage] | None)
    assert_type(cmd.interruption_settings, InterruptionSettings | None)
    assert_type(cmd.send_partial_results, bool | None)
    assert_type(cmd.user_response_timeout_ms, int | None)
    if cmd.assistant is not None and cmd.assistant.tools:
        tool = cmd.assistant.tools[0]
        assert_type(tool, ToolRead)
        if tool.type == "transfer":
            assert_type(tool.transfer, TransferToolParams)
            assert_type(tool.transfer.from_, str)


def ai_assistant() -> None:
    start = StartAIAssistant(assistant={"id": "assistant-1"}, voice_settings={"type": "aws"})
    assert_type(start.assistant, AIAssistantConfig | None)
    assert_type(start.voice_settings, AssistantVoiceSettingsRead)
    assert_type(StopAIAssistant(command_id="c1").command_id, str | None)

    history: list[MessageDict] = [{"role": "system", "content": "Be brief."}]
    add = AddAIAssistantMessages(
        messages=[
            *history,
            UserMessage(content="Hello"),
            {"role": "assistant", "tool_calls": [{"id": "call_1", "function": {"name": "lookup"}}]},
            {"role": "tool", "content": "{}", "tool_call_id": "call_1"},
        ]
    )
    assert_type(add.messages, list[MessageRead] | None)
    for message in add.messages or []:
        if message.role == "assistant":
            assert_type(message.tool_calls, list[ToolCall] | None)
        elif message.role == "tool":
            assert_type(message.tool_call_id, str)
        else:
            assert_type(message.content, str)


def lifecycle_commands() -> None:
    answer = Answer(
        custom_headers=[CustomSipHeader(name="X-A", value="1"), {"name": "X-B", "value": "2"}],
        sip_headers=[{"name": "User-to-User", "value": "abc"}],
        deepfake_detection={"enabled": True, "timeout": 5},
        sound_modifications=SoundModifications(pitch=1.2),
        webhook_retries_policies={"call.hangup": {"retries_ms": (100, 200)}},
        webhook_urls={"call.hangup": ("https://example.com/h",)},
        assistant={"id": "assistant-1", "dynamic_variables": {"plan": "gold"}},
    )
    assert_type(answer.custom_headers, list[CustomSipHeader] | None)
    assert_type(answer.deepfake_detection, DeepfakeDetection | None)
    assert_type(answer.webhook_retries_policies, dict[str, WebhookRetriesPolicy] | None)
    assert_type(answer.webhook_urls, dict[str, list[str]] | None)
    assert_type(answer.record_max_length, int | None)
    assert_type(answer.assistant, CallAssistant | None)
    if answer.assistant is not None:
        assert_type(answer.assistant.tools, list[AssistantTool] | None)
    assert_type(Hangup(reason="Answered elsewhere").reason, str | None)
    assert_type(COMMANDS["answer"], type[AnyCommand])


def rejected_statically() -> None:
    Answer(record="record-from-ringing")  # type: ignore[arg-type]
    Answer(sip_headers=[{"name": "X-Custom", "value": "1"}])  # type: ignore[list-item]
    Answer(deepfake_detection={"timeout": 5})  # type: ignore[arg-type]
    Answer(assistant={"greeting": "no id"})  # type: ignore[arg-type]
    Hangup(reason=7)  # type: ignore[arg-type]
    GatherUsingSpeak(payload="x", voice="v", voice_settings={"type": "telnyx", "speed": 1.0})  # type: ignore[arg-type]
    GatherUsingSpeak(payload="x", voice="v", voice_settings={"type": "polly"})  # type: ignore[arg-type]
    AddAIAssistantMessages(messages=[{"role": "tool", "content": "no tool_call_id"}])  # type: ignore[list-item]
    Gather(maximum_digits="4")  # type: ignore[arg-type]
    Gather(max_digits=4)  # type: ignore[call-arg]
    StopGather().action = "x"  # type: ignore[misc]
