"""Every generated file and fenced block is what `scripts/generate.py` writes from the models."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_generated_files_are_current() -> None:
    run = subprocess.run(
        [sys.executable, "scripts/generate.py", "--check"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, (
        f"{run.stdout}{run.stderr}\nrun: .venv/bin/python scripts/generate.py"
    )
