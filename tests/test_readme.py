"""Every ```python block in the README runs as written.

A block directly after a `<!-- not-run: reason -->` line is left out; use
that only for snippets that need a real account or a framework server.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

README = Path(__file__).resolve().parents[1] / "README.md"
BLOCK = re.compile(r"(<!-- not-run:[^>]*-->\n)?```python\n(.*?)```", re.S)
BLOCKS = [code for marker, code in BLOCK.findall(README.read_text()) if not marker]


def test_readme_has_runnable_snippets() -> None:
    assert BLOCKS


@pytest.mark.parametrize("code", BLOCKS, ids=[f"block{i}" for i in range(len(BLOCKS))])
def test_readme_snippet_runs(code: str) -> None:
    # dont_inherit: run as a fresh module would, without this file's `from __future__` imports.
    exec(compile(code, str(README), "exec", dont_inherit=True), {"__name__": "readme"})
