"""Fields that `streaming_start` and `dial` share: where and how the call's audio streams."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from .._base import StrictModel
from .._fields import WebSocketUrl
from ..options.dialogflow import DialogflowConfig
from .answer import StreamCodec

__all__ = ["StreamFields", "StreamSamplingRate"]

StreamSamplingRate = Literal[8000, 16000, 22050, 24000, 48000]
"""The sampling rate of bidirectional streaming, in Hz."""


class StreamFields(StrictModel):
    """The media stream's address, tracks, codecs and token, and Dialogflow on the stream."""

    stream_url: WebSocketUrl | None = None
    stream_track: Literal["inbound_track", "outbound_track", "both_tracks"] | None = None
    stream_codec: StreamCodec | Literal["default"] | None = None
    stream_bidirectional_mode: Literal["mp3", "rtp"] | None = None
    stream_bidirectional_codec: StreamCodec | None = None
    stream_bidirectional_target_legs: Literal["both", "self", "opposite"] | None = None
    stream_bidirectional_sampling_rate: StreamSamplingRate | None = None
    stream_auth_token: Annotated[str, Field(max_length=4000)] | None = None
    enable_dialogflow: bool | None = None
    dialogflow_config: DialogflowConfig | None = None
