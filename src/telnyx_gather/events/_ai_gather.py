"""The `call.ai_gather.*` events."""

from typing import Annotated, Any, ClassVar, Literal, TypeVar

from pydantic import BaseModel, JsonValue

from ._ai_result import validate_partial, validate_result
from ._base import CallEvent, EventModel, PartiesPayload
from ._lean import LEAN

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

M = TypeVar("M", bound=BaseModel)

AIGatherStatus = Literal["valid", "invalid"]
"""How an AI gather ended. Values Telnyx adds later arrive as plain strings."""

_EXAMPLE_PARTIES: dict[str, Any] = {
    "call_control_id": "v2:T02llQxIyaRkhfRKxgAP8nY511EhFLizdvdUKJiSw8d6A9BborherQ",
    "connection_id": "7267xxxxxxxxxxxxxx",
    "call_leg_id": "428c31b6-7af4-4bcb-b7f5-5013ef9657c1",
    "call_session_id": "428c31b6-7af4-4bcb-b7f5-5013ef9657c1",
    "client_state": "aGF2ZSBhIG5pY2UgZGF5ID1d",
    "from": "+35319605860",
    "to": "+35319605860",
}
_EXAMPLE_HISTORY: list[dict[str, Any]] = [
    {"content": "Hello, can you tell me your age and where you live?", "role": "assistant"},
    {"content": "Hello, I'm 29 and I live in Paris?", "role": "user"},
]


class AIGatherMessage(EventModel):
    """One turn of the conversation held during an AI gather."""

    role: Literal["assistant", "user"] | str
    content: str | None = None


class _AIGatherPayload(PartiesPayload):
    message_history: Annotated[list[AIGatherMessage] | None, LEAN] = None
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

    def result_as(self, model: type[M]) -> M:
        """Return `result` validated into `model`, the class the command gathered with.

        Look at `status` first: a gather that ended `"invalid"` may carry an
        incomplete result, which raises here.

        Args:
            model: The Pydantic model passed as `GatherUsingAI(parameters=...)`.

        Returns:
            The validated `model` instance.

        Raises:
            WebhookParseError: If `result` is absent or does not fit `model`;
                the message names the field and never echoes the values.
        """
        return validate_result(model, self.result, "result")


class CallAIGatherEnded(CallEvent):
    """An AI gather finished, with its result."""

    event_type: Literal["call.ai_gather.ended"]
    payload: CallAIGatherEndedPayload
    example_payload: ClassVar[dict[str, Any]] = {
        **_EXAMPLE_PARTIES,
        "status": "valid",
        "message_history": _EXAMPLE_HISTORY,
        "result": {"age": 29, "city": "Paris"},
    }


class CallAIGatherMessageHistoryUpdatedPayload(_AIGatherPayload):
    """Payload of `call.ai_gather.message_history_updated`."""


class CallAIGatherMessageHistoryUpdated(CallEvent):
    """The AI gather's conversation gained a message.

    Sent only when the command set `send_message_history_updates`.
    """

    event_type: Literal["call.ai_gather.message_history_updated"]
    payload: CallAIGatherMessageHistoryUpdatedPayload
    example_payload: ClassVar[dict[str, Any]] = {
        **_EXAMPLE_PARTIES,
        "message_history": _EXAMPLE_HISTORY,
    }


class CallAIGatherPartialResultsPayload(_AIGatherPayload):
    """Payload of `call.ai_gather.partial_results`.

    Attributes:
        partial_results: The values gathered so far.
    """

    partial_results: dict[str, JsonValue] | None = None

    def partial_results_as(self, model: type[BaseModel]) -> dict[str, object]:
        """Return the fields gathered so far, each validated against `model`.

        Python has no type for "some of `model`'s fields", so the answer is a
        dict from field name to the validated value (a nested model, a date,
        an enum member...), holding only the fields present; the complete,
        typed result comes with `call.ai_gather.ended` (`result_as`). Each
        field is checked against its type and constraints; `model`'s
        `field_validator`/`model_validator` methods run only in `result_as`.

        Args:
            model: The Pydantic model passed as `GatherUsingAI(parameters=...)`.

        Returns:
            Field name to validated value; empty when nothing was gathered yet.

        Raises:
            WebhookParseError: If a present field does not fit `model`; the
                message names the field and never echoes the values.
        """
        return validate_partial(model, self.partial_results, "partial_results")


class CallAIGatherPartialResults(CallEvent):
    """The AI gather has part of its result.

    Sent only when the command set `send_partial_results`.
    """

    event_type: Literal["call.ai_gather.partial_results"]
    payload: CallAIGatherPartialResultsPayload
    example_payload: ClassVar[dict[str, Any]] = {
        **_EXAMPLE_PARTIES,
        "message_history": _EXAMPLE_HISTORY,
        "partial_results": {"age": 29, "city": "Paris"},
    }
