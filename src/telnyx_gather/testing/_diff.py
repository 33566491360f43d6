"""Comparing the commands an app sent on replay with the recorded ones, delivery by delivery."""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

from ._cassette import RecordedCommand
from ._redact import Redaction

__all__ = ["CommandChange", "comparable", "diff_commands"]

IGNORED = frozenset({"command_id"})
"""Fields left out of the comparison: the router derives `command_id` from the event."""

_PHONE = re.compile(r"\+[1-9]\d{6,14}")


@dataclass(frozen=True)
class CommandChange:
    """One difference between the recorded and the replayed commands.

    Attributes:
        kind: `"added"` (sent on replay only), `"removed"` (recorded only) or
            `"changed"` (the same action with a field changed).
        delivery: The position (from 1) in the cassette of the delivery the
            command answered.
        event_type: That delivery's event type.
        action: The command's action, such as `gather_using_speak`.
        field: For `"changed"`: the field, dotted for nested ones (`parameters.type`).
        recorded: For `"changed"`: the recorded value (`None` if it was unset).
        replayed: For `"changed"`: the replayed value (`None` if it is unset).
    """

    kind: Literal["added", "removed", "changed"]
    delivery: int
    event_type: str
    action: str
    field: str | None = None
    recorded: object = None
    replayed: object = None

    def __str__(self) -> str:
        where = f"after {self.event_type} (delivery {self.delivery}): "
        if self.kind != "changed":
            return f"{where}command {self.kind}: {self.action}"
        return (
            f"{where}{self.action}: field {self.field} changed: "
            f"{_shown(self.recorded)} -> {_shown(self.replayed)}"
        )


def _shown(value: object) -> str:
    if value is None:
        return "(unset)"
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 80 else text[:77] + "..."


def comparable(body: dict[str, Any], rules: Redaction) -> dict[str, Any]:
    """A command body as the diff compares it: redacted by `rules`, any phone number as `<phone>`.

    A recorded body holds stand-ins for phone numbers; the replayed one may
    hold the real number the app was written with. Neither is compared.
    """
    redacted = rules.redactor().command(body)
    return {k: _no_phones(v) for k, v in redacted.items() if k not in IGNORED}


def _no_phones(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _no_phones(v) for k, v in value.items()}  # pyright: ignore[reportUnknownVariableType]
    if isinstance(value, list):
        return [_no_phones(v) for v in value]  # pyright: ignore[reportUnknownVariableType]
    return _PHONE.sub("<phone>", value) if isinstance(value, str) else value


def diff_commands(
    delivery: int,
    event_type: str,
    recorded: Sequence[RecordedCommand],
    replayed: Sequence[RecordedCommand],
    rules: Redaction,
) -> list[CommandChange]:
    """The changes between the commands recorded for one delivery and those sent on replay.

    Commands are matched by action in order (as `difflib` aligns lines); a
    matched pair is compared field by field.
    """
    before = [c.action for c in recorded]
    after = [c.action for c in replayed]
    changes: list[CommandChange] = []
    matcher = difflib.SequenceMatcher(a=before, b=after, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            for old, new in zip(recorded[i1:i2], replayed[j1:j2], strict=False):
                changes += _fields(delivery, event_type, old, new, rules)
            continue
        changes += [
            CommandChange("removed", delivery, event_type, c.action) for c in recorded[i1:i2]
        ]
        changes += [CommandChange("added", delivery, event_type, c.action) for c in replayed[j1:j2]]
    return changes


def _fields(
    delivery: int, event_type: str, old: RecordedCommand, new: RecordedCommand, rules: Redaction
) -> list[CommandChange]:
    before = _flat(comparable(old.body, rules))
    after = _flat(comparable(new.body, rules))
    return [
        CommandChange(
            "changed", delivery, event_type, old.action, name, before.get(name), after.get(name)
        )
        for name in sorted(before.keys() | after.keys())
        if before.get(name) != after.get(name)
    ]


def _flat(value: Any, prefix: str = "") -> dict[str, Any]:
    """Nested objects as dotted paths (`parameters.properties.name.type`); lists stay whole."""
    if not isinstance(value, dict) or (prefix and not value):
        return {prefix: value}
    flat: dict[str, Any] = {}
    for key, item in value.items():  # pyright: ignore[reportUnknownVariableType]
        flat.update(_flat(item, f"{prefix}.{key}" if prefix else str(key)))  # pyright: ignore[reportUnknownArgumentType]
    return flat
