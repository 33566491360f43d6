"""`ai_assistant_start`, `ai_assistant_stop` and `ai_assistant_add_messages`."""

from __future__ import annotations

from ....commands import AddAIAssistantMessages, StartAIAssistant, StopAIAssistant
from .._calls import Assistant, CallState, new_uuid
from .._errors import assistant_running
from .._toolkit import Toolkit
from ._declare import ANSWERED, Behaviour, Reply

__all__: list[str] = []
"""Nothing to import: the engine finds `BEHAVIOURS` here by itself."""


def start_assistant(kit: Toolkit, call: CallState, command: StartAIAssistant, at: float) -> Reply:
    """Start an assistant (one per call); its greeting opens the conversation."""
    if call.assistant is not None:
        raise assistant_running()
    conversation_id = new_uuid()
    greeting = command.greeting
    said = [{"role": "assistant", "content": greeting}] if greeting else []
    call.assistant = Assistant(conversation_id, at, said)
    return {"conversation_id": conversation_id}


def stop_assistant(kit: Toolkit, call: CallState, command: StopAIAssistant, at: float) -> Reply:
    """End the assistant: `call.conversation.ended`, then the insights."""
    kit.end_assistant(call, at)
    return None


def add_messages(
    kit: Toolkit, call: CallState, command: AddAIAssistantMessages, at: float
) -> Reply:
    """Append the messages to the running assistant's conversation."""
    if call.assistant is not None:
        for message in command.to_params().get("messages", []):
            call.assistant.messages.append(
                {"role": message.get("role"), "content": message.get("content")}
            )
    return None


BEHAVIOURS = (
    Behaviour(StartAIAssistant, start_assistant, ANSWERED),
    Behaviour(StopAIAssistant, stop_assistant, ANSWERED),
    Behaviour(AddAIAssistantMessages, add_messages, ANSWERED),
)
