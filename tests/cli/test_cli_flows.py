"""`telnyx-gather graph`, `replay` and `record`, from the shell; errors never show tracebacks."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from telnyx_gather.testing import Cassette, Sandbox, WebhookSigner
from telnyx_gather.testing._apps import serve_app
from tests.testing.replay_app import make_app, record_call

from .test_cli import cli

ROOT = Path(__file__).resolve().parents[2]
SEED = "11" * 32


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@pytest.fixture(scope="module")
def cassette(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One call recorded from the sandbox: answer, the menu, the caller presses 1, goodbye."""
    return record_call(tmp_path_factory.mktemp("cli-cassettes"))


def test_graph_prints_the_ivr_examples_diagram() -> None:
    result = cli("graph", str(ROOT / "examples" / "ivr.py") + ":build")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("stateDiagram-v2\n")
    assert 'state "call.gather.ended at menu" as r' in result.stdout
    assert 'state "call.speak.ended at goodbye" as r' in result.stdout


@pytest.mark.parametrize(
    ("target", "message"),
    [
        ("no_colon", "give the router as MODULE:NAME"),
        ("no_such_module_xyz:router", "cannot import 'no_such_module_xyz': ModuleNotFoundError"),
        ("missing.py:router", "no such file: 'missing.py'"),
        ("json:dumps", "building the router failed: TypeError"),
        ("json:JSONDecoder", "'json:JSONDecoder' is not a Router"),
    ],
)
def test_graph_errors_are_one_line(target: str, message: str) -> None:
    result = cli("graph", target)
    assert result.returncode == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_replay_against_a_running_app(cassette: Path, tmp_path: Path) -> None:
    port = _free_port()
    public_key = WebhookSigner(bytes.fromhex(SEED)).public_key
    base_url = f"http://127.0.0.1:{port}/v2"
    same, _ = make_app(base_url, "KEY_REPLAY", public_key)
    changed, _ = make_app(base_url, "KEY_REPLAY", public_key, prompt="Press 2.")
    page = tmp_path / "replay.html"
    with serve_app(same) as app:
        args = ["replay", str(cassette), app + "/webhooks", "--seed", SEED, "--port", str(port)]
        result = cli(*args, "--html", str(page), "--duplicate", "1")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no changes: the app sent the 4 recorded commands" in result.stdout
    assert "sent again on purpose" in result.stdout  # the timeline shows the duplicates
    html = page.read_text()
    assert html.startswith("<!doctype html>")
    assert "<svg" in html
    assert "<script" not in html
    assert "gather_using_speak" in html
    with serve_app(changed) as app:
        args = ["replay", str(cassette), app + "/webhooks", "--seed", SEED, "--port", str(port)]
        result = cli(*args)
    assert result.returncode == 1
    assert "gather_using_speak: field payload changed:" in result.stdout
    assert '"Press 1 for sales." -> "Press 2."' in result.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["replay", "missing.jsonl", "http://127.0.0.1:9/"], "'missing.jsonl': cannot read"),
        (["replay", "x", "http://127.0.0.1:9/", "--duplicate", "2"], "must be a share from 0 to 1"),
        (["record", "http://127.0.0.1:9/"], "give --public-key or set TELNYX_PUBLIC_KEY"),
        (["record", "http://127.0.0.1:9/", "--public-key", "abc"], "bad public key"),
    ],
)
def test_replay_and_record_errors_are_one_line(args: list[str], message: str) -> None:
    result = cli(*args)
    assert result.returncode == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr


@pytest.fixture
def proxy_port() -> int:
    return _free_port()


def test_record_in_front_of_a_running_app(tmp_path: Path, proxy_port: int) -> None:
    out = tmp_path / "cassettes"
    with Sandbox(time_scale=0.01) as sandbox:
        proxy = f"http://127.0.0.1:{proxy_port}"
        wsgi, _ = make_app(proxy + "/v2", sandbox.api_key, sandbox.public_key)
        with serve_app(wsgi) as app:
            command = [sys.executable, "-m", "telnyx_gather", "record", app + "/webhooks"]
            command += ["--out", str(out), "--api", sandbox.base_url, "--port", str(proxy_port)]
            command += ["--public-key", sandbox.public_key, "--calls", "1"]
            env = {**os.environ, "PYTHONUNBUFFERED": "1"}
            with subprocess.Popen(command, stdout=subprocess.PIPE, text=True, env=env) as process:
                assert process.stdout is not None
                assert process.stdout.readline().startswith("recording to")
                sandbox.webhook_url = proxy + "/"
                # Patience in call seconds: 30 real seconds at this time scale, for the
                # app's first command, which imports the SDK on a busy machine.
                call = sandbox.ring(from_="+13125550101", patience=3000).press("1")
                printed, _ = process.communicate(timeout=60)
    assert process.returncode == 0, printed
    assert "stopped: 1 call(s) ended, 1 cassette(s) written" in printed
    [path] = out.iterdir()
    tape = Cassette.load(path)
    assert tape.call_control_id == call.call_control_id
    sent = [(d.event_type, [c.action for c in d.commands]) for d in tape.deliveries if d.commands]
    assert sent == [
        ("call.initiated", ["answer"]),
        ("call.answered", ["gather_using_speak"]),
        ("call.gather.ended", ["gather_using_speak", "hangup"]),
    ]
    assert "+13125550101" not in path.read_text()
