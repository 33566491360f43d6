"""Text-to-speech voice settings: one model per provider, discriminated on `type`."""

from typing import Annotated, Literal

from pydantic import Discriminator, Field, model_validator
from typing_extensions import Self

from .._base import StrictModel
from .._fields import Float32

__all__ = [
    "AWSVoiceSettings",
    "AssistantVoiceSettings",
    "AzureVoiceSettings",
    "ElevenLabsVoiceSettings",
    "MinimaxLanguageBoost",
    "MinimaxVoiceSettings",
    "ResembleSampleRate",
    "ResembleVoiceSettings",
    "RimeVoiceSettings",
    "TelnyxVoiceSettings",
    "VoiceSettings",
]


class ElevenLabsVoiceSettings(StrictModel):
    """Settings for an `ElevenLabs.<ModelId>.<VoiceId>` voice.

    Attributes:
        api_key_ref: Identifier of the integration secret holding your
            ElevenLabs API key.
    """

    type: Literal["elevenlabs"] = "elevenlabs"
    api_key_ref: str | None = None


class TelnyxVoiceSettings(StrictModel):
    """Settings for a `Telnyx.<model_id>.<voice_id>` voice.

    Attributes:
        voice_speed: 0.1 to 2.0; Telnyx uses 1.0 when it is not set.
    """

    type: Literal["telnyx"] = "telnyx"
    voice_speed: Annotated[float, Field(ge=0.1, le=2.0)] | None = None


class AWSVoiceSettings(StrictModel):
    """Settings for an `AWS.Polly.<VoiceId>` voice (the spec defines no options)."""

    type: Literal["aws"] = "aws"


class AzureVoiceSettings(StrictModel):
    """Settings for an `Azure.<VoiceId>` voice.

    Attributes:
        api_key_ref: Identifier of the integration secret holding your Azure
            Speech key; `region` is then required.
        region: The Azure Speech region, such as `eastus`.
        deployment_id: Deployment of a custom Azure neural voice.
        effect: Audio effect to apply.
        gender: Voice gender filter.
    """

    type: Literal["azure"] = "azure"
    api_key_ref: str | None = None
    region: str | None = None
    deployment_id: str | None = None
    effect: Literal["eq_car", "eq_telecomhp8k"] | None = None
    gender: Literal["Male", "Female"] | None = None

    @model_validator(mode="after")
    def _region_with_key(self) -> Self:
        if self.api_key_ref is not None and self.region is None:
            raise ValueError("region: required when api_key_ref (a custom Azure key) is set")
        return self


MinimaxLanguageBoost = Literal[
    "auto", "Chinese", "Chinese,Yue", "English", "Arabic", "Russian", "Spanish", "French",
    "Portuguese", "German", "Turkish", "Dutch", "Ukrainian", "Vietnamese", "Indonesian",
    "Japanese", "Italian", "Korean", "Thai", "Polish", "Romanian", "Greek", "Czech", "Finnish",
    "Hindi", "Bulgarian", "Danish", "Hebrew", "Malay", "Persian", "Slovak", "Swedish",
    "Croatian", "Filipino", "Hungarian", "Norwegian", "Slovenian", "Catalan", "Nynorsk",
    "Tamil", "Afrikaans",
]  # fmt: skip
"""Languages Minimax TTS can boost; `auto` detects the language."""


class MinimaxVoiceSettings(StrictModel):
    """Settings for a `Minimax.<ModelId>.<VoiceId>` voice (`gather_using_speak` only).

    Attributes:
        speed: Speech speed multiplier, above 0 (Telnyx default 1.0).
        vol: Speech volume multiplier, 0 or more (Telnyx default 1.0).
        pitch: Pitch adjustment (Telnyx default 0).
        language_boost: Language to boost; leave unset for no boost (the
            spec's `null` default, so `None` is not sent).
    """

    type: Literal["minimax"] = "minimax"
    speed: Annotated[Float32, Field(gt=0)] | None = None
    vol: Annotated[Float32, Field(ge=0)] | None = None
    pitch: int | None = None
    language_boost: MinimaxLanguageBoost | None = None


class RimeVoiceSettings(StrictModel):
    """Settings for a `Rime.<model_id>.<voice_id>` voice.

    Attributes:
        voice_speed: Speech speed multiplier, above 0 (Telnyx default 1.0).
    """

    type: Literal["rime"] = "rime"
    voice_speed: Annotated[Float32, Field(gt=0)] | None = None


ResembleSampleRate = Literal["8000", "16000", "22050", "32000", "44100", "48000"]
"""Resemble output sample rates in Hz, as strings (the spec's enum)."""


class ResembleVoiceSettings(StrictModel):
    """Settings for a `Resemble.Turbo.<voice_id>` voice.

    Attributes:
        precision: Audio precision (Telnyx default `PCM_32`).
        sample_rate: Sample rate in Hz (Telnyx default `"48000"`).
        format: Output format (Telnyx default `mp3`).
    """

    type: Literal["resemble"] = "resemble"
    precision: Literal["PCM_16", "PCM_24", "PCM_32", "MULAW"] | None = None
    sample_rate: ResembleSampleRate | None = None
    format: Literal["wav", "mp3"] | None = None


VoiceSettings = Annotated[
    ElevenLabsVoiceSettings
    | TelnyxVoiceSettings
    | AWSVoiceSettings
    | MinimaxVoiceSettings
    | AzureVoiceSettings
    | RimeVoiceSettings
    | ResembleVoiceSettings,
    Discriminator("type"),
]
"""`voice_settings` of `gather_using_speak`: any provider, Minimax included."""


AssistantVoiceSettings = Annotated[
    ElevenLabsVoiceSettings
    | TelnyxVoiceSettings
    | AWSVoiceSettings
    | AzureVoiceSettings
    | RimeVoiceSettings
    | ResembleVoiceSettings,
    Discriminator("type"),
]
"""`voice_settings` of the AI actions: the spec offers every provider except Minimax."""
