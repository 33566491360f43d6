"""The examples, as they stand: each driven with signed requests.

The apps go through their framework's own test client; the Lambda handler
gets an event in each documented AWS shape. One more test per example runs it
as a program, the way its docstring says to.
"""

from __future__ import annotations

import json
import logging
import os
import runpy
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import pytest
from flask import Flask
from starlette.testclient import TestClient

from telnyx_gather import encode_client_state
from telnyx_gather.router import command_id
from telnyx_gather.testing import (
    WebhookSigner,
    call_ai_gather_ended,
    call_answered,
    call_bridged,
    call_gather_ended,
    call_hangup,
    call_initiated,
    call_speak_ended,
)
from tests.loopback import Recorder, free_port
from tests.router.redis_server import RedisServer

from .aws_events import SHAPES, build
from .cases import NAMES, Case, Headers, delivery, expect, signed

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


Loader = Callable[[str], dict[str, Any]]


@pytest.fixture
def example(monkeypatch: pytest.MonkeyPatch, signer: WebhookSigner, recorder: Recorder) -> Loader:
    """Loads an example's globals: the test signer's key, and the API on the recorder."""
    monkeypatch.setenv("TELNYX_PUBLIC_KEY", signer.public_key)
    monkeypatch.setenv("TELNYX_API_KEY", "KEY_examples")
    monkeypatch.setenv("TELNYX_BASE_URL", f"{recorder.url}/v2")
    monkeypatch.delenv("REDIS_URL", raising=False)
    monkeypatch.syspath_prepend(str(EXAMPLES))  # as `python examples/x.py` would

    def load(name: str) -> dict[str, Any]:
        return runpy.run_path(str(EXAMPLES / name))

    return load


@pytest.mark.parametrize("name", NAMES)
def test_fastapi_example(example: Loader, delivery_cases: dict[str, Case], name: str) -> None:
    client = TestClient(example("fastapi_app.py")["app"])
    case = delivery_cases[name]
    response = client.post("/webhooks/telnyx", content=case.body, headers=case.headers)
    expect(case, response.status_code, response.text, accepted="unhandled")


@pytest.mark.parametrize("name", NAMES)
def test_flask_example(example: Loader, delivery_cases: dict[str, Case], name: str) -> None:
    app: Flask = example("flask_app.py")["app"]
    case = delivery_cases[name]
    response = app.test_client().post("/webhooks/telnyx", data=case.body, headers=case.headers)
    expect(case, response.status_code, response.get_data(as_text=True), accepted="unhandled")


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("shape", SHAPES)
def test_lambda_example(
    example: Loader,
    delivery_cases: dict[str, Case],
    caplog: pytest.LogCaptureFixture,
    shape: str,
    name: str,
) -> None:
    handler = example("lambda_handler.py")["handler"]
    case = delivery_cases[name]
    if shape == "alb" and name == "repeated_timestamp":
        # Without multi-value headers the load balancer itself keeps only the last
        # value, so the repeat never reaches Lambda (hence: enable them).
        case = Case(case.name, case.body, case.headers, 200)
    with caplog.at_level(logging.INFO, logger="gather"):
        response = handler(build(shape, case.body, case.headers), None)
    expect(case, response["statusCode"], response["body"], accepted="")
    if response["statusCode"] == 200:
        assert "caller entered 42 (valid)" in caplog.text
    else:
        assert json.loads(response["body"])["detail"]
    _check_response_shape(shape, response)


def _check_response_shape(shape: str, response: dict[str, Any]) -> None:
    assert response["isBase64Encoded"] is False
    if shape.startswith("alb"):
        status = response["statusCode"]
        assert response["statusDescription"].startswith(f"{status} ")
    if shape == "alb_multi_value":
        assert "headers" not in response
        if response["body"]:
            assert response["multiValueHeaders"] == {"content-type": ["application/json"]}
    else:
        assert "multiValueHeaders" not in response
        if response["body"]:
            assert response["headers"] == {"content-type": "application/json"}


def test_lambda_example_as_a_program(signer: WebhookSigner, tmp_path: Path) -> None:
    body = delivery("7")
    event = build("function_url", body, signed(signer, body))
    (tmp_path / "event.json").write_text(json.dumps(event))
    env = {**os.environ, "TELNYX_PUBLIC_KEY": signer.public_key}
    result = subprocess.run(
        [sys.executable, str(EXAMPLES / "lambda_handler.py"), str(tmp_path / "event.json")],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    assert json.loads(result.stdout)["statusCode"] == 200
    assert "caller entered 7" in result.stderr


def test_examples_refuse_to_start_without_a_key(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TELNYX_PUBLIC_KEY", raising=False)
    monkeypatch.syspath_prepend(str(EXAMPLES))
    for name in ("fastapi_app.py", "flask_app.py", "lambda_handler.py", "assistant_app.py"):
        with pytest.raises(Exception, match="TELNYX_PUBLIC_KEY"):
            runpy.run_path(str(EXAMPLES / name))


@pytest.mark.parametrize("name", ["fastapi_app.py", "flask_app.py", "assistant_app.py"])
def test_app_examples_serve_as_programs(
    signer: WebhookSigner, recorder: Recorder, name: str
) -> None:
    port = free_port()
    env = {
        **os.environ,
        "TELNYX_PUBLIC_KEY": signer.public_key,
        "TELNYX_API_KEY": "KEY_examples",
        "TELNYX_BASE_URL": f"{recorder.url}/v2",
        "PORT": str(port),
    }
    server = subprocess.Popen(
        [sys.executable, str(EXAMPLES / name)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        body = call_initiated(event_id="ev-program")
        url = f"http://127.0.0.1:{port}/webhooks/telnyx"
        response = _post_when_up(url, body, signed(signer, body))
        assert (response.status_code, response.text) == (200, "handled")
        assert [r.path.rsplit("/", 1)[1] for r in recorder.requests] == ["answer"]
        tampered = _post_when_up(url, body + b" ", signed(signer, body))
        assert tampered.status_code == 401
    finally:
        server.terminate()
        server.wait(timeout=10)


def _post_when_up(url: str, body: bytes, headers: list[tuple[str, str]]) -> httpx.Response:
    deadline = time.monotonic() + 60  # a bound on waiting for the server, not a timing
    while True:
        try:
            return httpx.post(url, content=body, headers=headers, timeout=5)
        except httpx.TransportError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)


CALL = "v3:test-call-control-id"


def _whole_call(post: Callable[[bytes, Headers], int], signer: WebhookSigner, path: str) -> None:
    """One inbound call through the example's flow; `path` is "agent" or "booking"."""
    menu = encode_client_state({"step": "menu"})
    steps = [
        call_initiated(event_id="ev-1", call_control_id=CALL),
        call_answered(event_id="ev-2", call_control_id=CALL),
        call_gather_ended(
            event_id="ev-3",
            call_control_id=CALL,
            client_state=menu,
            digits="1" if path == "agent" else "2",
        ),
        call_gather_ended(  # redelivered
            event_id="ev-3", call_control_id=CALL, client_state=menu, digits="1", attempt=2
        ),
    ]
    if path == "agent":
        transfer = encode_client_state({"step": "transfer"})
        steps.append(call_bridged(event_id="ev-4", client_state=transfer, call_control_id=CALL))
    else:
        booking = encode_client_state({"step": "booking"})
        goodbye = encode_client_state({"step": "goodbye"})
        steps += [
            call_ai_gather_ended(
                event_id="ev-4",
                call_control_id=CALL,
                client_state=booking,
                result={"name": "Ada", "guests": 4},
            ),
            call_speak_ended(
                event_id="ev-5", client_state=goodbye, status="completed", call_control_id=CALL
            ),
        ]
    steps.append(call_hangup(event_id="ev-6", call_control_id=CALL))
    assert [post(body, signed(signer, body)) for body in steps] == [200] * len(steps)


@pytest.mark.parametrize("path", ["agent", "booking"])
@pytest.mark.parametrize("name", ["flask_app.py", "fastapi_app.py"])
def test_a_whole_call_through_the_example(
    example: Loader, signer: WebhookSigner, recorder: Recorder, name: str, path: str
) -> None:
    app = example(name)["app"]
    if name == "flask_app.py":
        client = app.test_client()
        _whole_call(
            lambda b, h: client.post("/webhooks/telnyx", data=b, headers=h).status_code,
            signer,
            path,
        )
    else:
        test_client = TestClient(app)
        _whole_call(
            lambda b, h: test_client.post("/webhooks/telnyx", content=b, headers=h).status_code,
            signer,
            path,
        )

    sent = [(r.path.rsplit("/", 1)[1], r.json()) for r in recorder.requests]
    assert all(r.path.startswith(f"/v2/calls/{CALL}/actions/") for r in recorder.requests)
    if path == "agent":
        assert [action for action, _ in sent] == [
            "answer",
            "gather_using_speak",
            "playback_start",
            "transfer",
            "playback_stop",
        ]
        assert [body["command_id"] for _, body in sent] == [
            command_id("ev-1", 0),
            command_id("ev-2", 0),
            command_id("ev-3", 0),
            command_id("ev-3", 1),
            command_id("ev-4", 0),
        ]
        assert sent[2][1]["loop"] == "infinity"
        return
    assert [action for action, _ in sent] == [
        "answer",
        "gather_using_speak",
        "gather_using_ai",
        "speak",
        "hangup",
    ]
    assert [body["command_id"] for _, body in sent] == [
        command_id("ev-1", 0),
        command_id("ev-2", 0),
        command_id("ev-3", 0),
        command_id("ev-4", 0),
        command_id("ev-5", 0),
    ]
    assert sent[2][1]["parameters"]["required"] == ["name", "guests"]
    assert sent[3][1]["payload"] == "Thank you, Ada. See you soon."


def test_flask_example_workers_share_redis(
    example: Loader,
    monkeypatch: pytest.MonkeyPatch,
    redis_server: RedisServer,
    signer: WebhookSigner,
    recorder: Recorder,
) -> None:
    redis_server.client().flushdb()
    monkeypatch.setenv("REDIS_URL", redis_server.url)
    workers = [example("flask_app.py")["app"].test_client() for _ in range(2)]
    body = call_initiated(event_id="ev-shared")
    statuses = [
        w.post("/webhooks/telnyx", data=body, headers=signed(signer, body)) for w in workers
    ]

    assert [(r.status_code, r.get_data(as_text=True)) for r in statuses] == [
        (200, "handled"),
        (200, "duplicate"),
    ]
    assert [r.path.rsplit("/", 1)[1] for r in recorder.requests] == ["answer"]
