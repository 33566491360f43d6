"""Transcripts are held as untracked dicts and read as models: nothing observable changes.

`message_history` and `messages` (and a message's `tool_calls`) are validated
at parse time into plain dicts the garbage collector does not track; reading
the attribute gives the same models a model-per-message parse gave.
"""

from __future__ import annotations

import copy
import gc
import pickle
from typing import Any

import pytest

from telnyx_gather import (
    CallAIGatherEnded,
    CallConversationEnded,
    WebhookParseError,
    parse_event,
    testing,
)
from telnyx_gather.events import (
    AIGatherMessage,
    CallAIGatherEndedPayload,
    ConversationMessage,
    ConversationToolCall,
    ConversationToolCallFunction,
)

HISTORY: list[dict[str, Any]] = [
    {"role": "user"},
    {"role": "assistant", "content": "Hello.", "extra": [1]},
]


def ended(history: object = HISTORY) -> CallAIGatherEnded:
    event = parse_event(testing.call_ai_gather_ended(message_history=history))
    assert isinstance(event, CallAIGatherEnded)
    return event


def test_the_transcript_is_held_untracked_until_read() -> None:
    event = ended([{"role": "user"}, {"role": "assistant", "content": "Hi.", "extra": "kept"}])
    held = event.payload.__dict__["message_history"]
    assert [gc.is_tracked(message) for message in held] == [False, False]
    assert held == [{"role": "user"}, {"role": "assistant", "content": "Hi.", "extra": "kept"}]


def test_reading_gives_models_once() -> None:
    payload = ended().payload
    history = payload.message_history
    assert history is not None
    assert history is payload.message_history
    assert all(type(m) is AIGatherMessage for m in history)
    assert [(m.role, m.content) for m in history] == [("user", None), ("assistant", "Hello.")]
    assert [sorted(m.model_fields_set) for m in history] == [["role"], ["content", "extra", "role"]]
    assert history[1].model_extra == {"extra": [1]}


def test_equality_repr_iteration_and_dumps_see_the_models() -> None:
    event, same = ended(), ended([{"role": "user", "content": None}, HISTORY[1]])
    assert event.payload == same.payload
    assert event.payload != ended(HISTORY[:1]).payload
    assert "AIGatherMessage(role='user', content=None)" in repr(event)
    assert dict(event.payload)["message_history"] == event.payload.message_history
    assert event.payload.model_dump(include={"message_history": {0: {"role"}}}) == {
        "message_history": [{"role": "user"}]
    }
    assert event.payload.model_dump(exclude_unset=True)["message_history"] == HISTORY
    assert pickle.loads(pickle.dumps(event)) == event
    assert copy.deepcopy(event) == event


def test_built_in_python_it_holds_and_reads_the_same() -> None:
    parsed = ended().payload
    built = CallAIGatherEndedPayload(
        call_control_id=parsed.call_control_id,
        call_leg_id=parsed.call_leg_id,
        call_session_id=parsed.call_session_id,
        connection_id=parsed.connection_id,
        client_state=parsed.client_state,
        **{"from": parsed.from_},
        to=parsed.to,
        message_history=[AIGatherMessage(role="user"), HISTORY[1]],
        result=parsed.result,
        status=parsed.status,
    )
    assert built == parsed
    assert built.__dict__["message_history"] == HISTORY
    copied = built.model_copy(update={"message_history": [AIGatherMessage(role="x")]})
    assert [m.role for m in copied.message_history or []] == ["x"]


@pytest.mark.parametrize(
    ("history", "error"),
    [
        ([1], "payload.message_history.0: Input should be an object"),
        ([{"content": "x"}], "payload.message_history.0.role: Field required"),
        ("x", "payload.message_history: Input should be a valid array"),
    ],
)
def test_a_bad_message_fails_at_parse_time(history: object, error: str) -> None:
    with pytest.raises(WebhookParseError, match=error):
        ended(history)


def test_conversation_messages_and_tool_calls_read_as_models() -> None:
    event = parse_event(
        testing.call_conversation_ended(
            messages=[{"role": "assistant", "tool_calls": [{"id": "c", "function": {"name": "f"}}]}]
        )
    )
    assert isinstance(event, CallConversationEnded)
    (message,) = event.payload.messages or []
    assert type(message) is ConversationMessage
    (call,) = message.tool_calls or []
    assert type(call) is ConversationToolCall
    assert call.function == ConversationToolCallFunction(name="f")
