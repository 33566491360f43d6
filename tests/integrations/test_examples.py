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
import socket
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

from telnyx_gather.testing import WebhookSigner

from .aws_events import SHAPES, build
from .cases import NAMES, Case, delivery, expect, signed

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


Loader = Callable[[str], dict[str, Any]]


@pytest.fixture
def example(monkeypatch: pytest.MonkeyPatch, signer: WebhookSigner) -> Loader:
    """Loads an example's globals, with TELNYX_PUBLIC_KEY set to the test signer's key."""
    monkeypatch.setenv("TELNYX_PUBLIC_KEY", signer.public_key)

    def load(name: str) -> dict[str, Any]:
        return runpy.run_path(str(EXAMPLES / name))

    return load


@pytest.mark.parametrize("name", NAMES)
def test_fastapi_example(example: Loader, delivery_cases: dict[str, Case], name: str) -> None:
    client = TestClient(example("fastapi_app.py")["app"])
    case = delivery_cases[name]
    response = client.post("/webhooks/telnyx", content=case.body, headers=case.headers)
    expect(case, response.status_code, response.text)


@pytest.mark.parametrize("name", NAMES)
def test_flask_example(example: Loader, delivery_cases: dict[str, Case], name: str) -> None:
    app: Flask = example("flask_app.py")["app"]
    case = delivery_cases[name]
    response = app.test_client().post("/webhooks/telnyx", data=case.body, headers=case.headers)
    expect(case, response.status_code, response.get_data(as_text=True))


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
    for name in ("fastapi_app.py", "flask_app.py", "lambda_handler.py"):
        with pytest.raises(Exception, match="TELNYX_PUBLIC_KEY"):
            runpy.run_path(str(EXAMPLES / name))


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@pytest.mark.parametrize("name", ["fastapi_app.py", "flask_app.py"])
def test_app_examples_serve_as_programs(signer: WebhookSigner, name: str) -> None:
    port = _free_port()
    env = {**os.environ, "TELNYX_PUBLIC_KEY": signer.public_key, "PORT": str(port)}
    server = subprocess.Popen(
        [sys.executable, str(EXAMPLES / name)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        body = delivery("9")
        url = f"http://127.0.0.1:{port}/webhooks/telnyx"
        response = _post_when_up(url, body, signed(signer, body))
        assert response.status_code == 200
        assert response.json()["received"] == "call.gather.ended"
        tampered = _post_when_up(url, body + b" ", signed(signer, body))
        assert tampered.status_code == 401
    finally:
        server.terminate()
        server.wait(timeout=10)


def _post_when_up(url: str, body: bytes, headers: list[tuple[str, str]]) -> httpx.Response:
    deadline = time.monotonic() + 20
    while True:
        try:
            return httpx.post(url, content=body, headers=headers, timeout=5)
        except httpx.TransportError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)


def test_flask_example_skips_a_repeated_delivery(
    example: Loader, delivery_cases: dict[str, Case]
) -> None:
    client = example("flask_app.py")["app"].test_client()
    case = delivery_cases["good"]
    first = client.post("/webhooks/telnyx", data=case.body, headers=case.headers).get_json()
    again = client.post("/webhooks/telnyx", data=case.body, headers=case.headers).get_json()
    assert "duplicate" not in first
    assert again["duplicate"] == first["id"]
