"""`examples/make_lambda_event.py` makes an event that `examples/lambda_handler.py` accepts."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def _run(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *args], capture_output=True, text=True, env=env, timeout=60, check=True
    )


def test_the_made_event_runs_through_the_lambda_example(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "TELNYX_PUBLIC_KEY"}
    event = tmp_path / "event.json"
    made = _run(str(EXAMPLES / "make_lambda_event.py"), str(event), env=env)
    name, _, key = made.stdout.strip().removeprefix("export ").partition("=")
    assert name == "TELNYX_PUBLIC_KEY"
    assert json.loads(event.read_text())["version"] == "2.0"
    handled = _run(str(EXAMPLES / "lambda_handler.py"), str(event), env={**env, name: key})
    assert json.loads(handled.stdout)["statusCode"] == 200
    assert "caller entered 1# (valid)" in handled.stderr


def test_a_key_other_than_the_printed_one_is_refused(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "TELNYX_PUBLIC_KEY"}
    first, second = tmp_path / "first.json", tmp_path / "second.json"
    _run(str(EXAMPLES / "make_lambda_event.py"), str(first), env=env)
    other = _run(str(EXAMPLES / "make_lambda_event.py"), str(second), env=env)
    key = other.stdout.strip().partition("=")[2]
    handled = _run(
        str(EXAMPLES / "lambda_handler.py"), str(first), env={**env, "TELNYX_PUBLIC_KEY": key}
    )
    assert json.loads(handled.stdout)["statusCode"] == 401
