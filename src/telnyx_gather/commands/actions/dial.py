"""`Dial`: start a new outgoing call (`POST /calls`)."""

from __future__ import annotations

from typing import Annotated, ClassVar, Literal

from pydantic import AliasChoices, Field, JsonValue, model_validator
from typing_extensions import Self

from .._answer import StreamCodec
from .._answer_options import DeepfakeDetection
from .._base import Command
from .._fields import JsonObjectWith, ListOf, UuidText, WebSocketUrl
from ..options.conference import ConferenceConfig
from ..options.dialogflow import DialogflowConfig
from ._legs import LegFields

__all__ = ["Dial"]


class Dial(LegFields, Command):
    """Call a number or SIP URI; Telnyx sends `call.initiated`, then `call.answered`.

    Send it with `GatherClient.dial`, which returns the new call's ids; a
    router handler may return it too. The fields shared with `Transfer`
    (caller id, answering machine detection, SIP, recording, webhooks and
    retries) mean the same here.

    Attributes:
        connection_id: The Call Control App that places the call.
        to: The number (+E.164) or SIP URI to call, or a list of them.
        from_: Caller id (+E.164; sent as `from`).
        conference_config: Put the call straight into a conference.
        billing_group_id: An existing Billing Group to bill the call to (a UUID).
        link_to: Another call whose `call_session_id` this call shares;
            required by `bridge_intent`, `bridge_on_answer` and `park_after_unbridge`.
        bridge_intent: This call is meant to be bridged with `link_to`.
        bridge_on_answer: Bridge with `link_to` as soon as this call answers.
        prevent_double_bridge: Hang up instead of bridging when the target
            is already bridged.
        retry_on_timeout: After `timeout_secs`, try the destination's other routes.
        stream_url: Stream the call's audio to this `ws://` or `wss://` address.
        stream_track: `inbound_track` (Telnyx default), `outbound_track` or `both_tracks`.
        stream_codec: The codec of the streamed audio, or `default`.
        stream_bidirectional_mode: `mp3` or `rtp`.
        stream_bidirectional_codec: The codec of bidirectional RTP payloads.
        stream_bidirectional_target_legs: `both`, `self` or `opposite`.
        stream_bidirectional_sampling_rate: 8000, 16000, 22050, 24000 or 48000 Hz.
        stream_establish_before_call_originate: Open the WebSocket before dialling.
        stream_auth_token: A token sent when the WebSocket connects, at most 4,000 characters.
        send_silence_when_idle: Send silence RTP packets when there is no audio.
        supervise_call_control_id: The call this one supervises.
        supervisor_role: `barge` (Telnyx default), `whisper` or `monitor`.
        enable_dialogflow: Turn on Dialogflow for the call.
        dialogflow_config: What Dialogflow does.
        transcription: Transcribe the call from answer.
        transcription_config: Transcription settings: a JSON object, sent as given.
        assistant: Start an AI assistant on answer: a JSON object with the
            assistant's `id` and any overrides, sent as given.
        conversation_relay_config: Start a Conversation Relay session: a JSON
            object with at least its `url`, sent as given.
        deepfake_detection: Analyse the callee's voice for AI generation.
        client_state: Base64 state echoed in every webhook of the new call.
        command_id: Telnyx ignores a repeated `command_id`.
    """

    action: ClassVar[str] = "dial"
    method: ClassVar[str] = "dial"

    connection_id: Annotated[str, Field(min_length=1)]
    to: str | Annotated[ListOf[str], Field(min_length=1)]
    from_: str = Field(  # pyright: ignore[reportIncompatibleVariableOverride]
        validation_alias=AliasChoices("from_", "from"), serialization_alias="from"
    )
    conference_config: ConferenceConfig | None = None
    billing_group_id: UuidText | None = None
    link_to: str | None = None
    bridge_intent: bool | None = None
    bridge_on_answer: bool | None = None
    prevent_double_bridge: bool | None = None
    retry_on_timeout: bool | None = None
    stream_url: WebSocketUrl | None = None
    stream_track: Literal["inbound_track", "outbound_track", "both_tracks"] | None = None
    stream_codec: StreamCodec | Literal["default"] | None = None
    stream_bidirectional_mode: Literal["mp3", "rtp"] | None = None
    stream_bidirectional_codec: StreamCodec | None = None
    stream_bidirectional_target_legs: Literal["both", "self", "opposite"] | None = None
    stream_bidirectional_sampling_rate: Literal[8000, 16000, 22050, 24000, 48000] | None = None
    stream_establish_before_call_originate: bool | None = None
    stream_auth_token: Annotated[str, Field(max_length=4000)] | None = None
    send_silence_when_idle: bool | None = None
    supervise_call_control_id: str | None = None
    supervisor_role: Literal["barge", "whisper", "monitor"] | None = None
    enable_dialogflow: bool | None = None
    dialogflow_config: DialogflowConfig | None = None
    transcription: bool | None = None
    transcription_config: dict[str, JsonValue] | None = None
    assistant: Annotated[dict[str, JsonValue], JsonObjectWith("id")] | None = None
    conversation_relay_config: Annotated[dict[str, JsonValue], JsonObjectWith("url")] | None = None
    deepfake_detection: DeepfakeDetection | None = None

    @model_validator(mode="after")
    def _linked(self) -> Self:
        if self.link_to is None:
            for name in ("bridge_intent", "bridge_on_answer"):
                if getattr(self, name):
                    raise ValueError(f"link_to: required when {name} is true")
            if self.park_after_unbridge is not None:
                raise ValueError("link_to: required with park_after_unbridge")
        return self
