"""`gather_using_ai`: a voice assistant collects structured answers from the caller."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Annotated, ClassVar, cast

from pydantic import BaseModel, BeforeValidator, Field, JsonValue

from .._ai_schema import ai_gather_schema
from .._base import Command
from .._fields import ListOf, SpeechText
from ..options.assistant import (
    Assistant,
    AssistantDict,
    GoogleTranscriptionLanguage,
    InterruptionSettings,
    InterruptionSettingsDict,
    TranscriptionConfig,
    TranscriptionConfigDict,
)
from ..options.messages import HistoryMessage, HistoryMessageDict
from ..options.voice import AssistantVoiceSettings, AssistantVoiceSettingsDict

__all__ = ["GatherUsingAI"]


def _schema_of_model(value: object) -> object:
    if isinstance(value, type):
        return ai_gather_schema(cast("type[BaseModel]", value))
    return value


ParametersSchema = Annotated[dict[str, JsonValue], BeforeValidator(_schema_of_model)]
"""A JSON Schema object; a Pydantic model class is turned into one."""


class GatherUsingAI(Command):
    """Let a voice assistant gather `parameters`; ends with `call.ai_gather.ended`.

    Attributes:
        parameters: A JSON Schema object describing what to gather. Pass a
            Pydantic model class to have its schema built by
            `ai_gather_schema`, and read the answer back with
            `CallAIGatherEnded.payload.result_as(model)`.
        assistant: The model, instructions and tools.
        transcription: Speech-to-text settings.
        language: The caller's language for speech recognition.
        voice: `<Provider>.<Model>.<VoiceId>` (Telnyx default
            `Telnyx.KokoroTTS.af`).
        voice_settings: Provider settings, discriminated on `type`.
        greeting: Spoken first, at most 3,000 characters.
        send_partial_results: Also send `call.ai_gather.partial_results`.
        send_message_history_updates: Also send
            `call.ai_gather.message_history_updated`.
        message_history: Earlier turns the assistant should know about.
        client_state: Base64 state echoed in every later webhook.
        command_id: Telnyx ignores a repeated `command_id` on the same call.
        interruption_settings: Whether the caller can interrupt.
        user_response_timeout_ms: Milliseconds to wait for the caller, 0 or
            more (default 10000).
        gather_ended_speech: Spoken when gathering ends, at most 3,000 characters.
    """

    action: ClassVar[str] = "gather_using_ai"
    method: ClassVar[str] = "gather_using_ai"

    parameters: ParametersSchema
    assistant: Assistant | None = None
    transcription: TranscriptionConfig | None = None
    language: GoogleTranscriptionLanguage | None = None
    voice: str | None = None
    voice_settings: AssistantVoiceSettings | None = None
    greeting: SpeechText | None = None
    send_partial_results: bool | None = None
    send_message_history_updates: bool | None = None
    message_history: ListOf[HistoryMessage] | None = None
    interruption_settings: InterruptionSettings | None = None
    user_response_timeout_ms: Annotated[int, Field(ge=0)] | None = None
    gather_ended_speech: SpeechText | None = None

    if TYPE_CHECKING:

        def __init__(
            self,
            *,
            parameters: dict[str, JsonValue] | type[BaseModel],
            assistant: Assistant | AssistantDict | None = None,
            transcription: TranscriptionConfig | TranscriptionConfigDict | None = None,
            language: GoogleTranscriptionLanguage | None = None,
            voice: str | None = None,
            voice_settings: AssistantVoiceSettings | AssistantVoiceSettingsDict | None = None,
            greeting: str | None = None,
            send_partial_results: bool | None = None,
            send_message_history_updates: bool | None = None,
            message_history: Sequence[HistoryMessage | HistoryMessageDict] | None = None,
            client_state: str | None = None,
            command_id: str | None = None,
            interruption_settings: InterruptionSettings | InterruptionSettingsDict | None = None,
            user_response_timeout_ms: int | None = None,
            gather_ended_speech: str | None = None,
        ) -> None: ...
