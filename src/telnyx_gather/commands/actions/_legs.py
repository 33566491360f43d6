"""Fields that `bridge`, `transfer` and `dial` share: recording, and the new leg's setup."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import AliasChoices, Field, model_validator
from typing_extensions import Self

from .._base import StrictModel
from .._fields import DictOf, DisplayName, DtmfSequence, HttpUrl, ListOf, RecordingFileName
from ..options.answer import SoundModifications, WebhookRetriesPolicy
from ..options.machine_detection import AnsweringMachineDetectionConfig
from ..options.sip import CustomSipHeader, SipHeader

__all__ = ["AnsweringMachineDetection", "LegFields", "RecordFields"]

AnsweringMachineDetection = Literal[
    "premium", "premium_ios_call_screening_detection", "detect", "detect_beep", "detect_words",
    "greeting_end", "disabled",
]  # fmt: skip
"""How to detect an answering machine (`premium_ios_call_screening_detection` is the SDK's)."""

_INT32_MAX = 2**31 - 1


class RecordFields(StrictModel):
    """`record` and its settings: record the call from the moment it is answered."""

    record: Literal["record-from-answer"] | None = None
    record_channels: Literal["single", "dual"] | None = None
    record_custom_file_name: RecordingFileName | None = None
    record_format: Literal["wav", "mp3"] | None = None
    record_max_length: Annotated[int, Field(ge=0, le=43_200)] | None = None
    record_timeout_secs: Annotated[int, Field(ge=0, le=_INT32_MAX)] | None = None
    record_track: Literal["both", "inbound", "outbound"] | None = None
    record_trim: Literal["trim-silence"] | None = None


class LegFields(RecordFields):
    """What `transfer` and `dial` set up on the new leg they call."""

    from_: str | None = Field(
        default=None, validation_alias=AliasChoices("from_", "from"), serialization_alias="from"
    )
    from_display_name: DisplayName | None = None
    audio_url: HttpUrl | None = None
    media_name: str | None = None
    timeout_secs: Annotated[int, Field(ge=5, le=600)] | None = None
    time_limit_secs: Annotated[int, Field(ge=30, le=14_400)] | None = None
    answering_machine_detection: AnsweringMachineDetection | None = None
    answering_machine_detection_config: AnsweringMachineDetectionConfig | None = None
    custom_headers: ListOf[CustomSipHeader] | None = None
    sip_headers: ListOf[SipHeader] | None = None
    sip_auth_username: str | None = None
    sip_auth_password: str | None = None
    sip_transport_protocol: Literal["UDP", "TCP", "TLS"] | None = None
    sip_region: Literal["US", "Europe", "Canada", "Australia", "Middle East"] | None = None
    media_encryption: Literal["disabled", "SRTP", "DTLS"] | None = None
    sound_modifications: SoundModifications | None = None
    preferred_codecs: str | None = None
    park_after_unbridge: Literal["self"] | None = None
    diversion: str | None = None
    privacy: Literal["id", "none"] | None = None
    route_to_mobile: bool | None = None
    send_digits_on_answer: Annotated[DtmfSequence, Field(max_length=64)] | None = None
    webhook_url: HttpUrl | None = None
    webhook_url_method: Literal["POST", "GET"] | None = None
    webhook_urls: DictOf[HttpUrl | ListOf[HttpUrl]] | None = None
    webhook_urls_method: Literal["POST", "GET"] | None = None
    webhook_retries_policies: DictOf[WebhookRetriesPolicy] | None = None

    @model_validator(mode="after")
    def _one_audio(self) -> Self:
        if self.audio_url is not None and self.media_name is not None:
            raise ValueError("audio_url, media_name: cannot be used together; set at most one")
        return self
