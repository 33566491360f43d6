"""`CommandResult` and `DialResult`: the Call Control API's answers to a command and a dial."""

from __future__ import annotations

from typing import ClassVar
from uuid import UUID

from pydantic import BaseModel, ConfigDict, TypeAdapter

from .._lazy import publish

__all__ = ["DIAL_RESPONSE", "RESPONSE", "CommandResult", "DialResult"]


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


class DialResult(BaseModel):
    """The API's answer to `Dial`: the new call's ids (the `data` object of its response).

    Attributes:
        call_control_id: The id to send the new call's commands to.
        call_leg_id: The id of the new call's leg.
        call_session_id: The id of the session the call belongs to.
        is_alive: Whether the call is still up (false until it is answered).
        record_type: `call`.
    """

    model_config: ClassVar[ConfigDict] = ConfigDict(frozen=True, extra="allow")

    call_control_id: str
    call_leg_id: str
    call_session_id: str
    is_alive: bool | None = None
    record_type: str | None = None


class _DialResponse(BaseModel):
    data: DialResult


publish("telnyx_gather", DialResult)

DIAL_RESPONSE = TypeAdapter(_DialResponse)
"""Validates the response body of `POST /calls`, `{"data": {...}}`."""
