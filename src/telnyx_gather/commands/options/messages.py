"""Conversation messages: the `role`-discriminated union and `gather_using_ai` history."""

from collections.abc import Sequence
from typing import TYPE_CHECKING, Annotated, Literal

from pydantic import Discriminator, JsonValue, model_validator
from typing_extensions import NotRequired, Self, TypedDict

from .._base import StrictModel
from .._fields import ListOf

__all__ = [
    "AssistantMessage",
    "AssistantMessageDict",
    "DeveloperMessage",
    "DeveloperMessageDict",
    "HistoryMessage",
    "HistoryMessageDict",
    "Message",
    "MessageDict",
    "SystemMessage",
    "SystemMessageDict",
    "ToolCall",
    "ToolCallDict",
    "ToolCallFunction",
    "ToolCallFunctionDict",
    "ToolMessage",
    "ToolMessageDict",
    "UserMessage",
    "UserMessageDict",
]


class ToolCallFunction(StrictModel):
    """The function a tool call invokes."""

    name: str


class ToolCallFunctionDict(TypedDict):
    """`ToolCallFunction` as a plain dict."""

    name: str


class ToolCall(StrictModel):
    """A function call the model made; answer it with a `ToolMessage` of the same id."""

    id: str
    type: Literal["function"] = "function"
    function: ToolCallFunction

    if TYPE_CHECKING:

        def __init__(
            self,
            *,
            id: str,
            type: Literal["function"] = ...,
            function: ToolCallFunction | ToolCallFunctionDict,
        ) -> None: ...


class ToolCallDict(TypedDict):
    """`ToolCall` as a plain dict."""

    id: str
    type: NotRequired[Literal["function"]]
    function: ToolCallFunction | ToolCallFunctionDict


class _TextMessage(StrictModel):
    """The fields of every message whose `content` is required.

    Attributes:
        content: The text of the message.
        metadata: Free-form metadata attached to the message.
    """

    content: str
    metadata: dict[str, JsonValue] | None = None


class _TextMessageDict(TypedDict):
    content: str
    metadata: NotRequired[dict[str, JsonValue]]


class UserMessage(_TextMessage):
    """A message from the caller."""

    role: Literal["user"] = "user"


class UserMessageDict(_TextMessageDict):
    """`UserMessage` as a plain dict."""

    role: Literal["user"]


class AssistantMessage(StrictModel):
    """A message from the assistant: `content`, `tool_calls`, or both (at least one)."""

    role: Literal["assistant"] = "assistant"
    content: str | None = None
    tool_calls: ListOf[ToolCall] | None = None
    metadata: dict[str, JsonValue] | None = None

    if TYPE_CHECKING:

        def __init__(
            self,
            *,
            role: Literal["assistant"] = ...,
            content: str | None = None,
            tool_calls: Sequence[ToolCall | ToolCallDict] | None = None,
            metadata: dict[str, JsonValue] | None = None,
        ) -> None: ...

    @model_validator(mode="after")
    def _content_or_tool_calls(self) -> Self:
        if self.content is None and not self.tool_calls:
            raise ValueError("content: required unless tool_calls is set")
        return self


class AssistantMessageDict(TypedDict):
    """`AssistantMessage` as a plain dict."""

    role: Literal["assistant"]
    content: NotRequired[str]
    tool_calls: NotRequired[Sequence[ToolCall | ToolCallDict]]
    metadata: NotRequired[dict[str, JsonValue]]


class ToolMessage(_TextMessage):
    """The result of a tool call, answering the `ToolCall` with id `tool_call_id`."""

    role: Literal["tool"] = "tool"
    tool_call_id: str


class ToolMessageDict(_TextMessageDict):
    """`ToolMessage` as a plain dict."""

    role: Literal["tool"]
    tool_call_id: str


class SystemMessage(_TextMessage):
    """Instructions the model follows regardless of what the caller says."""

    role: Literal["system"] = "system"


class SystemMessageDict(_TextMessageDict):
    """`SystemMessage` as a plain dict."""

    role: Literal["system"]


class DeveloperMessage(_TextMessage):
    """Developer instructions the model follows regardless of what the caller says."""

    role: Literal["developer"] = "developer"


class DeveloperMessageDict(_TextMessageDict):
    """`DeveloperMessage` as a plain dict."""

    role: Literal["developer"]


Message = Annotated[
    UserMessage | AssistantMessage | ToolMessage | SystemMessage | DeveloperMessage,
    Discriminator("role"),
]
"""One message of `ai_assistant_add_messages`, discriminated on `role`."""

MessageDict = (
    UserMessageDict
    | AssistantMessageDict
    | ToolMessageDict
    | SystemMessageDict
    | DeveloperMessageDict
)
"""`Message` as a plain dict."""


class HistoryMessage(StrictModel):
    """One earlier turn given to `gather_using_ai` as `message_history`.

    Attributes:
        content: What was said.
        role: Who said it.
    """

    content: str | None = None
    role: Literal["assistant", "user"] | None = None


class HistoryMessageDict(TypedDict, total=False):
    """`HistoryMessage` as a plain dict."""

    content: str
    role: Literal["assistant", "user"]
