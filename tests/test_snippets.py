"""Every ```python block in the README and the documentation runs as written.

A block directly after a `<!-- not-run: reason -->` line is left out; use
that only for snippets that need a real account or a framework server (the
reason names the test that runs the same code instead).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md"))]
BLOCK = re.compile(r"(<!-- not-run:[^>]*-->\n)?```python\n(.*?)```", re.S)


def _blocks(page: Path) -> list[str]:
    return [code for marker, code in BLOCK.findall(page.read_text()) if not marker]


SNIPPETS = [
    pytest.param(page, code, id=f"{page.relative_to(ROOT)}:{i}")
    for page in PAGES
    for i, code in enumerate(_blocks(page))
]


@pytest.mark.parametrize("page", [ROOT / "README.md", ROOT / "docs" / "quickstart.md"])
def test_page_has_runnable_snippets(page: Path) -> None:
    assert _blocks(page)


@pytest.mark.parametrize(("page", "code"), SNIPPETS)
def test_snippet_runs(page: Path, code: str) -> None:
    # dont_inherit: run as a fresh module would, without this file's `from __future__` imports.
    exec(compile(code, str(page), "exec", dont_inherit=True), {"__name__": "snippet"})
