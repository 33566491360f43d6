"""Assistant, transcription and interruption settings of the AI actions."""

from collections.abc import Sequence
from typing import TYPE_CHECKING, Literal

from typing_extensions import TypedDict

from .._base import StrictModel
from .._fields import ListOf
from .tools import Tool, ToolDict

__all__ = [
    "AIAssistantConfig",
    "AIAssistantConfigDict",
    "Assistant",
    "AssistantDict",
    "GoogleTranscriptionLanguage",
    "InterruptionSettings",
    "InterruptionSettingsDict",
    "TranscriptionConfig",
    "TranscriptionConfigDict",
]


class Assistant(StrictModel):
    """The assistant that runs a `gather_using_ai`: model, instructions and tools.

    Attributes:
        model: The LLM (Telnyx default `Qwen/Qwen3-235B-A22B`).
        instructions: System instructions for this gather.
        openai_api_key_ref: Identifier of the integration secret holding your
            OpenAI key; needed only for OpenAI models.
        tools: The tools the assistant may use.
    """

    model: str | None = None
    instructions: str | None = None
    openai_api_key_ref: str | None = None
    tools: ListOf[Tool] | None = None

    if TYPE_CHECKING:

        def __init__(
            self,
            *,
            model: str | None = None,
            instructions: str | None = None,
            openai_api_key_ref: str | None = None,
            tools: Sequence[Tool | ToolDict] | None = None,
        ) -> None: ...


class AssistantDict(TypedDict, total=False):
    """`Assistant` as a plain dict."""

    model: str
    instructions: str
    openai_api_key_ref: str
    tools: Sequence[Tool | ToolDict]


class AIAssistantConfig(StrictModel):
    """The `assistant` of `ai_assistant_start`: which saved assistant to run.

    Attributes:
        id: The AI assistant's identifier.
        openai_api_key_ref: Reference to your OpenAI key; needed only for
            OpenAI models.
        instructions: Replace the assistant's configured instructions.
    """

    id: str | None = None
    openai_api_key_ref: str | None = None
    instructions: str | None = None


class AIAssistantConfigDict(TypedDict, total=False):
    """`AIAssistantConfig` as a plain dict."""

    id: str
    openai_api_key_ref: str
    instructions: str


class TranscriptionConfig(StrictModel):
    """Speech-to-text settings, used by text-to-text assistant models only.

    Attributes:
        model: The speech-to-text model, such as
            `distil-whisper/distil-large-v2` (Telnyx default, English only),
            `openai/whisper-large-v3-turbo` or `google` (then set `language`).
    """

    model: str | None = None


class TranscriptionConfigDict(TypedDict, total=False):
    """`TranscriptionConfig` as a plain dict."""

    model: str


class InterruptionSettings(StrictModel):
    """Whether the caller can interrupt the assistant while it speaks.

    Attributes:
        enable: Telnyx allows interruptions when it is not set.
    """

    enable: bool | None = None


class InterruptionSettingsDict(TypedDict, total=False):
    """`InterruptionSettings` as a plain dict."""

    enable: bool


GoogleTranscriptionLanguage = Literal[
    "af", "sq", "am", "ar", "hy", "az", "eu", "bn", "bs", "bg", "my", "ca", "yue", "zh", "hr",
    "cs", "da", "nl", "en", "et", "fil", "fi", "fr", "gl", "ka", "de", "el", "gu", "iw", "hi",
    "hu", "is", "id", "it", "ja", "jv", "kn", "kk", "km", "ko", "lo", "lv", "lt", "mk", "ms",
    "ml", "mr", "mn", "ne", "no", "fa", "pl", "pt", "pa", "ro", "ru", "rw", "sr", "si", "sk",
    "sl", "ss", "st", "es", "su", "sw", "sv", "ta", "te", "th", "tn", "tr", "ts", "uk", "ur",
    "uz", "ve", "vi", "xh", "zu",
]  # fmt: skip
"""The `language` of `gather_using_ai`: Google speech recognition languages."""
