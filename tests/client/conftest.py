"""Fixtures for the client tests: the Prism spec mock on loopback, and which sender to drive."""

from __future__ import annotations

import os
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import IO

import httpx
import pytest

from tests.conftest import DEFAULT_CALL_CONTROL_SPEC, DEFAULT_SPEC, ROOT
from tests.loopback import free_port

from .senders import PROXY_VARIABLES

PRISM = ROOT / ".cache" / "prism" / "node_modules" / ".bin" / "prism"
STARTUP_SECONDS = 60


@pytest.fixture(params=["sync", "async"])
def kind(request: pytest.FixtureRequest) -> str:
    """Which sender a test drives: "sync" (`HttpSender`) or "async" (`AsyncHttpSender`)."""
    return str(request.param)


@pytest.fixture(autouse=True)
def no_proxies(monkeypatch: pytest.MonkeyPatch) -> None:
    """No proxy from the environment: each test sets the ones it needs."""
    for name in PROXY_VARIABLES:
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.lower(), raising=False)


@pytest.fixture(scope="session")
def prism_url() -> Iterator[str]:
    """`prism mock` serving the spec on a free loopback port; fails (never skips) if it can't."""
    yield from _serve(Path(os.environ.get("TELNYX_OPENAPI_SPEC", DEFAULT_SPEC)))


@pytest.fixture(scope="session")
def call_control_prism_url() -> Iterator[str]:
    """`prism mock` serving all of Call Control (`call-control.json`), as `prism_url` does."""
    yield from _serve(Path(os.environ.get("TELNYX_CALL_CONTROL_SPEC", DEFAULT_CALL_CONTROL_SPEC)))


def _serve(spec: Path) -> Iterator[str]:
    if not PRISM.exists():
        pytest.fail(f"Prism is not installed at {PRISM}; `bash scripts/check.sh` installs it")
    if not spec.exists():
        pytest.fail(f"the OpenAPI spec is not at {spec}; set TELNYX_OPENAPI_SPEC")
    url = f"http://127.0.0.1:{free_port()}"
    port = url.rsplit(":", 1)[1]
    with tempfile.TemporaryFile() as log:
        proc = subprocess.Popen(
            [str(PRISM), "mock", "-h", "127.0.0.1", "-p", port, str(spec)],
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            _wait_until_answering(url, proc, log)
            yield url
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


def _wait_until_answering(url: str, proc: subprocess.Popen[bytes], log: IO[bytes]) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            break
        try:
            httpx.get(url, timeout=1)
        except httpx.TransportError:
            time.sleep(0.2)
        else:
            return
    log.seek(0)
    output = log.read().decode(errors="replace")[-2000:]
    pytest.fail(f"Prism did not start on {url} (exit code {proc.poll()}):\n{output}")
