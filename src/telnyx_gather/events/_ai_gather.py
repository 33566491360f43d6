"""The three `call.ai_gather.*` events."""

from __future__ import annotations

from typing import Literal

from pydantic import JsonValue

from ._base import CallEvent, EventModel, PartiesPayload

__all__ = [
    "AIGatherMessage",
    "AIGatherStatus",
    "CallAIGatherEnded",
    "CallAIGatherEndedPayload",
    "CallAIGatherMessageHistoryUpdated",
    "CallAIGatherMessageHistoryUpdatedPayload",
    "CallAIGatherPartialResults",
    "CallAIGatherPartialResultsPayload",
]

AIGatherStatus = Literal["valid", "invalid"]
"""How an AI gather ended. Values Telnyx adds later arrive as plain strings."""


class AIGatherMessage(EventModel):
    """One turn of the conversation held during an AI gather."""

    role: Literal["assistant", "user"] | str
    content: str | None = None


class _AIGatherPayload(PartiesPayload):
    message_history: list[AIGatherMessage] | None = None
    """The messages exchanged so far, oldest first."""


class CallAIGatherEndedPayload(_AIGatherPayload):
    """Payload of `call.ai_gather.ended`.

    Attributes:
        result: The gathered values, shaped by the `parameters` JSON Schema of
            the command.
        status: Whether the gather produced a valid result; `None` only if
            Telnyx leaves it out (the spec allows it).
    """

    result: dict[str, JsonValue] | None = None
    status: AIGatherStatus | str | None = None


class CallAIGatherEnded(CallEvent):
    """An AI gather finished, with its result."""

    event_type: Literal["call.ai_gather.ended"]
    payload: CallAIGatherEndedPayload


class CallAIGatherMessageHistoryUpdatedPayload(_AIGatherPayload):
    """Payload of `call.ai_gather.message_history_updated`."""


class CallAIGatherMessageHistoryUpdated(CallEvent):
    """The AI gather's conversation gained a message.

    Sent only when the command set `send_message_history_updates`.
    """

    event_type: Literal["call.ai_gather.message_history_updated"]
    payload: CallAIGatherMessageHistoryUpdatedPayload


class CallAIGatherPartialResultsPayload(_AIGatherPayload):
    """Payload of `call.ai_gather.partial_results`.

    Attributes:
        partial_results: The values gathered so far.
    """

    partial_results: dict[str, JsonValue] | None = None


class CallAIGatherPartialResults(CallEvent):
    """The AI gather has part of its result.

    Sent only when the command set `send_partial_results`.
    """

    event_type: Literal["call.ai_gather.partial_results"]
    payload: CallAIGatherPartialResultsPayload
