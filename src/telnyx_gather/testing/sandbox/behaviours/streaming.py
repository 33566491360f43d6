"""`streaming_start` and `streaming_stop`: `streaming.started` and `streaming.stopped`."""

from __future__ import annotations

from typing import Any

from ....commands import StartStreaming, StopStreaming
from ....events import CallStreamingStarted, CallStreamingStopped
from .._calls import CallState
from .._toolkit import Toolkit
from ._declare import ANSWERED, Behaviour, Reply

__all__: list[str] = []
"""Nothing to import: the engine finds `BEHAVIOURS` here by itself."""


def start_streaming(kit: Toolkit, call: CallState, command: StartStreaming, at: float) -> Reply:
    """The media stream starts (the sandbox connects to nothing)."""
    url = None if command.stream_url is None else str(command.stream_url)
    call.stream_url = url
    fields: dict[str, Any] = {} if url is None else {"stream_url": url}
    kit.emit(call, CallStreamingStarted, fields, at=at)
    return None


def stop_streaming(kit: Toolkit, call: CallState, command: StopStreaming, at: float) -> Reply:
    """The media stream stops."""
    url, call.stream_url = call.stream_url, None
    fields: dict[str, Any] = {} if url is None else {"stream_url": url}
    kit.emit(call, CallStreamingStopped, fields, at=at)
    return None


BEHAVIOURS = (
    Behaviour(StartStreaming, start_streaming, ANSWERED),
    Behaviour(StopStreaming, stop_streaming, ANSWERED),
)
