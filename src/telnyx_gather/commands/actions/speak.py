"""`speak`: say text or SSML on the call."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, Literal

from pydantic import model_validator
from typing_extensions import Self

from .._base import Command
from .._fields import Loop, SpeechText
from .._gather import SpeakLanguage
from .._voice import VoiceSettings, VoiceSettingsDict

__all__ = ["Speak"]


class Speak(Command):
    """Speak text or SSML on the call; Telnyx sends `call.speak.started`, then `call.speak.ended`.

    Attributes:
        payload: Text or SSML to speak, at most 3,000 characters.
        voice: `<Provider>.<Model>.<VoiceId>`, such as `Telnyx.KokoroTTS.af`,
            `AWS.Polly.Joanna-Neural` or `Azure.en-CA-ClaraNeural`; `male` or
            `female` with `service_level="basic"`.
        payload_type: `text` (Telnyx default) or `ssml`.
        service_level: `premium` (Telnyx default) or `basic`, which allows
            only `text` payloads.
        stop: `current` stops the audio playing now and plays the next in the
            queue; `all` also clears the queue.
        voice_settings: Provider settings, discriminated on `type`.
        language: The language spoken (ignored for `Polly.*` voices).
        loop: How often to say it: 1 to 100 times, or `"infinity"` (Telnyx default 1).
        target_legs: `self` (Telnyx default), `opposite` or `both`.
        client_state: Base64 state echoed in every later webhook.
        command_id: Telnyx ignores a repeated `command_id` on the same call.
    """

    action: ClassVar[str] = "speak"
    method: ClassVar[str] = "speak"

    payload: SpeechText
    voice: str
    payload_type: Literal["text", "ssml"] | None = None
    service_level: Literal["basic", "premium"] | None = None
    stop: Literal["current", "all"] | None = None
    voice_settings: VoiceSettings | None = None
    language: SpeakLanguage | None = None
    loop: Loop | None = None
    target_legs: Literal["self", "opposite", "both"] | None = None

    if TYPE_CHECKING:

        def __init__(
            self,
            *,
            payload: str,
            voice: str,
            payload_type: Literal["text", "ssml"] | None = None,
            service_level: Literal["basic", "premium"] | None = None,
            stop: Literal["current", "all"] | None = None,
            voice_settings: VoiceSettings | VoiceSettingsDict | None = None,
            language: SpeakLanguage | None = None,
            loop: int | Literal["infinity"] | None = None,
            target_legs: Literal["self", "opposite", "both"] | None = None,
            client_state: str | None = None,
            command_id: str | None = None,
        ) -> None: ...

    @model_validator(mode="after")
    def _basic_service_level(self) -> Self:
        # The spec's prose also limits `basic` to `en-US`, but its own example
        # speaks `arb` at `basic`: only the payload type rule is enforced.
        if self.service_level == "basic" and self.payload_type not in (None, "text"):
            raise ValueError('payload_type: service_level="basic" allows only "text"')
        return self
