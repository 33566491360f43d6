"""`transcription_start` and `transcription_stop`: live transcription of the call."""

from __future__ import annotations

from typing import Annotated, ClassVar, Literal

from pydantic import AfterValidator, JsonValue

from .._base import Command

__all__ = ["StartTranscription", "StopTranscription", "TranscriptionEngine"]

TranscriptionEngine = Literal[
    "Google", "Telnyx", "Deepgram", "Azure", "xAI", "AssemblyAI", "Speechmatics", "Soniox",
    "Parakeet", "Humain", "Reson8", "Cohere", "A", "B",
]  # fmt: skip
"""A speech recognition engine (`A` is the legacy name of Google, `B` of Telnyx)."""


def _check_engine_config(value: dict[str, JsonValue]) -> dict[str, JsonValue]:
    if "transcription_engine" in value and not isinstance(value["transcription_engine"], str):
        raise ValueError("transcription_engine: must be a string naming the engine")
    return value


class StartTranscription(Command):
    """Transcribe the call live; Telnyx sends `call.transcription` webhooks.

    Attributes:
        transcription_engine: The engine (Telnyx default `Google`).
        transcription_engine_config: The engine's settings, a JSON object sent
            as given, tagged by its own `transcription_engine`, such as
            `{"transcription_engine": "Google", "language": "en"}`.
        transcription_tracks: `inbound` (Telnyx default, the leg that asked),
            `outbound` or `both`.
        client_state: Base64 state echoed in every later webhook.
        command_id: Telnyx ignores a repeated `command_id` on the same call.
    """

    action: ClassVar[str] = "transcription_start"
    method: ClassVar[str] = "start_transcription"

    transcription_engine: TranscriptionEngine | None = None
    transcription_engine_config: (
        Annotated[dict[str, JsonValue], AfterValidator(_check_engine_config)] | None
    ) = None
    transcription_tracks: Literal["inbound", "outbound", "both"] | None = None


class StopTranscription(Command):
    """Stop transcribing the call.

    Attributes:
        client_state: Base64 state echoed in every later webhook.
        command_id: Telnyx ignores a repeated `command_id` on the same call.
    """

    action: ClassVar[str] = "transcription_stop"
    method: ClassVar[str] = "stop_transcription"
