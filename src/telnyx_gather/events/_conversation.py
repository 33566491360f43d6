"""`call.conversation.*`: an AI assistant's (or a Conversation Relay) conversation on the call."""

from typing import Annotated, Any, ClassVar, Literal

from pydantic import AwareDatetime, Field

from ._ai_result import M, validate_arguments
from ._base import CallEvent, CallIdentifiers, CallPayload, EventModel
from ._lean import LEAN

__all__ = [
    "CallConversationCreated",
    "CallConversationCreatedPayload",
    "CallConversationEnded",
    "CallConversationEndedPayload",
    "CallConversationStartFailed",
    "CallConversationStartFailedPayload",
    "ConversationStartFailure",
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

    def arguments_as(self, model: type[M]) -> M:
        """The arguments parsed into `model`, the model of the tool's arguments.

        Use the class the tool was built from (`webhook_tool(model, ...)`).

        Raises:
            WebhookParseError: The arguments are absent, not JSON, or do not
                fit `model`; the message names the fields, never the values.
        """
        return validate_arguments(model, self.arguments, "arguments")


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
    example_payload: ClassVar[dict[str, Any]] = {
        "assistant_id": "assistant-d9082b56-ba2d-4ad1-a50c-58661eb1463d",
        "call_control_id": "v3:HDR1vQHx697hpP9xZ0bhlbUOWPFPDtPcxw-nuSMuC6mGVpb0euoklQ",
        "call_leg_id": "cc29cce6-3c91-11f0-a8e5-02420aef3d20",
        "call_session_id": "cc29c8d6-3c91-11f0-aa7c-02420aef3d20",
        "calling_party_type": "sip",
        "client_state": "g3QAAAACbQAAAAtkYXRhX2NlbnRlcm0AAAADY2gxbQAAAApkZXBsb3ltZW50bQAAAARiYXNl",
        "connection_id": "2694492062593582591",
        "conversation_id": "0424805b-adc1-4ff8-9f95-e1de6883ecbe",
        "duration_sec": 3,
        "from": "+13124287921",
        "to": "jamesw@assistant-d9082b56-ba2d-4ad1-a50c-58661eb1463d.sip.telnyx.com",
        "llm_model": "openai/gpt-4o",
        "stt_model": "distil-whisper/distil-large-v2",
        "tts_model_id": "Natural",
        "tts_provider": "telnyx",
        "tts_voice_id": "Marissa",
    }


ConversationStartFailure = Literal["invalid_request", "service_error"]
"""Why an assistant's conversation could not start. Later values arrive as plain strings."""

_CREATED_EXAMPLE: dict[str, Any] = {
    "call_control_id": "v3:HDR1vQHx697hpP9xZ0bhlbUOWPFPDtPcxw-nuSMuC6mGVpb0euoklQ",
    "call_leg_id": "cc29cce6-3c91-11f0-a8e5-02420aef3d20",
    "call_session_id": "cc29c8d6-3c91-11f0-aa7c-02420aef3d20",
    "calling_party_type": "sip",
    "client_state": None,
    "connection_id": "2694492062593582591",
    "from": "+13124287921",
    "to": "+13129457420",
}


class CallConversationCreatedPayload(CallPayload):
    """Payload of `call.conversation.created`.

    Attributes:
        calling_party_type: The kind of connection the caller is on.
        conversation_id: The conversation created; later conversation events
            carry the same id.
    """

    calling_party_type: Literal["pstn", "sip"] | str | None = None
    conversation_id: str | None = None
    from_: str | None = Field(default=None, alias="from")
    to: str | None = None


class CallConversationCreated(CallEvent):
    """An AI assistant's conversation was created for the call.

    Known from the telnyx SDK, which is newer than the spec.

    Attributes:
        created_at: When Telnyx recorded the event.
    """

    event_type: Literal["call.conversation.created"]
    created_at: AwareDatetime | None = None
    payload: CallConversationCreatedPayload
    example_payload: ClassVar[dict[str, Any]] = {
        **_CREATED_EXAMPLE,
        "conversation_id": "0424805b-adc1-4ff8-9f95-e1de6883ecbe",
    }


class CallConversationStartFailedPayload(CallPayload):
    """Payload of `call.conversation.start_failed`.

    Attributes:
        assistant_id: The assistant that could not start.
        calling_party_type: The kind of connection the caller is on.
        reason: `invalid_request` (the request was refused, for example an
            unknown assistant id) or `service_error` (a fault at Telnyx).
    """

    assistant_id: str | None = None
    calling_party_type: Literal["pstn", "sip"] | str | None = None
    from_: str | None = Field(default=None, alias="from")
    to: str | None = None
    reason: ConversationStartFailure | str | None = None


class CallConversationStartFailed(CallEvent):
    """The AI assistant asked for could not start; no conversation follows.

    Neither `call.conversation.created` nor `call.conversation.ended` is sent
    for that attempt. Known from the telnyx SDK, which is newer than the spec.

    Attributes:
        created_at: When Telnyx recorded the event.
    """

    event_type: Literal["call.conversation.start_failed"]
    created_at: AwareDatetime | None = None
    payload: CallConversationStartFailedPayload
    example_payload: ClassVar[dict[str, Any]] = {
        **_CREATED_EXAMPLE,
        "assistant_id": "assistant-00000000-0000-4000-8000-000000000000",
        "reason": "invalid_request",
    }
