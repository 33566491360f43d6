"""What the scripted caller does: one step answers one prompt.

A call's script is a queue of steps. Each prompt the caller hears (each try
of a gather, or an AI gather) takes the next step; an empty script means the
caller stays silent.
"""

from __future__ import annotations

from typing import Annotated, ClassVar, Literal, Union

from pydantic import BaseModel, ConfigDict, Field, JsonValue

__all__ = ["AIAnswer", "CallerStep", "HangUp", "Press", "Silence"]

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


CallerStep = Annotated[Union[Press, Silence, HangUp, AIAnswer], Field(discriminator="type")]  # noqa: UP007
"""Any one step of a caller script."""
