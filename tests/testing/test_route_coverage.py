"""Route coverage from the pytest plugin: a fixture suite that leaves one route untested."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

SUITE = """
import pytest
from telnyx_gather import Answer, Hangup
from tests.testing.replay_app import make_app


@pytest.fixture
def telnyx_app(telnyx_sandbox):
    wsgi, _ = make_app(telnyx_sandbox.base_url, telnyx_sandbox.api_key, telnyx_sandbox.public_key)
    return wsgi


def test_menu_then_goodbye(telnyx_flow):
    call = telnyx_flow.ring().press("1")
    telnyx_flow.expect(Hangup, call)
    telnyx_flow.hangup(call)
"""


def _pytest(tmp_path: Path, *options: str) -> subprocess.CompletedProcess[str]:
    (tmp_path / "test_suite.py").write_text(SUITE)
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *options, str(tmp_path)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )


def test_the_report_lists_the_one_route_left_untested_and_the_threshold_fails(
    tmp_path: Path,
) -> None:
    result = _pytest(tmp_path, "--telnyx-coverage-fail-under=90")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "1 passed" in result.stdout
    report = result.stdout[result.stdout.index("telnyx-gather route coverage:") :]
    assert "4 of 5 routes reached (80%)" in report
    untested = [line for line in report.splitlines() if "<- untested" in line]
    assert len(untested) == 1
    assert untested[0].split()[:3] == ["call.gather.ended", "account", "-"]
    assert "make_app.<locals>.account" in untested[0]
    assert "FAILED: route coverage is below 90%" in report
