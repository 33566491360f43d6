"""`telnyx-gather call` when things go wrong: refused commands, failed deliveries, faults.

Each test serves a real Router app on loopback and runs the real command
line against it; the app's own client talks to the sandbox over HTTP.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from telnyx_gather import (
    CallAnswered,
    CallGatherEnded,
    CallInitiated,
    GatherUsingSpeak,
    Hangup,
    WebhookVerifier,
)
from telnyx_gather.client import GatherClient
from telnyx_gather.integrations.wsgi import request_parts
from telnyx_gather.router import Router
from telnyx_gather.testing import Sandbox, WebhookSigner
from tests.loopback import free_port, serve_wsgi
from tests.sandbox.flow_app import make_app

from .test_cli import cli

MENU = GatherUsingSpeak(payload="Press 1.", voice="female", valid_digits="1", maximum_digits=1)
SEED = "00" * 31 + "2a"
Wsgi = Callable[[dict[str, Any], Any], list[bytes]]


def serve(wsgi: Wsgi) -> Iterator[str]:
    with serve_wsgi(wsgi) as port:
        yield f"http://127.0.0.1:{port}/webhooks"


def router_app(sandbox: Sandbox) -> Wsgi:
    """Answers while ringing with the menu (refused: the call is not answered yet)."""
    client = GatherClient(api_key=sandbox.api_key, base_url=sandbox.base_url, max_retries=0)
    router = Router(verifier=WebhookVerifier(sandbox.public_key), client=client)
    router.on(CallInitiated)(lambda event: MENU)
    router.on(CallAnswered)(lambda event: MENU)
    router.on(CallGatherEnded)(lambda event: Hangup())

    def wsgi(environ: dict[str, Any], start_response: Any) -> list[bytes]:
        outcome = router.handle(*request_parts(environ))
        start_response(f"{outcome.status} {outcome.reason}", [("Content-Length", "0")])
        return [b""]

    return wsgi


def timeline(stdout: str) -> list[list[str]]:
    return [line.split()[1:] for line in stdout.splitlines() if re.match(r"\s+\d+\.\d\ds ", line)]


def test_a_refused_command_is_on_the_timeline_and_named_in_the_exit() -> None:
    with Sandbox(time_scale=0.01) as sandbox:
        for url in serve(router_app(sandbox)):
            result = cli(
                "call", url, "--sandbox", sandbox.base_url, "--patience", "3000", "--timeout", "30"
            )

    assert result.returncode == 1, result.stdout + result.stderr
    rows = timeline(result.stdout)
    assert rows[0][:2] == ["<-", "call.initiated"]
    assert rows[1][:3] == ["-x", "gather_using_speak", "REFUSED"]
    assert "FAILED: the sandbox refused gather_using_speak: 422" in result.stdout
    assert "FAILED: the call did not end after a refused command" in result.stdout
    assert "Traceback" not in result.stderr


def test_a_delivery_the_app_failed_at_first_is_named_even_when_retried() -> None:
    failed: list[str] = []
    with Sandbox(time_scale=0.01) as sandbox:
        wsgi, _ = make_app(sandbox.base_url, sandbox.api_key, sandbox.public_key)  # type: ignore[operator]
        verifier = WebhookVerifier(sandbox.public_key)

        def app(environ: dict[str, Any], start_response: Any) -> list[bytes]:
            """The flow app, but the first post of call.answered fails with 500."""
            body, headers = request_parts(environ)
            if verifier.unwrap(body, headers).event_type == "call.answered" and not failed:
                failed.append("call.answered")
                start_response("500 Internal Server Error", [("Content-Length", "0")])
                return [b""]
            environ.update({"wsgi.input": io.BytesIO(body), "CONTENT_LENGTH": str(len(body))})
            return wsgi(environ, start_response)  # type: ignore[no-any-return]

        for url in serve(app):
            result = cli(
                "call", url, "--sandbox", sandbox.base_url, "--press", "1", "--timeout", "30"
            )

    assert result.returncode == 1, result.stdout + result.stderr
    assert "FAILED: call.answered failed at first: #1 500" in result.stdout
    assert "OK:" not in result.stdout
    assert failed == ["call.answered"]
    assert "did not end" not in result.stdout


@pytest.mark.parametrize(
    ("flag", "rule", "shown"),
    [
        ("--duplicate", "call.answered", "sent again on purpose"),
        ("--fail-first", "call.answered,call.gather.ended", "answer dropped on purpose"),
        ("--reorder", "0", ""),
    ],
)
def test_fault_flags_reach_the_sandbox_this_command_serves(
    flag: str, rule: str, shown: str
) -> None:
    port = free_port()
    base_url = f"http://127.0.0.1:{port}/v2"
    public_key = WebhookSigner(bytes.fromhex(SEED)).public_key
    wsgi, _ = make_app(base_url, "KEY_SANDBOX", public_key)  # type: ignore[operator]
    for url in serve(wsgi):
        result = cli(
            "call", url, "--port", str(port), "--seed", SEED, "--time-scale", "0.01",
            "--press", "1", "--timeout", "30", flag, rule,
        )  # fmt: skip

    assert result.returncode == 0, result.stdout + result.stderr
    assert shown in result.stdout
    assert wsgi.choices == ["1"]  # each handler ran once, whatever was sent twice


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--duplicate", "2"], "must be a probability from 0 to 1"),
        (["--reorder", "Call Answered"], "must be a probability from 0 to 1 or event types"),
        (["--fail-first", "1", "--sandbox", "http://127.0.0.1:9/v2"], "need the sandbox"),
    ],
)
def test_fault_flag_usage_errors(args: list[str], message: str) -> None:
    result = cli("call", "http://127.0.0.1:9/x", *args)
    assert result.returncode == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr
