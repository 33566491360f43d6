"""Every command builder as one union, and the action -> class table (the twin of `EVENT_TYPES`)."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Union, get_args

from ._ai_assistant import AddAIAssistantMessages, StartAIAssistant, StopAIAssistant
from ._answer import Answer
from ._gather import Gather, GatherUsingAudio, GatherUsingSpeak
from ._gather_ai import GatherUsingAI
from ._hangup import Hangup
from ._stop import StopGather

__all__ = ["COMMANDS", "AnyCommand"]

AnyCommand = Union[  # noqa: UP007 -- one builder per line reads better than a chain of |
    Gather,
    GatherUsingAudio,
    GatherUsingSpeak,
    GatherUsingAI,
    StopGather,
    StartAIAssistant,
    StopAIAssistant,
    AddAIAssistantMessages,
    Answer,
    Hangup,
]
"""Any one command builder; `match` on it is exhaustive under mypy and pyright."""

COMMANDS: Mapping[str, type[AnyCommand]] = MappingProxyType(
    {cls.action: cls for cls in get_args(AnyCommand)}
)
"""Each action, the path segment of `/calls/{call_control_id}/actions/{action}`, to its builder."""
