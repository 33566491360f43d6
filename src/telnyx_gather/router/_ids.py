"""Deterministic `command_id`s: the same event and position always give the same id."""

from __future__ import annotations

from collections.abc import Sequence
from uuid import UUID, uuid5

from ..commands import Command

__all__ = ["NAMESPACE", "command_id", "with_command_ids"]

NAMESPACE = UUID("6f1c3a52-8d0e-5b7a-9c4e-2a7d51b0e8f3")
"""The UUID5 namespace of the ids the router derives."""


def command_id(event_id: str, position: int) -> str:
    """The `command_id` the router gives the command at `position` (0-based) of `event_id`.

    A redelivered event, handled by any worker, sends the same ids, so Telnyx
    ignores the commands it has already run on the call.
    """
    return str(uuid5(NAMESPACE, f"{event_id}/{position}"))


def with_command_ids(commands: Sequence[Command], event_id: str | None) -> list[Command]:
    """`commands`, each with its derived `command_id` unless it already has one.

    An event without an `id` gives no ids to derive from: its commands are
    left as they are, and the client draws a random one for each.
    """
    if event_id is None:
        return list(commands)
    return [
        command
        if command.command_id is not None
        else command.model_copy(update={"command_id": command_id(event_id, position)})
        for position, command in enumerate(commands)
    ]
