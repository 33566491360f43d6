"""The API reference pages' generated parts: a section per action, option and event module."""

from __future__ import annotations

import re
from pathlib import Path

from . import GenerateError
from .discover import Found, Module
from .render import FENCE_END, FENCE_START


def _title(module: Module) -> str:
    text = module.path.read_text(encoding="utf-8")
    match = re.search(r'"""(.+?)(?:\n|""")', text)
    line = match.group(1).strip() if match else module.path.stem
    return line.rstrip(".")


def _entries(module: Module, public: set[str], package: str, forms: set[str]) -> list[str]:
    lines = []
    for name in module.exports:
        where = "telnyx_gather" if name in public else package
        lines.append(f"::: {where}.{name}\n\n")
        if f"{name}Dict" in forms:
            lines.append(f"::: telnyx_gather.commands.{name}Dict\n\n")
    return lines


def commands_reference(found: Found) -> str:
    """The builders, then the nested request objects with their plain-dict forms."""
    builders = {b.name for b in found.builders}
    forms = {f"{m.__name__}Dict" for m in found.nested}
    forms |= {f"{a.name}Dict" for a in found.aliases.values() if a.members}
    text = "| builder | action | `Call` method |\n| --- | --- | --- |\n"
    text += "".join(
        f"| `{b.name}` | `{b.action}` | "
        + (f"`{b.method}` |\n" if b.acts_on_call else f"none: `GatherClient.{b.method}` |\n")
        for b in found.builders
    )
    for module in [*found.actions, *found.options]:
        text += f"\n## {_title(module)}\n\n"
        text += "".join(_entries(module, builders, "telnyx_gather.commands", forms)).rstrip("\n")
        text += "\n"
    return text


def events_reference(found: Found) -> str:
    """Each event family: its events (top level) and their payloads and types."""
    events = {e.name for e in found.events}
    text = "| event type | class |\n| --- | --- |\n"
    text += "".join(f"| `{e.tag}` | `{e.name}` |\n" for e in found.events)
    for module in found.families:
        text += f"\n## {_title(module)}\n\n"
        text += "".join(_entries(module, events, "telnyx_gather.events", set())).rstrip("\n")
        text += "\n"
    return text


def splice_markdown(path: Path, name: str, body: str) -> str:
    """The page at `path` with its `<!-- <generated ...: name> -->` block holding `body`."""
    text = path.read_text(encoding="utf-8")
    start = f"<!-- {FENCE_START.format(name=name)[2:]} -->\n"
    end = f"<!-- {FENCE_END.format(name=name)[2:]} -->\n"
    a, b = text.find(start), text.find(end)
    if a < 0 or b < a:
        raise GenerateError(f"{path}: the block {start.strip()} ... {end.strip()} is missing")
    return text[: a + len(start)] + "\n" + body + "\n" + text[b:]
