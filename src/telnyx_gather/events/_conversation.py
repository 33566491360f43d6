"""`call.conversation.ended`, sent when an AI assistant's conversation ends."""

from __future__ import annotations

from typing import Literal

from pydantic import AwareDatetime, Field

from ._base import CallEvent, CallPayload, EventModel

__all__ = [
    "CallConversationEnded",
    "CallConversationEndedPayload",
    "ConversationMessage",
    "ConversationToolCall",
    "ConversationToolCallFunction",
]


class ConversationToolCallFunction(EventModel):
    """The function an assistant asked to call.

    Attributes:
        name: The tool's name.
        arguments: The arguments as a JSON-encoded string, exactly as the
            model produced them.
    """

    name: str | None = None
    arguments: str | None = None


class ConversationToolCall(EventModel):
    """A tool call made by the assistant during the conversation.

    Attributes:
        id: Referenced by the matching `tool` message's `tool_call_id`.
    """

    id: str | None = None
    type: Literal["function"] | str | None = None
    function: ConversationToolCallFunction | None = None


class ConversationMessage(EventModel):
    """One entry of the conversation transcript.

    `tool`, `system` and `developer` entries appear only when the assistant's
    full-history setting is on.
    """

    role: Literal["user", "assistant", "tool", "system", "developer"] | str
    content: str | None = None
    timestamp: AwareDatetime | None = None
    tool_call_id: str | None = None
    tool_calls: list[ConversationToolCall] | None = None


class CallConversationEndedPayload(CallPayload):
    """Payload of `call.conversation.ended`.

    Attributes:
        assistant_id: The assistant that held the conversation.
        conversation_id: The conversation (insight group) created for the call.
        duration_sec: Length of the conversation in seconds.
        messages: The transcript, when data retention allows it.
        reason: Why the conversation ended, when Telnyx says.
    """

    assistant_id: str | None = None
    calling_party_type: Literal["pstn", "sip"] | str | None = None
    conversation_id: str | None = None
    duration_sec: int | None = None
    from_: str | None = Field(default=None, alias="from")
    to: str | None = None
    llm_model: str | None = None
    stt_model: str | None = None
    tts_provider: str | None = None
    tts_model_id: str | None = None
    tts_voice_id: str | None = None
    messages: list[ConversationMessage] | None = None
    reason: str | None = None


class CallConversationEnded(CallEvent):
    """An AI assistant's conversation on the call ended.

    Attributes:
        created_at: When Telnyx recorded the event.
    """

    event_type: Literal["call.conversation.ended"]
    created_at: AwareDatetime | None = None
    payload: CallConversationEndedPayload
