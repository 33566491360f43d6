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
    path = Path(os.environ.get("TELNYX_OPENAPI_SPEC", DEFAULT_SPEC))
    spec: dict[str, Any] = json.loads(path.read_text())
    return spec


@cache
def load_call_control_spec() -> dict[str, Any]:
    """The official OpenAPI spec of all of Call Control (`tests/spec/call-control.json`).

    `TELNYX_CALL_CONTROL_SPEC` overrides its path.
    """
    path = Path(os.environ.get("TELNYX_CALL_CONTROL_SPEC", DEFAULT_CALL_CONTROL_SPEC))
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
