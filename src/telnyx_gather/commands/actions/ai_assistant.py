"""`ai_assistant_start`, `ai_assistant_stop` and `ai_assistant_add_messages`."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, ClassVar

from .._base import Command
from .._fields import ListOf, SpeechText
from ..options.assistant import (
    AIAssistantConfig,
    AIAssistantConfigDict,
    InterruptionSettings,
    InterruptionSettingsDict,
    TranscriptionConfig,
    TranscriptionConfigDict,
)
from ..options.messages import Message, MessageDict
from ..options.voice import AssistantVoiceSettings, AssistantVoiceSettingsDict

__all__ = ["AddAIAssistantMessages", "StartAIAssistant", "StopAIAssistant"]


class StartAIAssistant(Command):
    """Start an AI assistant on the call; ends with `call.conversation.ended`.

    Attributes:
        assistant: Which assistant to run, and optional instruction overrides.
        voice: `<Provider>.<Model>.<VoiceId>` (Telnyx default
            `Telnyx.KokoroTTS.af`).
        voice_settings: Provider settings, discriminated on `type`.
        greeting: Spoken first, at most 3,000 characters.
        interruption_settings: Whether the caller can interrupt.
        transcription: Speech-to-text settings.
        client_state: Base64 state echoed in every later webhook.
        command_id: Telnyx ignores a repeated `command_id` on the same call.
    """

    action: ClassVar[str] = "ai_assistant_start"
    method: ClassVar[str] = "start_ai_assistant"

    assistant: AIAssistantConfig | None = None
    voice: str | None = None
    voice_settings: AssistantVoiceSettings | None = None
    greeting: SpeechText | None = None
    interruption_settings: InterruptionSettings | None = None
    transcription: TranscriptionConfig | None = None

    if TYPE_CHECKING:

        def __init__(
            self,
            *,
            assistant: AIAssistantConfig | AIAssistantConfigDict | None = None,
            voice: str | None = None,
            voice_settings: AssistantVoiceSettings | AssistantVoiceSettingsDict | None = None,
            greeting: str | None = None,
            interruption_settings: InterruptionSettings | InterruptionSettingsDict | None = None,
            transcription: TranscriptionConfig | TranscriptionConfigDict | None = None,
            client_state: str | None = None,
            command_id: str | None = None,
        ) -> None: ...


class StopAIAssistant(Command):
    """Stop the AI assistant running on the call.

    Attributes:
        client_state: Base64 state echoed in every later webhook.
        command_id: Telnyx ignores a repeated `command_id` on the same call.
    """

    action: ClassVar[str] = "ai_assistant_stop"
    method: ClassVar[str] = "stop_ai_assistant"


class AddAIAssistantMessages(Command):
    """Add messages to the running AI assistant's conversation.

    Attributes:
        messages: The messages, each discriminated on `role`.
        client_state: Base64 state echoed in every later webhook.
        command_id: Telnyx ignores a repeated `command_id` on the same call.
    """

    action: ClassVar[str] = "ai_assistant_add_messages"
    method: ClassVar[str] = "add_ai_assistant_messages"

    messages: ListOf[Message] | None = None

    if TYPE_CHECKING:

        def __init__(
            self,
            *,
            client_state: str | None = None,
            command_id: str | None = None,
            messages: Sequence[Message | MessageDict] | None = None,
        ) -> None: ...
