"""`answer`: answer an incoming call."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Annotated, ClassVar, Literal

from pydantic import AfterValidator, Field, JsonValue

from .._base import Command
from .._fields import DictOf, HttpUrl, ListOf, WebSocketUrl
from ..options.answer import (
    DeepfakeDetection,
    DeepfakeDetectionDict,
    SoundModifications,
    SoundModificationsDict,
    WebhookRetriesPolicy,
    WebhookRetriesPolicyDict,
)
from ..options.sip import CustomSipHeader, CustomSipHeaderDict, SipHeader, SipHeaderDict

__all__ = ["Answer", "StreamCodec"]

StreamCodec = Literal["PCMU", "PCMA", "G722", "OPUS", "AMR-WB", "L16"]
"""A codec for streamed audio (`stream_codec` also takes `default`)."""

_MAX_RECORDING_SECS = 43_200


def _requires(key: str) -> AfterValidator:
    def check(value: dict[str, JsonValue]) -> dict[str, JsonValue]:
        if not isinstance(value.get(key), str):
            raise ValueError(f"{key}: required, a string")
        return value

    return AfterValidator(check)


class Answer(Command):
    """Answer an incoming call; Telnyx then sends `call.answered`.

    Every field is optional; `answer` with no fields just answers.

    Attributes:
        assistant: Start an AI assistant on answer: a JSON object with the
            assistant's `id` and any per-call overrides, sent as given.
        billing_group_id: An existing Billing Group to bill the call to.
        conversation_relay_config: Start a Conversation Relay session on
            answer: a JSON object with at least its `url`, sent as given.
        custom_headers: Custom headers added to the SIP INVITE response.
        deepfake_detection: Analyse the caller's voice for AI generation.
        preferred_codecs: Comma-separated codecs in order of preference, such
            as `G722,PCMU,PCMA,G729,OPUS,VP8,H264`.
        record: `record-from-answer` to record from the start.
        record_channels: `single` or `dual`, when recording.
        record_custom_file_name: The recording's file name (Telnyx adds a
            timestamp).
        record_format: `wav` or `mp3`, when recording.
        record_max_length: Longest recording in seconds, 0 (no limit, the
            Telnyx default) to 43200.
        record_timeout_secs: Seconds of silence that stop the recording, 0
            (never, the Telnyx default) or more.
        record_track: `both`, `inbound` or `outbound`.
        record_trim: `trim-silence` to cut silence at both ends.
        send_silence_when_idle: Send silence RTP packets when there is no audio.
        sip_headers: Standard SIP headers for the INVITE response (only
            `User-to-User`).
        sound_modifications: Sound effects, such as a pitch shift.
        stream_bidirectional_codec: The codec of bidirectional RTP streaming.
        stream_bidirectional_mode: `mp3` or `rtp`.
        stream_bidirectional_target_legs: `both`, `self` or `opposite`.
        stream_codec: The codec of the streamed audio, or `default`.
        stream_track: `inbound_track`, `outbound_track` or `both_tracks`.
        stream_url: The `ws://` or `wss://` address to stream the audio to.
        transcription: Start transcribing the call on answer.
        transcription_config: Transcription settings: a JSON object, sent as given.
        webhook_retries_policies: Retry delays per event type.
        webhook_url: Where to send this call's later webhooks.
        webhook_url_method: `POST` or `GET`, for `webhook_url`.
        webhook_urls: Webhook URLs per event type, instead of `webhook_url`.
        webhook_urls_method: `POST` or `GET`, for `webhook_urls`.
        client_state: Base64 state echoed in every later webhook.
        command_id: Telnyx ignores a repeated `command_id` on the same call.
    """

    action: ClassVar[str] = "answer"
    method: ClassVar[str] = "answer"

    assistant: Annotated[dict[str, JsonValue], _requires("id")] | None = None
    billing_group_id: str | None = None
    conversation_relay_config: Annotated[dict[str, JsonValue], _requires("url")] | None = None
    custom_headers: ListOf[CustomSipHeader] | None = None
    deepfake_detection: DeepfakeDetection | None = None
    preferred_codecs: str | None = None
    record: Literal["record-from-answer"] | None = None
    record_channels: Literal["single", "dual"] | None = None
    record_custom_file_name: str | None = None
    record_format: Literal["wav", "mp3"] | None = None
    record_max_length: Annotated[int, Field(ge=0, le=_MAX_RECORDING_SECS)] | None = None
    record_timeout_secs: Annotated[int, Field(ge=0)] | None = None
    record_track: Literal["both", "inbound", "outbound"] | None = None
    record_trim: Literal["trim-silence"] | None = None
    send_silence_when_idle: bool | None = None
    sip_headers: ListOf[SipHeader] | None = None
    sound_modifications: SoundModifications | None = None
    stream_bidirectional_codec: StreamCodec | None = None
    stream_bidirectional_mode: Literal["mp3", "rtp"] | None = None
    stream_bidirectional_target_legs: Literal["both", "self", "opposite"] | None = None
    stream_codec: StreamCodec | Literal["default"] | None = None
    stream_track: Literal["inbound_track", "outbound_track", "both_tracks"] | None = None
    stream_url: WebSocketUrl | None = None
    transcription: bool | None = None
    transcription_config: dict[str, JsonValue] | None = None
    webhook_retries_policies: DictOf[WebhookRetriesPolicy] | None = None
    webhook_url: HttpUrl | None = None
    webhook_url_method: Literal["POST", "GET"] | None = None
    webhook_urls: DictOf[ListOf[HttpUrl]] | None = None
    webhook_urls_method: Literal["POST", "GET"] | None = None

    if TYPE_CHECKING:

        def __init__(
            self,
            *,
            assistant: dict[str, JsonValue] | None = None,
            billing_group_id: str | None = None,
            conversation_relay_config: dict[str, JsonValue] | None = None,
            custom_headers: Sequence[CustomSipHeader | CustomSipHeaderDict] | None = None,
            deepfake_detection: DeepfakeDetection | DeepfakeDetectionDict | None = None,
            preferred_codecs: str | None = None,
            record: Literal["record-from-answer"] | None = None,
            record_channels: Literal["single", "dual"] | None = None,
            record_custom_file_name: str | None = None,
            record_format: Literal["wav", "mp3"] | None = None,
            record_max_length: int | None = None,
            record_timeout_secs: int | None = None,
            record_track: Literal["both", "inbound", "outbound"] | None = None,
            record_trim: Literal["trim-silence"] | None = None,
            send_silence_when_idle: bool | None = None,
            sip_headers: Sequence[SipHeader | SipHeaderDict] | None = None,
            sound_modifications: SoundModifications | SoundModificationsDict | None = None,
            stream_bidirectional_codec: StreamCodec | None = None,
            stream_bidirectional_mode: Literal["mp3", "rtp"] | None = None,
            stream_bidirectional_target_legs: Literal["both", "self", "opposite"] | None = None,
            stream_codec: StreamCodec | Literal["default"] | None = None,
            stream_track: Literal["inbound_track", "outbound_track", "both_tracks"] | None = None,
            stream_url: str | None = None,
            transcription: bool | None = None,
            transcription_config: dict[str, JsonValue] | None = None,
            webhook_retries_policies: Mapping[str, WebhookRetriesPolicy | WebhookRetriesPolicyDict]
            | None = None,
            webhook_url: str | None = None,
            webhook_url_method: Literal["POST", "GET"] | None = None,
            webhook_urls: Mapping[str, Sequence[str]] | None = None,
            webhook_urls_method: Literal["POST", "GET"] | None = None,
            client_state: str | None = None,
            command_id: str | None = None,
        ) -> None: ...
