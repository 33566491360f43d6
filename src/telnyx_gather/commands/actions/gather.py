"""`gather`, `gather_using_audio` and `gather_using_speak`: collect DTMF digits."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, Literal

from pydantic import model_validator
from typing_extensions import Self

from .._base import Command
from .._fields import (
    DigitCount,
    DtmfDigit,
    DtmfDigits,
    GatherId,
    HttpUrl,
    Millis,
    SpeechText,
    Tries,
)
from ..options.voice import VoiceSettings, VoiceSettingsDict

__all__ = ["Gather", "GatherUsingAudio", "GatherUsingSpeak", "SpeakLanguage"]


class _DigitsCommand(Command):
    """Fields every DTMF gather shares, and the `minimum_digits` <= `maximum_digits` rule."""

    minimum_digits: DigitCount | None = None
    maximum_digits: DigitCount | None = None
    timeout_millis: Millis | None = None
    inter_digit_timeout_millis: Millis | None = None
    terminating_digit: DtmfDigit | None = None
    valid_digits: DtmfDigits | None = None

    @model_validator(mode="after")
    def _digit_range(self) -> Self:
        low, high = self.minimum_digits, self.maximum_digits
        if low is not None and high is not None and low > high:
            raise ValueError("minimum_digits, maximum_digits: minimum must be <= maximum")
        return self


class Gather(_DigitsCommand):
    """Collect DTMF digits without playing a prompt; ends with `call.gather.ended`.

    Attributes:
        minimum_digits: 1 to 128 (Telnyx default 1), at most `maximum_digits`.
        maximum_digits: 1 to 128 (Telnyx default 128).
        timeout_millis: Milliseconds to wait for the whole gather, 0 or more
            (default 60000).
        inter_digit_timeout_millis: Milliseconds to wait between digits, 0 or
            more (default 5000).
        initial_timeout_millis: Milliseconds to wait for the first digit, 0 or
            more (default 5000).
        terminating_digit: One DTMF character that ends input early (default `#`).
        valid_digits: The accepted DTMF characters (default `0123456789#*`).
        gather_id: 1 to 40 characters, echoed in `call.gather.ended`.
        client_state: Base64 state echoed in every later webhook.
        command_id: Telnyx ignores a repeated `command_id` on the same call.
    """

    action: ClassVar[str] = "gather"
    method: ClassVar[str] = "gather"

    initial_timeout_millis: Millis | None = None
    gather_id: GatherId | None = None


class _PromptedDigitsCommand(_DigitsCommand):
    maximum_tries: Tries | None = None


class GatherUsingAudio(_PromptedDigitsCommand):
    """Play an audio file and collect DTMF digits; ends with `call.gather.ended`.

    Set exactly one of `audio_url` and `media_name`, and at most one of
    `invalid_audio_url` and `invalid_media_name`. The DTMF fields, `client_state`
    and `command_id` work as in `Gather`.

    Attributes:
        audio_url: A WAV or MP3 file played at the start of each try.
        media_name: A file uploaded to Telnyx Media Storage, played instead.
        invalid_audio_url: Played when the input is not valid.
        invalid_media_name: Uploaded file played when the input is not valid.
        maximum_tries: How often to play the prompt without input, at least 1
            (default 3).
        timeout_millis: Milliseconds to wait after the prompt ends before
            replaying it, 0 or more (default 60000).
    """

    action: ClassVar[str] = "gather_using_audio"
    method: ClassVar[str] = "gather_using_audio"

    audio_url: HttpUrl | None = None
    media_name: str | None = None
    invalid_audio_url: HttpUrl | None = None
    invalid_media_name: str | None = None

    @model_validator(mode="after")
    def _one_source_each(self) -> Self:
        if (self.audio_url is None) == (self.media_name is None):
            raise ValueError("audio_url, media_name: set exactly one of them")
        if self.invalid_audio_url is not None and self.invalid_media_name is not None:
            raise ValueError(
                "invalid_audio_url, invalid_media_name: cannot be used together; set at most one"
            )
        return self


SpeakLanguage = Literal[
    "arb", "cmn-CN", "cy-GB", "da-DK", "de-DE", "en-AU", "en-GB", "en-GB-WLS", "en-IN",
    "en-US", "es-ES", "es-MX", "es-US", "fr-CA", "fr-FR", "hi-IN", "is-IS", "it-IT", "ja-JP",
    "ko-KR", "nb-NO", "nl-NL", "pl-PL", "pt-BR", "pt-PT", "ro-RO", "ru-RU", "sv-SE", "tr-TR",
]  # fmt: skip
"""The `language` of `gather_using_speak` (ignored for `Polly.*` voices)."""


class GatherUsingSpeak(_PromptedDigitsCommand):
    """Speak text or SSML and collect DTMF digits; ends with `call.gather.ended`.

    The DTMF fields, `maximum_tries`, `timeout_millis`, `client_state` and
    `command_id` work as in `GatherUsingAudio`.

    Attributes:
        payload: Text or SSML to speak, at most 3,000 characters.
        voice: `<Provider>.<Model>.<VoiceId>`, such as `Telnyx.KokoroTTS.af`,
            `AWS.Polly.Joanna-Neural` or `Azure.en-CA-ClaraNeural`; `male` or
            `female` with `service_level="basic"`.
        invalid_payload: Spoken when the input is not valid, at most 3,000
            characters.
        payload_type: `text` (Telnyx default) or `ssml`.
        service_level: `premium` (Telnyx default) or `basic`, which allows
            only `en-US` and `text`.
        voice_settings: Provider settings, discriminated on `type`.
        language: The language spoken.
    """

    action: ClassVar[str] = "gather_using_speak"
    method: ClassVar[str] = "gather_using_speak"

    payload: SpeechText
    voice: str
    invalid_payload: SpeechText | None = None
    payload_type: Literal["text", "ssml"] | None = None
    service_level: Literal["basic", "premium"] | None = None
    voice_settings: VoiceSettings | None = None
    language: SpeakLanguage | None = None

    if TYPE_CHECKING:

        def __init__(
            self,
            *,
            payload: str,
            voice: str,
            invalid_payload: str | None = None,
            payload_type: Literal["text", "ssml"] | None = None,
            service_level: Literal["basic", "premium"] | None = None,
            voice_settings: VoiceSettings | VoiceSettingsDict | None = None,
            language: SpeakLanguage | None = None,
            minimum_digits: int | None = None,
            maximum_digits: int | None = None,
            maximum_tries: int | None = None,
            timeout_millis: int | None = None,
            inter_digit_timeout_millis: int | None = None,
            terminating_digit: str | None = None,
            valid_digits: str | None = None,
            client_state: str | None = None,
            command_id: str | None = None,
        ) -> None: ...

    @model_validator(mode="after")
    def _basic_service_level(self) -> Self:
        if self.service_level == "basic":
            if self.language not in (None, "en-US"):
                raise ValueError('language: service_level="basic" allows only "en-US"')
            if self.payload_type not in (None, "text"):
                raise ValueError('payload_type: service_level="basic" allows only "text"')
        return self
