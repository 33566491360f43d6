"""`ai_assistant_start`, `ai_assistant_stop` and `ai_assistant_add_messages`."""

from __future__ import annotations

from ....commands import AddAIAssistantMessages, StartAIAssistant, StopAIAssistant
from .._assistants import AssistantSettings
from .._calls import Assistant, CallState, new_uuid
from .._conversation import Conversation
from .._errors import assistant_running
from .._toolkit import Toolkit
from ._declare import ANSWERED, Behaviour, Reply

__all__: list[str] = []
"""Nothing to import: the engine finds `BEHAVIOURS` here by itself."""


def start_assistant(kit: Toolkit, call: CallState, command: StartAIAssistant, at: float) -> Reply:
    """Start an assistant (one per call): it plays the caller's turns (see `_conversation`)."""
    if call.assistant is not None:
        raise assistant_running()
    conversation_id = new_uuid()
    call.assistant = Assistant(conversation_id, at, [])
    saved = kit.assistants.get(command.assistant.id or "") if command.assistant else None
    settings = AssistantSettings() if saved is None else saved
    Conversation(kit, call, call.assistant, command, settings).start(at)
    return {"conversation_id": conversation_id}


def stop_assistant(kit: Toolkit, call: CallState, command: StopAIAssistant, at: float) -> Reply:
    """End the assistant: `call.conversation.ended`, then the insights."""
    kit.end_assistant(call, at)
    return None


def add_messages(
    kit: Toolkit, call: CallState, command: AddAIAssistantMessages, at: float
) -> Reply:
    """Append the messages to the running assistant's conversation.

    Each command answers one async tool call still waiting for its result.
    """
    assistant = call.assistant
    if assistant is not None:
        for message in command.to_params().get("messages", []):
            said = {"role": message.get("role"), "content": message.get("content")}
            said.update((k, message[k]) for k in ("tool_call_id", "tool_calls") if k in message)
            assistant.messages.append(said)
        assistant.pending_async = max(0, assistant.pending_async - 1)
        assistant.notify()
    return None


BEHAVIOURS = (
    Behaviour(StartAIAssistant, start_assistant, ANSWERED),
    Behaviour(StopAIAssistant, stop_assistant, ANSWERED),
    Behaviour(AddAIAssistantMessages, add_messages, ANSWERED),
)
