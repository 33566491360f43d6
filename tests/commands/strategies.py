"""Hypothesis strategies that build valid commands, nested objects as models or plain dicts."""

from __future__ import annotations

import string
from base64 import b64encode
from collections.abc import Callable
from typing import Any, TypeVar

from hypothesis import strategies as st
from pydantic import BaseModel

from telnyx_gather import encode_client_state
from telnyx_gather.commands import (
    AddAIAssistantMessages,
    AIAssistantConfig,
    Assistant,
    AssistantMessage,
    AWSVoiceSettings,
    AzureVoiceSettings,
    BookAppointmentTool,
    BookAppointmentToolParams,
    BucketIds,
    CheckAvailabilityTool,
    CheckAvailabilityToolParams,
    Command,
    DeveloperMessage,
    ElevenLabsVoiceSettings,
    Gather,
    GatherUsingAI,
    GatherUsingAudio,
    GatherUsingSpeak,
    GoogleTranscriptionLanguage,
    HangupTool,
    HangupToolParams,
    HistoryMessage,
    InterruptionSettings,
    MinimaxLanguageBoost,
    MinimaxVoiceSettings,
    ResembleSampleRate,
    ResembleVoiceSettings,
    RetrievalTool,
    RimeVoiceSettings,
    SpeakLanguage,
    StartAIAssistant,
    StopAIAssistant,
    StopGather,
    SystemMessage,
    TelnyxVoiceSettings,
    ToolCall,
    ToolCallFunction,
    ToolMessage,
    ToolParametersSchema,
    TranscriptionConfig,
    TransferTarget,
    TransferTool,
    TransferToolParams,
    UserMessage,
    WebhookTool,
    WebhookToolHeader,
    WebhookToolParams,
)

M = TypeVar("M", bound=BaseModel)

text = st.text(max_size=12)
speech = st.text(max_size=40) | st.just("x" * 3000)
millis = st.integers(0, 2**31 - 1)
tries = st.integers(1, 2**31 - 1)
positive_float32 = st.floats(min_value=0, exclude_min=True, width=32, allow_infinity=False)
non_negative_float32 = st.floats(min_value=0, width=32, allow_infinity=False)
dtmf_digits = st.text(alphabet="0123456789*#ABCD", min_size=1, max_size=16)
dtmf_digit = st.sampled_from("0123456789*#ABCD")
client_state = st.binary(max_size=24).map(lambda b: b64encode(b).decode()) | st.builds(
    encode_client_state, st.dictionaries(st.text(max_size=5), st.integers(), max_size=2)
)
json_value = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | text,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(text, inner, max_size=3),
    max_leaves=8,
)
json_object = st.dictionaries(text, json_value, max_size=3)
url = st.builds(
    "{}://{}.example/{}".format,
    st.sampled_from(["http", "https"]),
    st.text(alphabet=string.ascii_lowercase, min_size=1, max_size=8),
    st.text(alphabet=string.ascii_letters + string.digits + "-._~/", max_size=12),
)


def literal(alias: Any) -> st.SearchStrategy[str]:
    return st.sampled_from(alias.__args__)


def fields(
    always: dict[str, Any] | None = None, /, **optional: Any
) -> st.SearchStrategy[dict[str, Any]]:
    """Keyword arguments with every required field and any subset of the optional ones."""
    return st.fixed_dictionaries(always or {}, optional=optional)


def nested(
    model: Callable[..., M], kwargs: st.SearchStrategy[dict[str, Any]], **tag: str
) -> st.SearchStrategy[Any]:
    """The typed model or the equivalent plain dict (with its tag, if any)."""
    return kwargs.map(lambda kw: model(**kw)) | kwargs.map(lambda kw: {**tag, **kw})


def command(
    cls: type[Command], kwargs: st.SearchStrategy[dict[str, Any]]
) -> st.SearchStrategy[Command]:
    return kwargs.map(lambda kw: cls(**kw))


common = {"client_state": client_state, "command_id": text}


@st.composite
def digit_range(draw: st.DrawFn) -> dict[str, int]:
    low, high = sorted(draw(st.lists(st.integers(1, 128), min_size=2, max_size=2)))
    return draw(
        st.sampled_from(
            [
                {},
                {"minimum_digits": low},
                {"maximum_digits": high},
                {"minimum_digits": low, "maximum_digits": high},
            ]
        )
    )


def with_digits(**optional: Any) -> st.SearchStrategy[dict[str, Any]]:
    base = fields(
        timeout_millis=millis,
        inter_digit_timeout_millis=millis,
        terminating_digit=dtmf_digit,
        valid_digits=dtmf_digits,
        **common,
        **optional,
    )
    return st.builds(lambda a, b: {**a, **b}, base, digit_range())


gather = command(
    Gather, with_digits(initial_timeout_millis=millis, gather_id=st.text(min_size=1, max_size=40))
)

audio_source = st.sampled_from(["audio_url", "media_name"]).flatmap(
    lambda key: st.fixed_dictionaries({key: url if key == "audio_url" else text})
)
invalid_source = st.sampled_from([None, "invalid_audio_url", "invalid_media_name"]).flatmap(
    lambda key: (
        st.just({})
        if key is None
        else st.fixed_dictionaries({key: url if key == "invalid_audio_url" else text})
    )
)
gather_using_audio = command(
    GatherUsingAudio,
    st.builds(
        lambda a, b, c: {**a, **b, **c},
        with_digits(maximum_tries=tries),
        audio_source,
        invalid_source,
    ),
)

telnyx_voice = nested(TelnyxVoiceSettings, fields(voice_speed=st.floats(0.1, 2.0)), type="telnyx")
assistant_voice_settings = st.one_of(
    nested(ElevenLabsVoiceSettings, fields(api_key_ref=text), type="elevenlabs"),
    telnyx_voice,
    nested(AWSVoiceSettings, fields(), type="aws"),
    nested(
        AzureVoiceSettings,
        fields(
            region=text,
            deployment_id=text,
            effect=st.sampled_from(["eq_car", "eq_telecomhp8k"]),
            gender=st.sampled_from(["Male", "Female"]),
        ).flatmap(
            lambda kw: fields(
                {k: st.just(v) for k, v in kw.items()},
                **({"api_key_ref": text} if "region" in kw else {}),
            )
        ),
        type="azure",
    ),
    nested(RimeVoiceSettings, fields(voice_speed=positive_float32), type="rime"),
    nested(
        ResembleVoiceSettings,
        fields(
            precision=st.sampled_from(["PCM_16", "PCM_24", "PCM_32", "MULAW"]),
            sample_rate=literal(ResembleSampleRate),
            format=st.sampled_from(["wav", "mp3"]),
        ),
        type="resemble",
    ),
)
voice_settings = assistant_voice_settings | nested(
    MinimaxVoiceSettings,
    fields(
        speed=positive_float32,
        vol=non_negative_float32,
        pitch=st.integers(),
        language_boost=literal(MinimaxLanguageBoost),
    ),
    type="minimax",
)


@st.composite
def speak_fields(draw: st.DrawFn) -> dict[str, Any]:
    kwargs = draw(
        with_digits(maximum_tries=tries, invalid_payload=speech, voice_settings=voice_settings)
    )
    kwargs |= {"payload": draw(speech), "voice": draw(text)}
    if draw(st.booleans()):
        kwargs["service_level"] = "basic"
        kwargs |= draw(fields(language=st.just("en-US"), payload_type=st.just("text")))
    else:
        kwargs |= draw(
            fields(
                service_level=st.just("premium"),
                language=literal(SpeakLanguage),
                payload_type=st.sampled_from(["text", "ssml"]),
            )
        )
    return kwargs


gather_using_speak = command(GatherUsingSpeak, speak_fields())

schema_object = nested(
    ToolParametersSchema,
    fields(properties=json_object, required=st.lists(text, max_size=2), type=st.just("object")),
)


@st.composite
def webhook_params(draw: st.DrawFn) -> dict[str, Any]:
    kwargs = draw(
        fields(
            {"name": text, "description": text},
            method=st.sampled_from(["GET", "POST", "PUT", "DELETE", "PATCH"]),
            headers=st.lists(nested(WebhookToolHeader, fields(name=text, value=text)), max_size=2),
            body_parameters=schema_object,
            query_parameters=schema_object,
        )
    )
    if draw(st.booleans()):
        kwargs["url"] = draw(url) + "/{id}"
        kwargs["path_parameters"] = {"type": "object", "properties": {"id": {"type": "string"}}}
    else:
        kwargs["url"] = draw(url)
    return kwargs


cal = fields({"event_type_id": st.integers(), "api_key_ref": text})
tool = st.one_of(
    nested(
        BookAppointmentTool,
        fields(
            {
                "book_appointment": nested(
                    BookAppointmentToolParams,
                    fields(
                        {"event_type_id": st.integers(), "api_key_ref": text},
                        attendee_name=text,
                        attendee_timezone=text,
                    ),
                )
            }
        ),
        type="book_appointment",
    ),
    nested(
        CheckAvailabilityTool,
        fields({"check_availability": nested(CheckAvailabilityToolParams, cal)}),
        type="check_availability",
    ),
    nested(
        WebhookTool,
        fields({"webhook": nested(WebhookToolParams, webhook_params())}),
        type="webhook",
    ),
    nested(
        HangupTool,
        fields({"hangup": nested(HangupToolParams, fields(description=text))}),
        type="hangup",
    ),
    nested(
        TransferTool,
        fields(
            {
                "transfer": fields(
                    {
                        "targets": st.lists(
                            nested(TransferTarget, fields(name=text, to=text)), max_size=2
                        ),
                        "from": text,
                    }
                ).map(lambda kw: TransferToolParams.model_validate(kw))
                | fields(
                    {"targets": st.lists(fields(name=text, to=text), max_size=2), "from": text}
                )
            }
        ),
        type="transfer",
    ),
    nested(
        RetrievalTool,
        fields(
            {
                "retrieval": nested(
                    BucketIds,
                    fields(
                        {"bucket_ids": st.lists(text, max_size=2)},
                        max_num_results=st.integers(min_value=1),
                    ),
                )
            }
        ),
        type="retrieval",
    ),
)
transcription = nested(TranscriptionConfig, fields(model=text))
interruption = nested(InterruptionSettings, fields(enable=st.booleans()))

gather_using_ai = command(
    GatherUsingAI,
    fields(
        {"parameters": json_object},
        assistant=nested(
            Assistant,
            fields(
                model=text,
                instructions=text,
                openai_api_key_ref=text,
                tools=st.lists(tool, max_size=3),
            ),
        ),
        transcription=transcription,
        language=literal(GoogleTranscriptionLanguage),
        voice=text,
        voice_settings=assistant_voice_settings,
        greeting=speech,
        send_partial_results=st.booleans(),
        send_message_history_updates=st.booleans(),
        message_history=st.lists(
            nested(
                HistoryMessage, fields(content=text, role=st.sampled_from(["assistant", "user"]))
            ),
            max_size=3,
        ),
        interruption_settings=interruption,
        user_response_timeout_ms=st.integers(min_value=0),
        gather_ended_speech=speech,
        **common,
    ),
)

start_ai_assistant = command(
    StartAIAssistant,
    fields(
        assistant=nested(
            AIAssistantConfig, fields(id=text, openai_api_key_ref=text, instructions=text)
        ),
        voice=text,
        voice_settings=assistant_voice_settings,
        greeting=speech,
        interruption_settings=interruption,
        transcription=transcription,
        **common,
    ),
)

metadata = {"metadata": json_object}
tool_call = nested(
    ToolCall,
    fields(
        {"id": text, "function": nested(ToolCallFunction, fields({"name": text}))},
        type=st.just("function"),
    ),
)
message = st.one_of(
    nested(UserMessage, fields({"content": text}, **metadata), role="user"),
    nested(
        AssistantMessage,
        fields({"content": text}, tool_calls=st.lists(tool_call, max_size=2), **metadata),
        role="assistant",
    ),
    nested(
        AssistantMessage,
        fields({"tool_calls": st.lists(tool_call, min_size=1, max_size=2)}, **metadata),
        role="assistant",
    ),
    nested(ToolMessage, fields({"content": text, "tool_call_id": text}, **metadata), role="tool"),
    nested(SystemMessage, fields({"content": text}, **metadata), role="system"),
    nested(DeveloperMessage, fields({"content": text}, **metadata), role="developer"),
)

COMMANDS: dict[str, st.SearchStrategy[Command]] = {
    "gather": gather,
    "gather_using_audio": gather_using_audio,
    "gather_using_speak": gather_using_speak,
    "gather_using_ai": gather_using_ai,
    "gather_stop": command(StopGather, fields(**common)),
    "ai_assistant_start": start_ai_assistant,
    "ai_assistant_stop": command(StopAIAssistant, fields(**common)),
    "ai_assistant_add_messages": command(
        AddAIAssistantMessages,
        fields(
            messages=st.lists(message, max_size=4) | st.lists(message, max_size=3).map(tuple),
            **common,
        ),
    ),
}
