"""`integrations.wsgi`: headers from the environ, and the body from `wsgi.input`."""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable
from typing import Any

import pytest
from werkzeug.test import Client

from telnyx_gather import WebhookParseError, WebhookVerificationError
from telnyx_gather.integrations.wsgi import (
    MalformedRequestError,
    headers_from_environ,
    request_parts,
)
from telnyx_gather.verify import WebhookVerifier
from telnyx_gather.verify._rejection import rejection

from .cases import NAMES, Case, expect

StartResponse = Callable[[str, list[tuple[str, str]]], object]


def _app(verifier: WebhookVerifier) -> Callable[[dict[str, Any], StartResponse], Iterable[bytes]]:
    def app(environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        try:
            event = verifier.unwrap(*request_parts(environ))
        except (WebhookVerificationError, WebhookParseError) as exc:
            status, detail = rejection(exc)
            start_response(f"{status} Rejected", [("Content-Type", "text/plain")])
            return [detail.encode()]
        start_response("200 OK", [("Content-Type", "text/plain")])
        return [event.event_type.encode()]

    return app


@pytest.mark.parametrize("name", NAMES)
def test_a_bare_wsgi_app(
    verifier: WebhookVerifier, delivery_cases: dict[str, Case], name: str
) -> None:
    case = delivery_cases[name]
    response = Client(_app(verifier)).post("/", data=case.body, headers=case.headers)
    expect(case, response.status_code, response.get_data(as_text=True))


def _environ(body: bytes = b"", **extra: Any) -> dict[str, Any]:
    return {"wsgi.input": io.BytesIO(body), "CONTENT_LENGTH": str(len(body)), **extra}


def test_headers_from_environ_names_and_values() -> None:
    environ = _environ(
        b"{}",
        CONTENT_TYPE="application/json",
        HTTP_TELNYX_TIMESTAMP="1795514400,1795514401",
        HTTP_WEBHOOK_SIGNATURE="v1,AAAA v1a,BBBB,v1,CCCC",
        HTTP_USER_AGENT="a, b",
        SERVER_NAME="localhost",
    )
    assert sorted(headers_from_environ(environ)) == [
        ("content-length", "2"),
        ("content-type", "application/json"),
        ("telnyx-timestamp", "1795514400"),
        ("telnyx-timestamp", "1795514401"),
        ("user-agent", "a, b"),
        ("webhook-signature", "v1,AAAA v1a,BBBB"),
        ("webhook-signature", "v1,CCCC"),
    ]


def test_request_parts_reads_exactly_the_declared_length() -> None:
    stream = io.BytesIO(b"\xff\x00body-and-more")
    environ = {"wsgi.input": stream, "CONTENT_LENGTH": "6"}
    assert request_parts(environ)[0] == b"\xff\x00body"
    assert stream.read() == b"-and-more"


def test_request_parts_without_length() -> None:
    assert request_parts({"wsgi.input": io.BytesIO(b"ignored")})[0] == b""
    chunked = {"wsgi.input": io.BytesIO(b"all of it"), "wsgi.input_terminated": True}
    assert request_parts(chunked)[0] == b"all of it"


@pytest.mark.parametrize(
    ("environ", "message"),
    [
        ({}, "no 'wsgi.input'"),
        ({"wsgi.input": io.BytesIO(b""), "CONTENT_LENGTH": "-1"}, "not a decimal"),
        ({"wsgi.input": io.BytesIO(b""), "CONTENT_LENGTH": "1e3"}, "not a decimal"),
        ({"wsgi.input": io.BytesIO(b"abc"), "CONTENT_LENGTH": "10"}, "after 3 of 10"),
    ],
)
def test_request_parts_rejects_a_broken_request(environ: dict[str, Any], message: str) -> None:
    with pytest.raises(MalformedRequestError, match=message):
        request_parts(environ)
