"""`telnyx-gather call`: ring a running app through a sandbox from the shell."""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from pathlib import Path
from wsgiref.simple_server import WSGIRequestHandler, make_server

import pytest

from telnyx_gather.testing import Sandbox
from tests.sandbox.flow_app import make_app

from .test_cli import cli


class _Quiet(WSGIRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def running() -> Iterator[tuple[Sandbox, str, list[str]]]:
    """A sandbox, and a Router app served on loopback that talks to it."""
    with Sandbox(time_scale=0.01) as sandbox:
        wsgi, _ = make_app(sandbox.base_url, sandbox.api_key, sandbox.public_key)  # type: ignore[operator]
        server = make_server("127.0.0.1", 0, wsgi, handler_class=_Quiet)
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        try:
            yield sandbox, f"http://127.0.0.1:{server.server_port}/webhooks", wsgi.choices
        finally:
            server.shutdown()
            server.server_close()


def test_call_rings_a_running_app_and_prints_the_timeline(
    running: tuple[Sandbox, str, list[str]],
) -> None:
    sandbox, url, choices = running
    result = cli(
        "call",
        url,
        "--sandbox",
        sandbox.base_url,
        "--press",
        "1",
        "--patience",
        "3000",
        "--timeout",
        "30",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    shown = [line.split()[2] for line in lines if re.match(r"\s+\d+\.\d\ds ", line)]
    assert shown[:3] == ["call.initiated", "answer", "call.answered"]
    assert "gather_using_speak" in shown
    assert shown[-2:] == ["hangup", "call.hangup"]
    assert any("call.gather.ended" in line and "digits 1, status valid" in line for line in lines)
    assert lines[-1] == "OK: the call ended; 5 webhooks delivered."
    assert choices == ["1"]


def test_call_writes_the_timeline_as_a_self_contained_html_page(
    running: tuple[Sandbox, str, list[str]], tmp_path: Path
) -> None:
    sandbox, url, _ = running
    page = tmp_path / "call.html"
    result = cli(
        "call", url, "--sandbox", sandbox.base_url, "--press", "1",
        "--patience", "3000", "--timeout", "30", "--html", str(page),
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    html = page.read_text(encoding="utf-8")
    assert html.startswith("<!doctype html>")
    assert "<script" not in html
    for shown in ("call.initiated", "answer", "gather_using_speak", "call.hangup"):
        assert shown in html
    assert f"wrote the timeline to {page}" in result.stdout


def test_call_fails_cleanly_when_the_app_is_down(running: tuple[Sandbox, str, list[str]]) -> None:
    sandbox, _, _ = running
    down = "http://127.0.0.1:9/webhooks"
    result = cli("call", down, "--sandbox", sandbox.base_url, "--patience", "1", "--timeout", "20")
    assert result.returncode == 1
    assert "FAILED: call.initiated was never delivered" in result.stdout
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--say-json", "[1]"], "must be a JSON object"),
        (["--say-json", "{"], "not JSON"),
        (["--talk", '"hello"'], "must be a JSON object"),
        (["--sandbox", "http://127.0.0.1:9/v2"], "cannot reach the sandbox"),
    ],
)
def test_call_usage_errors(args: list[str], message: str) -> None:
    result = cli("call", "http://127.0.0.1:9/x", *args)
    assert result.returncode == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr
