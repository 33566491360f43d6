"""Bad input raises InvalidCommandError at construction, naming the field and the rule."""

from __future__ import annotations

from typing import Any

import pytest

from telnyx_gather import InvalidCommandError
from telnyx_gather.commands import (
    AddAIAssistantMessages,
    Answer,
    AzureVoiceSettings,
    Command,
    Gather,
    GatherUsingAI,
    GatherUsingAudio,
    GatherUsingSpeak,
    Hangup,
    StartAIAssistant,
    StopAIAssistant,
    StopGather,
    TelnyxVoiceSettings,
    WebhookToolParams,
)

SPEAK = {"payload": "Enter your PIN", "voice": "Telnyx.KokoroTTS.af"}
AUDIO = {"audio_url": "https://media.example.com/menu.wav"}
AI = {"parameters": {"type": "object"}}
HOOK = {"name": "lookup", "description": "Look up", "url": "https://api.example.com/x"}


def _tool(webhook: dict[str, Any]) -> dict[str, Any]:
    return {"assistant": {"tools": [{"type": "webhook", "webhook": webhook}]}}


# (id, builder, kwargs, what the message must say)
BAD: list[tuple[str, type[Any], dict[str, Any], str]] = [
    # bounds
    (
        "min-digits-zero",
        Gather,
        {"minimum_digits": 0},
        "minimum_digits: Input should be greater than or equal to 1",
    ),
    (
        "max-digits-129",
        Gather,
        {"maximum_digits": 129},
        "maximum_digits: Input should be less than or equal to 128",
    ),
    (
        "speak-max-digits-500",
        GatherUsingSpeak,
        {**SPEAK, "maximum_digits": 500},
        "maximum_digits: Input should be less than",
    ),
    (
        "int32-overflow",
        Gather,
        {"timeout_millis": 2**31},
        "timeout_millis: Input should be less than or equal to 2147483647",
    ),
    (
        "int32-underflow",
        GatherUsingAudio,
        {**AUDIO, "maximum_tries": -(2**31) - 1},
        "maximum_tries: Input should be greater than",
    ),
    (
        "gather-id-empty",
        Gather,
        {"gather_id": ""},
        "gather_id: String should have at least 1 character",
    ),
    (
        "gather-id-41",
        Gather,
        {"gather_id": "g" * 41},
        "gather_id: String should have at most 40 characters",
    ),
    (
        "payload-3001",
        GatherUsingSpeak,
        {**SPEAK, "payload": "x" * 3001},
        "payload: String should have at most 3000 characters",
    ),
    (
        "invalid-payload-3001",
        GatherUsingSpeak,
        {**SPEAK, "invalid_payload": "x" * 3001},
        "invalid_payload: String should have at most 3000",
    ),
    (
        "greeting-3001",
        GatherUsingAI,
        {**AI, "greeting": "x" * 3001},
        "greeting: String should have at most 3000",
    ),
    (
        "start-greeting-3001",
        StartAIAssistant,
        {"greeting": "x" * 3001},
        "greeting: String should have at most 3000",
    ),
    (
        "gather-ended-speech-3001",
        GatherUsingAI,
        {**AI, "gather_ended_speech": "x" * 3001},
        "gather_ended_speech: String should have at most 3000",
    ),
    (
        "telnyx-voice-speed",
        GatherUsingSpeak,
        {**SPEAK, "voice_settings": {"type": "telnyx", "voice_speed": 2.5}},
        "voice_settings.telnyx.voice_speed: Input should be less than or equal to 2",
    ),
    (
        "float32-overflow",
        GatherUsingSpeak,
        {**SPEAK, "voice_settings": {"type": "rime", "voice_speed": 1e39}},
        "voice_settings.rime.voice_speed: Input should be less than",
    ),
    (
        "nan",
        GatherUsingSpeak,
        {**SPEAK, "voice_settings": {"type": "minimax", "speed": float("nan")}},
        "voice_settings.minimax.speed: Input should be a finite number",
    ),
    # timeouts, durations and counts: never negative; at least 1 where 0 means nothing
    (
        "timeout-negative",
        Gather,
        {"timeout_millis": -1},
        "timeout_millis: Input should be greater than or equal to 0",
    ),
    (
        "inter-digit-timeout-negative",
        GatherUsingSpeak,
        {**SPEAK, "inter_digit_timeout_millis": -1},
        "inter_digit_timeout_millis: Input should be greater than or equal to 0",
    ),
    (
        "initial-timeout-negative",
        Gather,
        {"initial_timeout_millis": -5000},
        "initial_timeout_millis: Input should be greater than or equal to 0",
    ),
    (
        "audio-timeout-negative",
        GatherUsingAudio,
        {**AUDIO, "timeout_millis": -60000},
        "timeout_millis: Input should be greater than or equal to 0",
    ),
    (
        "maximum-tries-zero",
        GatherUsingAudio,
        {**AUDIO, "maximum_tries": 0},
        "maximum_tries: Input should be greater than or equal to 1",
    ),
    (
        "speak-maximum-tries-negative",
        GatherUsingSpeak,
        {**SPEAK, "maximum_tries": -3},
        "maximum_tries: Input should be greater than or equal to 1",
    ),
    (
        "user-response-timeout-negative",
        GatherUsingAI,
        {**AI, "user_response_timeout_ms": -1},
        "user_response_timeout_ms: Input should be greater than or equal to 0",
    ),
    (
        "retrieval-zero-results",
        GatherUsingAI,
        {
            **AI,
            "assistant": {
                "tools": [
                    {"type": "retrieval", "retrieval": {"bucket_ids": ["b"], "max_num_results": 0}}
                ]
            },
        },
        "assistant.tools.0.retrieval.retrieval.max_num_results: Input should be greater than or equal to 1",
    ),
    (
        "minimax-speed-zero",
        GatherUsingSpeak,
        {**SPEAK, "voice_settings": {"type": "minimax", "speed": 0.0}},
        "voice_settings.minimax.speed: Input should be greater than 0",
    ),
    (
        "minimax-vol-negative",
        GatherUsingSpeak,
        {**SPEAK, "voice_settings": {"type": "minimax", "vol": -0.5}},
        "voice_settings.minimax.vol: Input should be greater than or equal to 0",
    ),
    (
        "rime-speed-negative",
        StartAIAssistant,
        {"voice_settings": {"type": "rime", "voice_speed": -1.0}},
        "voice_settings.rime.voice_speed: Input should be greater than 0",
    ),
    # types (strict: no coercion)
    (
        "digits-as-string",
        Gather,
        {"maximum_digits": "10"},
        "maximum_digits: Input should be a valid integer",
    ),
    (
        "bool-as-int",
        Gather,
        {"timeout_millis": True},
        "timeout_millis: Input should be a valid integer",
    ),
    (
        "parameters-not-object",
        GatherUsingAI,
        {"parameters": ["age"]},
        "parameters: Input should be a valid dictionary",
    ),
    ("missing-required", GatherUsingSpeak, {"payload": "hi"}, "voice: Field required"),
    # enums
    (
        "payload-type",
        GatherUsingSpeak,
        {**SPEAK, "payload_type": "bad"},
        "payload_type: Input should be 'text' or 'ssml'",
    ),
    (
        "service-level",
        GatherUsingSpeak,
        {**SPEAK, "service_level": "gold"},
        "service_level: Input should be 'basic' or 'premium'",
    ),
    (
        "speak-language",
        GatherUsingSpeak,
        {**SPEAK, "language": "en"},
        "language: Input should be 'arb'",
    ),
    ("ai-language", GatherUsingAI, {**AI, "language": "en-US"}, "language: Input should be 'af'"),
    (
        "webhook-method",
        GatherUsingAI,
        _tool({**HOOK, "method": "HEAD"}),
        "assistant.tools.0.webhook.webhook.method: Input should be 'GET'",
    ),
    (
        "resemble-sample-rate-int",
        GatherUsingSpeak,
        {**SPEAK, "voice_settings": {"type": "resemble", "sample_rate": 8000}},
        "voice_settings.resemble.sample_rate: Input should be '8000'",
    ),
    (
        "history-role",
        GatherUsingAI,
        {**AI, "message_history": [{"role": "system", "content": "x"}]},
        "message_history.0.role: Input should be 'assistant' or 'user'",
    ),
    # cross-field rules
    (
        "min-above-max",
        Gather,
        {"minimum_digits": 5, "maximum_digits": 4},
        "minimum_digits, maximum_digits: minimum must be <= maximum",
    ),
    (
        "audio-both",
        GatherUsingAudio,
        {**AUDIO, "media_name": "menu"},
        "audio_url, media_name: set exactly one of them",
    ),
    ("audio-neither", GatherUsingAudio, {}, "audio_url, media_name: set exactly one of them"),
    (
        "invalid-audio-both",
        GatherUsingAudio,
        {**AUDIO, "invalid_audio_url": "https://m.example.com/i.wav", "invalid_media_name": "i"},
        "invalid_audio_url, invalid_media_name: cannot be used together",
    ),
    (
        "audio-url-not-http",
        GatherUsingAudio,
        {"audio_url": "file:///etc/passwd"},
        "audio_url: must be an absolute http:// or https:// URL",
    ),
    (
        "audio-url-relative",
        GatherUsingAudio,
        {"audio_url": "/menu.wav"},
        "audio_url: must be an absolute http:// or https:// URL",
    ),
    (
        "basic-not-en-us",
        GatherUsingSpeak,
        {**SPEAK, "service_level": "basic", "language": "fr-FR"},
        'language: service_level="basic" allows only "en-US"',
    ),
    (
        "basic-ssml",
        GatherUsingSpeak,
        {**SPEAK, "service_level": "basic", "payload_type": "ssml"},
        'payload_type: service_level="basic" allows only "text"',
    ),
    (
        "azure-key-without-region",
        GatherUsingSpeak,
        {**SPEAK, "voice_settings": {"type": "azure", "api_key_ref": "k"}},
        "voice_settings.azure: region: required when api_key_ref",
    ),
    (
        "webhook-url-placeholder",
        GatherUsingAI,
        _tool({**HOOK, "url": "https://api.example.com/c/{id}"}),
        "assistant.tools.0.webhook.webhook: url: every {placeholder} must be declared",
    ),
    (
        "assistant-message-empty",
        AddAIAssistantMessages,
        {"messages": [{"role": "assistant", "tool_calls": []}]},
        "messages.0.assistant: content: required unless tool_calls",
    ),
    # DTMF character set
    (
        "valid-digits-letter",
        Gather,
        {"valid_digits": "123E"},
        "valid_digits: must use only the DTMF characters 0-9, *, #, A-D",
    ),
    (
        "valid-digits-lowercase",
        GatherUsingAudio,
        {**AUDIO, "valid_digits": "12a"},
        "valid_digits: must use only the DTMF characters",
    ),
    (
        "valid-digits-empty",
        GatherUsingSpeak,
        {**SPEAK, "valid_digits": ""},
        "valid_digits: must use only the DTMF characters",
    ),
    (
        "terminating-two",
        Gather,
        {"terminating_digit": "##"},
        "terminating_digit: must be exactly one DTMF character",
    ),
    (
        "terminating-space",
        GatherUsingSpeak,
        {**SPEAK, "terminating_digit": " "},
        "terminating_digit: must be exactly one DTMF character",
    ),
    (
        "terminating-newline",
        Gather,
        {"terminating_digit": "#\n"},
        "terminating_digit: must be exactly one DTMF character",
    ),
    # client_state must be base64
    (
        "client-state-plain",
        StopGather,
        {"client_state": "hello world"},
        "client_state: must be valid standard base64",
    ),
    (
        "client-state-urlsafe",
        StopAIAssistant,
        {"client_state": "a-_b"},
        "client_state: must be valid standard base64",
    ),
    (
        "client-state-unpadded",
        Gather,
        {"client_state": "aGk"},
        "client_state: must be valid standard base64",
    ),
    (
        "client-state-bytes",
        StopGather,
        {"client_state": b"aGk="},
        "client_state: Input should be a valid string",
    ),
    # unknown fields
    ("unknown-top-level", Gather, {"max_digits": 4}, "max_digits: Extra inputs are not permitted"),
    (
        "unknown-nested",
        GatherUsingAI,
        {**AI, "assistant": {"modle": "x"}},
        "assistant.modle: Extra inputs are not permitted",
    ),
    (
        "unknown-in-voice-settings",
        StartAIAssistant,
        {"voice_settings": {"type": "aws", "voice": "Joanna"}},
        "voice_settings.aws.voice: Extra inputs are not permitted",
    ),
    # bad nested objects
    (
        "bad-tag",
        GatherUsingSpeak,
        {**SPEAK, "voice_settings": {"type": "polly"}},
        "voice_settings: tag 'polly' found using 'type' does not match any of the expected tags",
    ),
    (
        "minimax-not-for-ai",
        GatherUsingAI,
        {**AI, "voice_settings": {"type": "minimax"}},
        "voice_settings: tag 'minimax'",
    ),
    (
        "missing-tag",
        StartAIAssistant,
        {"voice_settings": {"voice_speed": 1.0}},
        "voice_settings: Unable to extract tag using discriminator 'type'",
    ),
    (
        "bad-role",
        AddAIAssistantMessages,
        {"messages": [{"role": "bot", "content": "x"}]},
        "messages.0: tag 'bot' found using 'role'",
    ),
    (
        "message-missing-content",
        AddAIAssistantMessages,
        {"messages": [{"role": "user"}]},
        "messages.0.user.content: Field required",
    ),
    (
        "tool-call-missing-function",
        AddAIAssistantMessages,
        {"messages": [{"role": "assistant", "tool_calls": [{"id": "c1"}]}]},
        "messages.0.assistant.tool_calls.0.function: Field required",
    ),
    (
        "tool-missing-params",
        GatherUsingAI,
        {**AI, "assistant": {"tools": [{"type": "hangup"}]}},
        "assistant.tools.0.hangup.hangup: Field required",
    ),
    (
        "transfer-missing-from",
        GatherUsingAI,
        {**AI, "assistant": {"tools": [{"type": "transfer", "transfer": {"targets": []}}]}},
        "assistant.tools.0.transfer.transfer.from: Field required",
    ),
    (
        "nested-not-a-dict",
        GatherUsingAI,
        {**AI, "transcription": "google"},
        "transcription: Input should be a valid dictionary or instance of TranscriptionConfig",
    ),
    (
        "nested-wrong-model",
        StartAIAssistant,
        {"interruption_settings": TelnyxVoiceSettings()},
        "interruption_settings: Input should be a valid dictionary or instance of InterruptionSettings",
    ),
    (
        "nested-list-not-list",
        AddAIAssistantMessages,
        {"messages": {"role": "user", "content": "x"}},
        "messages: Input should be a valid list",
    ),
    # answer and hangup
    ("answer-unknown-field", Answer, {"record_secs": 5}, "record_secs: Extra inputs are not"),
    (
        "answer-record-enum",
        Answer,
        {"record": "record-from-ringing"},
        "record: Input should be 'record-from-answer'",
    ),
    (
        "answer-record-max-length-over",
        Answer,
        {"record_max_length": 43201},
        "record_max_length: Input should be less than or equal to 43200",
    ),
    (
        "answer-record-max-length-negative",
        Answer,
        {"record_max_length": -1},
        "record_max_length: Input should be greater than or equal to 0",
    ),
    (
        "answer-record-timeout-negative",
        Answer,
        {"record_timeout_secs": -5},
        "record_timeout_secs: Input should be greater than or equal to 0",
    ),
    (
        "answer-deepfake-needs-enabled",
        Answer,
        {"deepfake_detection": {"timeout": 5}},
        "deepfake_detection.enabled: Field required",
    ),
    (
        "answer-deepfake-timeout-negative",
        Answer,
        {"deepfake_detection": {"enabled": True, "rtp_timeout": -1}},
        "deepfake_detection.rtp_timeout: Input should be greater than or equal to 0",
    ),
    (
        "answer-sip-header-name",
        Answer,
        {"sip_headers": [{"name": "X-Custom", "value": "1"}]},
        "sip_headers.0.name: Input should be 'User-to-User'",
    ),
    (
        "answer-custom-header-missing-value",
        Answer,
        {"custom_headers": [{"name": "X-A"}]},
        "custom_headers.0.value: Field required",
    ),
    (
        "answer-octaves",
        Answer,
        {"sound_modifications": {"octaves": 1.5}},
        "sound_modifications.octaves: Input should be less than or equal to 1",
    ),
    (
        "answer-semitone",
        Answer,
        {"sound_modifications": {"semitone": -15}},
        "sound_modifications.semitone: Input should be greater than or equal to -14",
    ),
    (
        "answer-pitch-zero",
        Answer,
        {"sound_modifications": {"pitch": 0}},
        "sound_modifications.pitch: Input should be greater than 0",
    ),
    (
        "answer-sound-track",
        Answer,
        {"sound_modifications": {"track": "both"}},
        "sound_modifications.track: Input should be 'inbound' or 'outbound'",
    ),
    (
        "answer-stream-url-http",
        Answer,
        {"stream_url": "https://example.com/ws"},
        "stream_url: must be an absolute ws:// or wss:// URL",
    ),
    (
        "answer-stream-codec",
        Answer,
        {"stream_bidirectional_codec": "default"},
        "stream_bidirectional_codec: Input should be 'PCMU'",
    ),
    (
        "answer-webhook-url",
        Answer,
        {"webhook_url": "example.com/hook"},
        "webhook_url: must be an absolute http:// or https:// URL",
    ),
    (
        "answer-webhook-urls-not-list",
        Answer,
        {"webhook_urls": {"call.hangup": "https://example.com/h"}},
        "webhook_urls.'call.hangup': Input should be a valid list",
    ),
    (
        "answer-retries-too-many",
        Answer,
        {"webhook_retries_policies": {"call.answered": {"retries_ms": [1, 2, 3, 4, 5, 6]}}},
        "webhook_retries_policies.'call.answered'.retries_ms: Value should have at most 5 items",
    ),
    (
        "answer-retries-over-a-minute",
        Answer,
        {"webhook_retries_policies": {"call.answered": {"retries_ms": [30000, 30001]}}},
        "webhook_retries_policies.'call.answered': retries_ms: the delays must add up to at most",
    ),
    (
        "answer-retry-negative",
        Answer,
        {"webhook_retries_policies": {"call.answered": {"retries_ms": [-1]}}},
        "retries_ms.0: Input should be greater than or equal to 0",
    ),
    (
        "answer-assistant-without-id",
        Answer,
        {"assistant": {"instructions": "Be brief."}},
        "assistant.id: Field required",
    ),
    (
        "answer-relay-without-url",
        Answer,
        {"conversation_relay_config": {"greeting": "Hi"}},
        "conversation_relay_config: url: required, a string",
    ),
    ("hangup-reason-quote", Hangup, {"reason": 'say "hi"'}, "reason: must not contain"),
    ("hangup-reason-backslash", Hangup, {"reason": "a\\b"}, "reason: must not contain"),
    ("hangup-reason-newline", Hangup, {"reason": "a\nb"}, "reason: must not contain"),
    ("hangup-reason-c1", Hangup, {"reason": "a\x85b"}, "reason: must not contain"),
    (
        "hangup-reason-emoji",
        Hangup,
        {"reason": "bye \U0001f44b"},
        "reason: must not contain characters outside the Basic Multilingual Plane",
    ),
    (
        "hangup-header-not-list",
        Hangup,
        {"custom_headers": {"name": "X", "value": "y"}},
        "custom_headers: Input should be a valid list",
    ),
    (
        "metadata-not-json",
        AddAIAssistantMessages,
        {"messages": [{"role": "user", "content": "x", "metadata": {"at": object()}}]},
        "messages.0.user.metadata.at",
    ),
]


@pytest.mark.parametrize(
    ("cls", "kwargs", "expected"), [b[1:] for b in BAD], ids=[b[0] for b in BAD]
)
def test_bad_construction_names_field_and_rule(
    cls: type[Command], kwargs: dict[str, Any], expected: str
) -> None:
    with pytest.raises(InvalidCommandError) as info:
        cls(**kwargs)
    assert str(info.value).startswith(f"{cls.__name__}: ")
    assert expected in str(info.value)
    assert isinstance(info.value, ValueError)


def test_the_table_is_broad() -> None:
    assert len(BAD) >= 30
    assert {b[1] for b in BAD} >= {
        Gather,
        GatherUsingAudio,
        GatherUsingSpeak,
        GatherUsingAI,
        StartAIAssistant,
        AddAIAssistantMessages,
        Answer,
        Hangup,
    }


@pytest.mark.parametrize(
    ("cls", "kwargs", "expected"), [b[1:] for b in BAD], ids=[b[0] for b in BAD]
)
def test_model_validate_fails_the_same_way(
    cls: type[Command], kwargs: dict[str, Any], expected: str
) -> None:
    with pytest.raises(InvalidCommandError, match="^" + cls.__name__):
        cls.model_validate(kwargs)


def test_nested_models_raise_the_same_error_when_built_directly() -> None:
    with pytest.raises(
        InvalidCommandError, match=r"^AzureVoiceSettings: region: required when api_key_ref"
    ):
        AzureVoiceSettings(api_key_ref="k")
    with pytest.raises(
        InvalidCommandError, match=r"^WebhookToolParams: url: every \{placeholder\}"
    ):
        WebhookToolParams(**{**HOOK, "url": "https://x.example/{id}"})


def test_several_errors_are_all_reported() -> None:
    with pytest.raises(InvalidCommandError) as info:
        Gather(minimum_digits=0, valid_digits="x", gather_id="")
    for name in ("minimum_digits", "valid_digits", "gather_id"):
        assert name in str(info.value)


def test_messages_never_echo_raw_input() -> None:
    hostile = "\x1b[31mred\nInjected: line" + "x" * 200
    cases: list[tuple[type[Command], dict[str, Any]]] = [
        (GatherUsingSpeak, {**SPEAK, "voice_settings": {"type": hostile}}),
        (Gather, {hostile: 1}),
        (Gather, {"valid_digits": hostile}),
        (StopGather, {"client_state": hostile}),
        (GatherUsingAudio, {"audio_url": hostile}),
        (Hangup, {"reason": hostile + '"'}),
        (Answer, {"webhook_urls": {hostile: [hostile]}}),
    ]
    for cls, kwargs in cases:
        with pytest.raises(InvalidCommandError) as info:
            cls(**kwargs)
        message = str(info.value)
        assert "\x1b" not in message
        assert "\n" not in message
        assert "x" * 100 not in message


# The smallest value each rule allows still builds: the rules are never stricter than that.
BOUNDARIES: list[tuple[type[Command], dict[str, Any]]] = [
    (Gather, {"timeout_millis": 0, "inter_digit_timeout_millis": 0, "initial_timeout_millis": 0}),
    (GatherUsingAudio, {**AUDIO, "timeout_millis": 0, "maximum_tries": 1}),
    (GatherUsingSpeak, {**SPEAK, "inter_digit_timeout_millis": 0, "maximum_tries": 1}),
    (GatherUsingAI, {**AI, "user_response_timeout_ms": 0}),
    (GatherUsingSpeak, {**SPEAK, "voice_settings": {"type": "minimax", "speed": 1e-6, "vol": 0}}),
    (StartAIAssistant, {"voice_settings": {"type": "rime", "voice_speed": 1e-6}}),
    (Gather, {"timeout_millis": 2**31 - 1, "initial_timeout_millis": 2**31 - 1}),
]


@pytest.mark.parametrize(("cls", "kwargs"), BOUNDARIES)
def test_boundary_values_build(cls: type[Command], kwargs: dict[str, Any]) -> None:
    assert cls(**kwargs).to_params() == kwargs
