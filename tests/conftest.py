"""Fixtures shared by the whole suite."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, settings

from tests.loopback import Recorder
from tests.router.redis_server import RedisServer
from tests.stores.dynalite_server import DynaliteServer

ROOT = Path(__file__).resolve().parents[1]
SPEC_DIR = ROOT / "tests" / "spec"
DEFAULT_SPEC = SPEC_DIR / "gather.json"
DEFAULT_CALL_CONTROL_SPEC = SPEC_DIR / "call-control.json"

settings.register_profile(
    "default", max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile("default")


@cache
def load_spec() -> dict[str, Any]:
    """The official OpenAPI spec of the gather family (`tests/spec/gather.json`).

    `TELNYX_OPENAPI_SPEC` overrides its path.
    """
    path = Path(os.environ.get("TELNYX_OPENAPI_SPEC") or DEFAULT_SPEC)
    spec: dict[str, Any] = json.loads(path.read_text())
    return spec


@cache
def load_call_control_spec() -> dict[str, Any]:
    """The official OpenAPI spec of all of Call Control (`tests/spec/call-control.json`).

    `TELNYX_CALL_CONTROL_SPEC` overrides its path.
    """
    path = Path(os.environ.get("TELNYX_CALL_CONTROL_SPEC") or DEFAULT_CALL_CONTROL_SPEC)
    spec: dict[str, Any] = json.loads(path.read_text())
    return spec


@pytest.fixture(scope="session")
def spec() -> dict[str, Any]:
    return load_spec()


@pytest.fixture
def recorder() -> Iterator[Recorder]:
    """A loopback server that records requests; see `tests/loopback.py`."""
    with Recorder() as server:
        yield server


@pytest.fixture(scope="session")
def redis_server() -> Iterator[RedisServer]:
    """One real `redis-server` on loopback for the session (fails, never skips, without one)."""
    server = RedisServer()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def dynalite_server() -> Iterator[DynaliteServer]:
    """One real `dynalite` (DynamoDB-compatible) on loopback for the session, with the store table."""
    server = DynaliteServer()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(autouse=True)
def sandbox_payloads_fit_their_models(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Every webhook a sandbox emits in a test validates into its event model (tests/emitted.py)."""
    from telnyx_gather.testing.sandbox._outbox import Outbox
    from tests.emitted import checked_put

    problems: list[str] = []
    monkeypatch.setattr(Outbox, "put", checked_put(problems))
    yield
    assert not problems, "the sandbox emitted payloads its models do not fit:\n" + "\n".join(
        sorted(set(problems))
    )


def pytest_sessionstart(session: pytest.Session) -> None:
    """Stop at once, naming the file, when a spec cut the tests read is missing."""
    for variable, default in (
        ("TELNYX_OPENAPI_SPEC", DEFAULT_SPEC),
        ("TELNYX_CALL_CONTROL_SPEC", DEFAULT_CALL_CONTROL_SPEC),
    ):
        path = Path(os.environ.get(variable) or default)
        if not path.is_file():
            session.config.option.disable_unused_snapshots = True
            pytest.exit(
                f"the spec cut {path} is missing (set by {variable} or tests/spec/); "
                "see tests/spec/README.md",
                returncode=pytest.ExitCode.USAGE_ERROR,
            )


_COLLECTION_ERRORS: list[str] = []


def pytest_collectreport(report: pytest.CollectReport) -> None:
    """Note a module that fails to collect: its snapshots are then unused, not obsolete."""
    if report.failed:
        _COLLECTION_ERRORS.append(report.nodeid)


@pytest.hookimpl(hookwrapper=True)
def pytest_sessionfinish(session: pytest.Session) -> Iterator[None]:
    """A run cut short (a collection error, -x, --maxfail) never advises deleting snapshots.

    Syrupy counts the snapshots of tests that did not run as unused and
    suggests `--snapshot-update`, which would delete them; such a run leaves
    them out of its report instead.
    """
    if _COLLECTION_ERRORS or session.shouldstop or session.shouldfail:
        session.config.option.disable_unused_snapshots = True
    yield
