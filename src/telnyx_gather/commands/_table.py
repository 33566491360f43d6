"""Every command builder as one union, and the action -> class table (the twin of `EVENT_TYPES`)."""

from __future__ import annotations

from typing import Union, get_args

from ._ai_assistant import AddAIAssistantMessages, StartAIAssistant, StopAIAssistant
from ._gather import Gather, GatherUsingAudio, GatherUsingSpeak
from ._gather_ai import GatherUsingAI
from ._stop import StopGather

__all__ = ["COMMAND_TYPES", "AnyCommand"]

AnyCommand = Union[  # noqa: UP007 -- one builder per line reads better than a chain of |
    Gather,
    GatherUsingAudio,
    GatherUsingSpeak,
    GatherUsingAI,
    StopGather,
    StartAIAssistant,
    StopAIAssistant,
    AddAIAssistantMessages,
]
"""Any one command builder; `match` on it is exhaustive under mypy and pyright."""

COMMAND_TYPES: dict[str, type[AnyCommand]] = {cls.action: cls for cls in get_args(AnyCommand)}
"""Each action path segment (`/calls/{id}/actions/{action}`), mapped to its builder."""
