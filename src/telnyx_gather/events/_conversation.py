"""`call.conversation.ended`, sent when an AI assistant's or a Conversation Relay session ends."""

from typing import Annotated, Literal

from pydantic import AwareDatetime, Field

from ._base import CallIdentifiers, EventModel
from ._lean import LEAN

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
    tool_calls: Annotated[list[ConversationToolCall] | None, LEAN] = None


class CallConversationEndedPayload(CallIdentifiers):
    """Payload of `call.conversation.ended`.

    Attributes:
        call_control_id: The call, when Telnyx names it. An AI assistant's
            conversation always does; the Conversation Relay variant
            (`{"reason": "customer_disconnect"}` alone) does not.
        assistant_id: The assistant that held the conversation.
        conversation_id: The conversation (insight group) created for the call.
        duration_sec: Length of the conversation in seconds.
        messages: The transcript, when data retention allows it.
        reason: Why the conversation ended, when Telnyx says.
    """

    call_control_id: str | None = None
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
    messages: Annotated[list[ConversationMessage] | None, LEAN] = None
    reason: str | None = None


class CallConversationEnded(EventModel):
    """A conversation on the call ended: an AI assistant's, or a Conversation Relay session.

    Unlike the other known events this is not a `CallEvent`: Telnyx documents
    a Conversation Relay variant whose whole `data` is the `event_type`,
    `record_type` and `payload.reason`, with no `id`, no `occurred_at` and no
    call ids. So `id`, `occurred_at` and `payload.call_control_id` may be
    `None` here; check them before deduplicating on the id or commanding the
    call.

    Attributes:
        id: Unique to this event, when Telnyx sends one.
        occurred_at: When the event happened, timezone-aware, when sent.
        created_at: When Telnyx recorded the event.
        record_type: Always `"event"` today.
    """

    event_type: Literal["call.conversation.ended"]
    id: str | None = None
    occurred_at: AwareDatetime | None = None
    created_at: AwareDatetime | None = None
    record_type: Literal["event"] | str = "event"
    payload: CallConversationEndedPayload
