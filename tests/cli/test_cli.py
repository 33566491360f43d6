"""Each `telnyx-gather` command through a subprocess: its output and its exit status."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest

from telnyx_gather.testing import WebhookSigner

SEED = bytes(range(32))
BODY = (
    b'{"data":{"record_type":"event","event_type":"call.gather.ended",'
    b'"id":"0ccc7b54-4df3-4bca-a65a-3da1ecc777f0","occurred_at":"2026-11-24T10:00:00.52Z",'
    b'"payload":{"call_control_id":"v3:abc","connection_id":"7267","call_leg_id":"l1",'
    b'"call_session_id":"s1","from":"+35319605860","to":"+13129457420",'
    b'"digits":"123","status":"valid"}},"meta":{"attempt":1,"delivered_to":"https://x.test/"}}'
)


def cli(
    *args: str, stdin: bytes = b"", env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if k != "TELNYX_PUBLIC_KEY"}
    environment.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "telnyx_gather", *args],
        input=stdin.decode(),
        capture_output=True,
        text=True,
        timeout=60,
        env=environment,
        check=False,
    )


@pytest.fixture
def body_file(tmp_path: Path) -> Path:
    path = tmp_path / "body.json"
    path.write_bytes(BODY)
    return path


@pytest.fixture
def headers_file(tmp_path: Path) -> Path:
    path = tmp_path / "headers.txt"
    headers = WebhookSigner(SEED).sign(BODY)
    path.write_text("".join(f"{name}: {value}\n" for name, value in headers.items()))
    return path


@pytest.mark.parametrize("command", ["", "demo", "verify", "parse", "sign", "sandbox"])
def test_every_command_has_help(command: str) -> None:
    result = cli(*filter(None, [command]), "--help")
    assert result.returncode == 0
    assert result.stdout.startswith(f"usage: telnyx-gather {command}".rstrip())
    assert "exit status: 0 success, 1" in result.stdout


def test_no_command_or_a_bad_option_is_a_usage_error() -> None:
    assert cli().returncode == 2
    wrong = cli("sign", "-", "--no-such-option")
    assert wrong.returncode == 2
    assert "unrecognized arguments: --no-such-option" in wrong.stderr
    missing = cli("verify")
    assert missing.returncode == 2
    assert "required: body" in missing.stderr


@pytest.mark.parametrize(
    "args",
    [
        ["demo", "--time-scale", "0"],
        ["sandbox", "--time-scale", "nope"],
        ["sandbox", "--webhook-url", "ftp://example.com/hook"],
        ["sandbox", "--seed", "00"],
    ],
)
def test_bad_options_are_usage_errors(args: list[str]) -> None:
    result = cli(*args)
    assert result.returncode == 2
    assert "error:" in result.stderr
    assert result.stdout == ""


def test_sign_prints_the_two_headers(body_file: Path) -> None:
    result = cli("sign", str(body_file), "--seed", SEED.hex(), "--timestamp", "1700000000")
    assert result.returncode == 0
    expected = WebhookSigner(SEED).sign(BODY, timestamp=1700000000)
    assert result.stdout.splitlines() == [f"{k}: {v}" for k, v in expected.items()]
    assert f"public key: {WebhookSigner(SEED).public_key}" in result.stderr


def test_sign_without_a_seed_reports_the_fresh_key(body_file: Path) -> None:
    result = cli("sign", str(body_file))
    assert result.returncode == 0
    seed_line = next(line for line in result.stderr.splitlines() if line.startswith("seed: "))
    fresh = WebhookSigner(bytes.fromhex(seed_line.removeprefix("seed: ")))
    assert f"public key: {fresh.public_key}" in result.stderr


def test_sign_rejects_a_malformed_seed(body_file: Path) -> None:
    result = cli("sign", str(body_file), "--seed", "too-short")
    assert result.returncode == 2
    assert "seed is 32 bytes" in result.stderr


def test_verify_ok(body_file: Path, headers_file: Path) -> None:
    key = WebhookSigner(SEED).public_key
    result = cli("verify", str(body_file), "--headers-file", str(headers_file), "--public-key", key)
    assert (result.returncode, result.stdout) == (
        0,
        "OK call.gather.ended 0ccc7b54-4df3-4bca-a65a-3da1ecc777f0\n",
    )


def test_verify_reads_the_key_from_the_environment_and_the_body_from_stdin(
    headers_file: Path,
) -> None:
    key = WebhookSigner(SEED).public_key
    headers = [f"-H{line}" for line in headers_file.read_text().splitlines()]
    result = cli("verify", "-", *headers, stdin=BODY, env={"TELNYX_PUBLIC_KEY": key})
    assert result.returncode == 0
    assert result.stdout.startswith("OK call.gather.ended")


def test_verify_reports_why_it_failed(tmp_path: Path, headers_file: Path) -> None:
    tampered = tmp_path / "tampered.json"
    tampered.write_bytes(BODY.replace(b'"123"', b'"999"'))
    key = WebhookSigner(SEED).public_key
    result = cli("verify", str(tampered), "--headers-file", str(headers_file), "--public-key", key)
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.startswith("FAILED bad_signature:")


def test_verify_without_headers_or_key(body_file: Path, headers_file: Path) -> None:
    key = WebhookSigner(SEED).public_key
    missing = cli("verify", str(body_file), "--public-key", key)
    assert missing.returncode == 1
    assert missing.stderr.startswith("FAILED missing_header:")
    no_key = cli("verify", str(body_file), "--headers-file", str(headers_file))
    assert no_key.returncode == 2
    assert "TELNYX_PUBLIC_KEY" in no_key.stderr
    bad_key = cli("verify", str(body_file), "--public-key", "bm90IGEga2V5")
    assert bad_key.returncode == 2
    unreadable = cli("verify", "/no/such/body.json", "--public-key", key)
    assert unreadable.returncode == 2


def test_parse_prints_the_typed_event(body_file: Path) -> None:
    result = cli("parse", str(body_file))
    assert result.returncode == 0
    event = json.loads(result.stdout)
    assert event["event_type"] == "call.gather.ended"
    assert event["payload"]["digits"] == "123"
    assert event["payload"]["from"] == "+35319605860"
    assert event["occurred_at"] == "2026-11-24T10:00:00.520000Z"
    envelope = json.loads(cli("parse", "--envelope", "-", stdin=BODY).stdout)
    assert envelope["meta"] == {"attempt": 1, "delivered_to": "https://x.test/"}


def test_parse_rejects_a_bad_body() -> None:
    result = cli("parse", "-", stdin=b'{"data": [1, 2]}')
    assert result.returncode == 1
    assert result.stderr.startswith("FAILED parse:")


def test_demo_takes_a_whole_call_with_a_router_app() -> None:
    result = cli("demo")
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    names = [line.split()[2] for line in lines if re.match(r"\s+\d+\.\d\ds ", line)]
    for action in (
        "answer",
        "gather_using_speak",
        "gather_using_audio",
        "gather_using_ai",
        "hangup",
    ):
        assert action in names, action
    answered = next(line for line in lines if "<-  call.answered" in line)
    assert "#1 200 handled (answer dropped on purpose), #2 200 duplicate" in answered
    ai = next(line for line in lines if "<-  call.ai_gather.ended" in line)
    assert "#1 200 handled, #2 200 duplicate (sent again on purpose)" in ai
    assert re.match(r"OK: \d+\.\d\d s of call time in \d+\.\d\d s of real time: ", lines[-2])
    assert "1 retried after a dropped answer and 1 sent twice" in lines[-2]
    assert "every event handled once" in lines[-2]
    assert "booked Booking(name='Ada Lovelace', party_size=4)" in lines[-1]
    assert "normal_clearing by callee" in lines[-1]


def test_sandbox_serves_until_terminated() -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "telnyx_gather", "sandbox", "--time-scale", "0.001"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        banner = {}
        while "new call" not in banner:
            name, _, value = process.stdout.readline().partition(":")
            banner[name.strip()] = value.strip()
        base_url, api_key = banner["base_url"], banner["api_key"]
        opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
        auth = {"Authorization": f"Bearer {api_key}"}

        def post(path: str, body: dict[str, object]) -> dict[str, object]:
            data = json.dumps(body).encode()
            with opener.open(urllib.request.Request(base_url + path, data, auth), timeout=5) as r:
                answer: dict[str, object] = json.loads(r.read())
                return answer

        dialled = post("/_sandbox/calls", {"script": [{"type": "press", "digits": "5#"}]})
        call_control_id = dialled["data"]["call_control_id"]  # type: ignore[index]
        post(f"/calls/{call_control_id}/actions/gather", {})
        seen = [process.stdout.readline() for _ in range(3)]
        assert "webhook call.gather.ended" in seen[-1]
        assert seen[-1].rstrip().endswith("logged")

        process.send_signal(signal.SIGTERM)
        out, _ = process.communicate(timeout=10)
        assert process.returncode == 0
        assert out.strip().endswith("stopped")
    finally:
        process.kill()
        process.wait()
