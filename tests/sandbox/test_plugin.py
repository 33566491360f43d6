"""The pytest plugin, as a user gets it: installing the package registers it (entry point).

Each test writes a user's test file that defines only `telnyx_app`, and runs
pytest on it in a fresh process, so the fixtures come from the entry point.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from .flow_app import SOURCE

USER_TESTS = """
from telnyx_gather import Answer, GatherUsingSpeak, Hangup
from telnyx_gather.testing import CallFlow

import pytest


@pytest.fixture
def telnyx_app(telnyx_sandbox):
    wsgi, asgi = make_app(telnyx_sandbox.base_url, telnyx_sandbox.api_key, telnyx_sandbox.public_key)
    return {KIND}


def test_a_whole_call(telnyx_flow: CallFlow, telnyx_app) -> None:
    call = telnyx_flow.ring().press("1")
    telnyx_flow.expect(Answer, call)
    menu = telnyx_flow.expect(GatherUsingSpeak, call)
    assert menu.payload == "Press 1 for sales."
    telnyx_flow.expect(Hangup, call)
    gone = telnyx_flow.hangup(call)
    assert gone.payload.hangup_source == "callee"
    assert telnyx_app.choices == ["1"]
    assert [type(c).__name__ for c in telnyx_flow.commands(call)] == ["Answer", "GatherUsingSpeak", "Hangup"]
    received = [e.event_type for e in telnyx_flow.events(call)]
    assert received[:2] == ["call.initiated", "call.answered"] and received[-1] == "call.hangup"


def test_a_missing_command_fails_with_what_was_sent(telnyx_flow: CallFlow) -> None:
    call = telnyx_flow.ring().press("1")
    with pytest.raises(AssertionError, match="it sent: Answer"):
        telnyx_flow.expect(Answer, call, count=2, timeout=0.5)
"""


MARKED = """
from telnyx_gather.testing import CallFlow, Faults, Sandbox

import pytest


@pytest.fixture
def telnyx_app(telnyx_sandbox):
    wsgi, asgi = make_app(telnyx_sandbox.base_url, telnyx_sandbox.api_key, telnyx_sandbox.public_key)
    return wsgi


@pytest.mark.telnyx_sandbox(faults=Faults(duplicate={"call.answered"}), time_scale=0.002)
def test_the_marker_configures_this_tests_sandbox(telnyx_flow: CallFlow, telnyx_sandbox: Sandbox, telnyx_app) -> None:
    call = telnyx_flow.ring().press("1")
    telnyx_flow.hangup(call)
    answered = [d for d in telnyx_sandbox.deliveries if d.event_type == "call.answered"]
    assert "duplicate" in [a.fault for d in answered for a in d.attempts]
    assert telnyx_app.choices == ["1"]


def test_without_the_marker_there_is_no_fault(telnyx_flow: CallFlow, telnyx_sandbox: Sandbox) -> None:
    call = telnyx_flow.ring().press("1")
    telnyx_flow.hangup(call)
    assert not [a.fault for d in telnyx_sandbox.deliveries for a in d.attempts if a.fault]
"""


def run_user_tests(folder: Path) -> None:
    """Run pytest on a user's tests in `folder`, in a fresh process; all must pass."""
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "--strict-markers", "-p", "no:cacheprovider"],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "2 passed" in result.stdout


def test_the_marker_configures_one_tests_sandbox(tmp_path: Path) -> None:
    (tmp_path / "test_marked.py").write_text(SOURCE + MARKED)
    run_user_tests(tmp_path)


@pytest.mark.parametrize("kind", ["wsgi", "asgi"])
def test_the_plugin_drives_a_users_app(tmp_path: Path, kind: str) -> None:
    (tmp_path / "test_user_flow.py").write_text(SOURCE + USER_TESTS.replace("{KIND}", kind))
    run_user_tests(tmp_path)
