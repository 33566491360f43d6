"""`CommandResult`: what the Call Control API answers to a command."""

from __future__ import annotations

from typing import ClassVar
from uuid import UUID

from pydantic import BaseModel, ConfigDict, TypeAdapter

from .._lazy import publish

__all__ = ["RESPONSE", "CommandResult"]


class CommandResult(BaseModel):
    """The API's answer to a command: the `data` object of its response.

    Attributes:
        result: `"ok"` when Telnyx accepted the command.
        conversation_id: The AI conversation the command started; only
            `gather_using_ai` and `ai_assistant_start` return one.
    """

    model_config: ClassVar[ConfigDict] = ConfigDict(frozen=True, extra="allow")

    result: str
    conversation_id: UUID | None = None


class _Response(BaseModel):
    data: CommandResult


publish("telnyx_gather", CommandResult)

RESPONSE = TypeAdapter(_Response)
"""Validates a command's response body, `{"data": {...}}`, from JSON bytes in one pass."""
