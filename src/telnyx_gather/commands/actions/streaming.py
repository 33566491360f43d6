"""`streaming_start` and `streaming_stop`: stream the call's audio over a WebSocket."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Annotated, ClassVar, Literal

from pydantic import Field
from typing_extensions import TypedDict

from .._answer import StreamCodec
from .._base import Command, StrictModel
from .._fields import ListOf, UuidText, WebSocketUrl
from ..options.dialogflow import DialogflowConfig, DialogflowConfigDict

__all__ = [
    "StartStreaming",
    "StopStreaming",
    "StreamParameter",
    "StreamParameterDict",
    "StreamSamplingRate",
]

StreamSamplingRate = Literal[8000, 16000, 22050, 24000, 48000]
"""The sampling rate of bidirectional streaming, in Hz."""


class StreamParameter(StrictModel):
    """A custom parameter sent when the WebSocket connects.

    Attributes:
        name: The parameter's name.
        value: The parameter's value.
    """

    name: str | None = None
    value: str | None = None


class StreamParameterDict(TypedDict, total=False):
    """`StreamParameter` as a plain dict."""

    name: str
    value: str


class StartStreaming(Command):
    """Stream the call's audio to a WebSocket; Telnyx sends `streaming.started`.

    Attributes:
        stream_url: The `ws://` or `wss://` address to stream to.
        stream_track: `inbound_track` (Telnyx default), `outbound_track` or `both_tracks`.
        stream_codec: The codec of the streamed audio, or `default` (the call's).
        stream_bidirectional_mode: `mp3` (Telnyx default) or `rtp`.
        stream_bidirectional_codec: The codec of bidirectional RTP payloads.
        stream_bidirectional_target_legs: `both`, `self` or `opposite` (Telnyx default).
        stream_bidirectional_sampling_rate: 8000 (Telnyx default), 16000,
            22050, 24000 or 48000 Hz.
        enable_dialogflow: Turn on Dialogflow for the call.
        dialogflow_config: What Dialogflow does.
        custom_parameters: Parameters sent when the WebSocket connects.
        stream_auth_token: A token sent when the WebSocket connects, at most
            4,000 characters.
        client_state: Base64 state echoed in every later webhook.
        command_id: Telnyx ignores a repeated `command_id` on the same call.
    """

    action: ClassVar[str] = "streaming_start"
    method: ClassVar[str] = "start_streaming"

    stream_url: WebSocketUrl | None = None
    stream_track: Literal["inbound_track", "outbound_track", "both_tracks"] | None = None
    stream_codec: StreamCodec | Literal["default"] | None = None
    stream_bidirectional_mode: Literal["mp3", "rtp"] | None = None
    stream_bidirectional_codec: StreamCodec | None = None
    stream_bidirectional_target_legs: Literal["both", "self", "opposite"] | None = None
    stream_bidirectional_sampling_rate: StreamSamplingRate | None = None
    enable_dialogflow: bool | None = None
    dialogflow_config: DialogflowConfig | None = None
    custom_parameters: ListOf[StreamParameter] | None = None
    stream_auth_token: Annotated[str, Field(max_length=4000)] | None = None

    if TYPE_CHECKING:

        def __init__(
            self,
            *,
            stream_url: str | None = None,
            stream_track: Literal["inbound_track", "outbound_track", "both_tracks"] | None = None,
            stream_codec: StreamCodec | Literal["default"] | None = None,
            stream_bidirectional_mode: Literal["mp3", "rtp"] | None = None,
            stream_bidirectional_codec: StreamCodec | None = None,
            stream_bidirectional_target_legs: Literal["both", "self", "opposite"] | None = None,
            stream_bidirectional_sampling_rate: StreamSamplingRate | None = None,
            enable_dialogflow: bool | None = None,
            dialogflow_config: DialogflowConfig | DialogflowConfigDict | None = None,
            custom_parameters: Sequence[StreamParameter | StreamParameterDict] | None = None,
            stream_auth_token: str | None = None,
            client_state: str | None = None,
            command_id: str | None = None,
        ) -> None: ...


class StopStreaming(Command):
    """Stop streaming; Telnyx sends `streaming.stopped`.

    Attributes:
        stream_id: The stream to stop (a UUID); every stream of the call when unset.
        client_state: Base64 state echoed in every later webhook.
        command_id: Telnyx ignores a repeated `command_id` on the same call.
    """

    action: ClassVar[str] = "streaming_stop"
    method: ClassVar[str] = "stop_streaming"

    stream_id: UuidText | None = None
