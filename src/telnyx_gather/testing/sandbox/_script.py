"""What the scripted caller does: one step answers one prompt.

A call's script is a queue of steps. Each prompt the caller hears (each try
of a gather, or an AI gather) takes the next step; an empty script means the
caller stays silent. An AI assistant takes each `AssistantTurn` at the head
of the script, in order (a `HangUp` there ends the call).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated, ClassVar, Literal, Union

from pydantic import BaseModel, ConfigDict, Field, JsonValue
from typing_extensions import Self

__all__ = ["AIAnswer", "AssistantTurn", "CallerStep", "HangUp", "Press", "Silence", "ToolUse"]

_DTMF = "0123456789*#ABCD"
Keys = Annotated[str, Field(min_length=1, max_length=256, pattern=f"^[{_DTMF}]+$")]
"""DTMF keys, from `0-9 * # A-D`."""

Seconds = Annotated[float, Field(ge=0, le=86_400, allow_inf_nan=False)]
"""A delay in call time (virtual seconds, before time scaling)."""


class _Step(BaseModel):
    model_config: ClassVar[ConfigDict] = ConfigDict(frozen=True, extra="forbid", strict=True)


class Press(_Step):
    """The caller presses DTMF keys.

    Attributes:
        digits: The keys, in order, from `0-9 * # A-D`.
        delay: Seconds from the end of the prompt (the start of a plain
            `gather`) to the first key.
        gap: Seconds between keys. A gap longer than the gather's
            inter-digit timeout ends the input early.
        after: DTMF the party must hear first (sent with `send_dtmf`, as
            a callee's menu waits for its code). Until then the party is
            silent; once heard, it presses at once (or at the next prompt
            when a gather runs).
    """

    type: Literal["press"] = "press"
    digits: Keys
    delay: Seconds = 1.0
    gap: Seconds = 0.3
    after: Annotated[str, Field(min_length=1, max_length=256, pattern=f"^[{_DTMF}]+$")] | None = (
        None
    )


class Silence(_Step):
    """The caller says and presses nothing, so the prompt times out."""

    type: Literal["silence"] = "silence"


class HangUp(_Step):
    """The caller hangs up `delay` seconds after the prompt ends."""

    type: Literal["hang_up"] = "hang_up"
    delay: Seconds = 1.0


class AIAnswer(_Step):
    """The caller answers an AI gather.

    Attributes:
        result: The values the assistant gathers from the answer.
        say: What the caller says; it joins the message history. Defaults
            to a sentence built from `result`.
        partial: The partial results sent, in order, when the command asked
            for them. `None` builds one per field of `result`, cumulatively.
        delay: Seconds from the end of the greeting to the answer.
    """

    type: Literal["ai_answer"] = "ai_answer"
    result: dict[str, JsonValue]
    say: Annotated[str, Field(max_length=3000)] | None = None
    partial: list[dict[str, JsonValue]] | None = None
    delay: Seconds = 1.0


class ToolUse(_Step):
    """One webhook tool call the assistant's model makes, with the arguments it filled in.

    Attributes:
        name: The tool's `name`, as the assistant's tools declare it.
        arguments: The arguments the sandbox posts (merged under the
            tool's `preset_body_fields`). They need not fit the tool's
            schema: a misfit shows how the app answers one.
    """

    name: Annotated[str, Field(min_length=1, max_length=256)]
    arguments: dict[str, JsonValue] = Field(default_factory=dict[str, JsonValue])

    @classmethod
    def of(cls, name: str, arguments: Mapping[str, JsonValue] | BaseModel) -> Self:
        """A call of the tool `name`; `arguments` may be an instance of the tool's model."""
        values = (
            arguments.model_dump(mode="json")
            if isinstance(arguments, BaseModel)
            else dict(arguments)
        )
        return cls(name=name, arguments=values)


class AssistantTurn(_Step):
    """One turn of a conversation with an AI assistant (`ai_assistant_start`).

    The caller says `say`; the assistant's model then calls each tool of
    `tools` in order (the sandbox posts them to the app and waits for each
    answer within the tool's deadline), and answers with `reply`.

    Attributes:
        say: What the caller says; it joins the transcript as a `user` message.
        tools: The webhook tool calls the model makes in answer.
        reply: What the assistant says after its tool calls. Defaults to a
            sentence naming the tools it used.
        delay: Seconds from the end of the assistant's last words to the
            caller's.
    """

    type: Literal["assistant_turn"] = "assistant_turn"
    say: Annotated[str, Field(min_length=1, max_length=3000)]
    tools: list[ToolUse] = Field(default_factory=list[ToolUse])
    reply: Annotated[str, Field(max_length=3000)] | None = None
    delay: Seconds = 1.0


CallerStep = Annotated[
    Union[Press, Silence, HangUp, AIAnswer, AssistantTurn],  # noqa: UP007
    Field(discriminator="type"),
]
"""Any one step of a caller script."""
