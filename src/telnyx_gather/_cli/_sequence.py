"""A call's timeline as a self-contained HTML page: an SVG sequence diagram, no scripts.

It draws `timeline_rows` (the same rows the terminal timeline prints):
Telnyx on the left, the app on the right, a webhook as an arrow to the app
and a command as an arrow back, each labelled with its call time.
"""

from __future__ import annotations

from collections.abc import Mapping
from html import escape
from pathlib import Path
from typing import Any

from .._errors import safe_repr
from ..testing._timeline import timeline_rows
from ._io import UsageError

__all__ = ["sequence_html", "write_html"]

_LEFT, _RIGHT, _TOP, _STEP = 180, 720, 70, 44


def sequence_html(log: Mapping[str, list[dict[str, Any]]], *, title: str) -> str:
    """The page for the sandbox log `log` (as `Sandbox.log()` or `ReplayResult.log()` give)."""
    rows = timeline_rows(log)
    height = _TOP + _STEP * len(rows) + 40
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="900" height="{height}" '
        f'role="img" aria-label="{escape(title)}">',
        '<defs><marker id="head" markerWidth="10" markerHeight="8" refX="9" refY="4" '
        'orient="auto"><path d="M0,0 L10,4 L0,8 z"/></marker></defs>',
    ]
    for x, name in ((_LEFT, "Telnyx"), (_RIGHT, "App")):
        parts.append(f'<rect x="{x - 60}" y="10" width="120" height="32" rx="4" class="actor"/>')
        parts.append(f'<text x="{x}" y="31" text-anchor="middle">{name}</text>')
        parts.append(f'<line x1="{x}" y1="42" x2="{x}" y2="{height - 10}" class="life"/>')
    for n, (at, arrow, name, detail) in enumerate(rows):
        y = _TOP + _STEP * n
        start, end = (_LEFT, _RIGHT) if arrow == "<-" else (_RIGHT, _LEFT)
        kind = "webhook" if arrow == "<-" else "command"
        parts.append(f'<text x="20" y="{y + 4}" class="time">{at:.2f}s</text>')
        parts.append(
            f'<line x1="{start}" y1="{y + 8}" x2="{end}" y2="{y + 8}" class="{kind}" '
            'marker-end="url(#head)"/>'
        )
        label = f"{name}  {detail}".strip()
        label = label if len(label) <= 90 else label[:87] + "..."
        parts.append(
            f'<text x="{(_LEFT + _RIGHT) // 2}" y="{y + 2}" text-anchor="middle">'
            f"{escape(label)}</text>"
        )
    parts.append("</svg>")
    return (
        '<!doctype html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>{escape(title)}</title><style>"
        "body{font:13px system-ui,sans-serif;margin:24px}"
        "svg text{font:12px ui-monospace,monospace}.actor{fill:#e0f2f1;stroke:#00796b}"
        ".life{stroke:#999;stroke-dasharray:4 4}.webhook{stroke:#00796b;stroke-width:1.5}"
        ".command{stroke:#6a1b9a;stroke-width:1.5}.time{fill:#666}"
        f"</style></head><body><h1>{escape(title)}</h1>\n" + "\n".join(parts) + "\n</body></html>\n"
    )


def write_html(path: str, log: Mapping[str, list[dict[str, Any]]], *, title: str) -> None:
    """Write `sequence_html` to `path`."""
    try:
        Path(path).write_text(sequence_html(log, title=title), encoding="utf-8")
    except OSError as exc:
        raise UsageError(f"cannot write {safe_repr(path)}: {exc.strerror}") from None
