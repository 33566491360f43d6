"""Who picks up an outbound call: a person, or an answering machine playing its greeting.

A callee scripted with `Sandbox.callee(..., answered_by=...)` is one or the
other; answering machine detection (`answering_machine_detection` on `dial`
or `transfer`) reports which, once the leg is answered.
"""

from __future__ import annotations

from typing import ClassVar, Literal

from pydantic import BaseModel, ConfigDict

from ._script import Seconds

__all__ = ["Human", "Machine"]


class _Answerer(BaseModel):
    model_config: ClassVar[ConfigDict] = ConfigDict(frozen=True, extra="forbid", strict=True)


class Human(_Answerer):
    """A person picks up (the default): detection says `human`.

    Attributes:
        business: Premium detection hears a business line (`human_business`)
            rather than a home (`human_residence`).
    """

    type: Literal["human"] = "human"
    business: bool = False


class Machine(_Answerer):
    """An answering machine picks up and plays its greeting: detection says `machine`.

    Attributes:
        greeting: Call seconds from the answer to the end of the greeting.
        beep: Whether the greeting ends with a beep (leave the message then);
            without one it ends in silence.
    """

    type: Literal["machine"] = "machine"
    greeting: Seconds = 5.0
    beep: bool = True
