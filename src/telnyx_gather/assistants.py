"""The dynamic-variables webhook of an AI assistant: `assistant.initialization` and its reply.

When an assistant has a `dynamic_variables_webhook_url`, Telnyx posts an
`assistant.initialization` delivery there as the conversation starts, and
waits `dynamic_variables_webhook_timeout_ms` (1500 ms by default) for the
values of the assistant's `{{variables}}`. Past that it goes on with the
assistant's defaults, silently. The reply must wrap the values in a
top-level `dynamic_variables` object; a flat object is ignored.

`Router.initialization` serves it: the handler gets the typed delivery and
returns an `InitializationReply`; a handler that would overrun the deadline
is answered with the defaults in time, and the reason is logged.
"""

from __future__ import annotations

from typing import ClassVar, Literal

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, JsonValue

__all__ = [
    "AssistantInitialization",
    "AssistantInitializationPayload",
    "ConversationSettings",
    "InitializationReply",
    "MemorySettings",
]


class AssistantInitializationPayload(BaseModel):
    """What Telnyx tells the app about the conversation that is starting.

    Every field may be absent; fields added later are kept in `model_extra`.

    Attributes:
        telnyx_conversation_channel: `phone_call`, `web_call` or `sms_chat`.
        telnyx_agent_target: The number or SIP URI of the assistant's side.
        telnyx_end_user_target: The number or SIP URI of the caller.
        telnyx_end_user_target_verified: Whether the caller's number was verified.
        call_control_id: The call, for a phone call.
        assistant_id: The assistant starting the conversation.
    """

    model_config: ClassVar[ConfigDict] = ConfigDict(extra="allow", frozen=True)

    telnyx_conversation_channel: Literal["phone_call", "web_call", "sms_chat"] | str | None = None
    telnyx_agent_target: str | None = None
    telnyx_end_user_target: str | None = None
    telnyx_end_user_target_verified: bool | None = None
    call_control_id: str | None = None
    assistant_id: str | None = None


class AssistantInitialization(BaseModel):
    """The `assistant.initialization` delivery: the `data` of its envelope.

    Attributes:
        event_type: Always `assistant.initialization`.
        id: Unique to this delivery, when sent.
        occurred_at: When the conversation started, when sent.
        payload: The conversation's parties and ids.
    """

    model_config: ClassVar[ConfigDict] = ConfigDict(extra="allow", frozen=True)

    event_type: Literal["assistant.initialization"]
    id: str | None = None
    occurred_at: AwareDatetime | None = None
    record_type: Literal["event"] | str = "event"
    payload: AssistantInitializationPayload = Field(default_factory=AssistantInitializationPayload)

    example_payload: ClassVar[dict[str, JsonValue]] = {
        "telnyx_conversation_channel": "phone_call",
        "telnyx_agent_target": "+13129457420",
        "telnyx_end_user_target": "+13128675309",
        "telnyx_end_user_target_verified": False,
        "call_control_id": "v3:u5OAKGEPT3Dx8SZSSDRWEMdNH2OripQhO",
        "assistant_id": "assistant-d9082b56-ba2d-4ad1-a50c-58661eb1463d",
    }


class _Envelope(BaseModel):
    data: AssistantInitialization


def parse_initialization(body: bytes) -> AssistantInitialization:
    """Parse an `assistant.initialization` body (`{"data": {...}}`); raises `ValidationError`."""
    return _Envelope.model_validate_json(body).data


class MemorySettings(BaseModel):
    """Which past conversations the assistant recalls.

    Attributes:
        conversation_query: A filter over past conversations, as Telnyx's
            conversations API takes it
            (`metadata->telnyx_end_user_target=eq.+13128675309&limit=5`).
    """

    model_config: ClassVar[ConfigDict] = ConfigDict(frozen=True, extra="forbid")

    conversation_query: str | None = None


class ConversationSettings(BaseModel):
    """Settings of the conversation that is starting.

    Attributes:
        metadata: Kept on the conversation (and usable as a memory filter).
    """

    model_config: ClassVar[ConfigDict] = ConfigDict(frozen=True, extra="forbid")

    metadata: dict[str, JsonValue] | None = None


def _no_variables() -> dict[str, str | int | float | bool]:
    return {}


class InitializationReply(BaseModel):
    """The answer to `assistant.initialization`: the conversation's dynamic variables.

    Attributes:
        dynamic_variables: Values for the assistant's `{{name}}` templates.
        memory: Which past conversations to recall.
        conversation: Settings of this conversation (its `metadata`).
    """

    model_config: ClassVar[ConfigDict] = ConfigDict(frozen=True, extra="forbid")

    dynamic_variables: dict[str, str | int | float | bool] = Field(default_factory=_no_variables)
    memory: MemorySettings | None = None
    conversation: ConversationSettings | None = None
