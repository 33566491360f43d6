"""Hostile and odd HTTP: every request gets a Telnyx-shaped JSON answer, and nothing changes.

Raw sockets, so the tests control framing byte by byte: chunked bodies,
bodies shorter than declared or stalled, conflicting framing, methods and
paths the API does not serve, oversize headers, traversal in the call id.
"""

from __future__ import annotations

import json
import socket
from collections.abc import Iterator
from typing import Any

import pytest

from telnyx_gather import CallGatherEnded
from telnyx_gather.testing import Sandbox

from .conftest import FAST, statuses


@pytest.fixture
def box() -> Iterator[Sandbox]:
    with Sandbox(time_scale=FAST, request_timeout=0.3) as sandbox:
        yield sandbox


def exchange(sandbox: Sandbox, raw: bytes, *, half_close: bool = False) -> tuple[int, Any, bytes]:
    """Send `raw` on a fresh connection; return the status, the JSON body and the head."""
    with socket.create_connection(("127.0.0.1", sandbox.port), timeout=5) as conn:
        conn.sendall(raw)
        if half_close:
            conn.shutdown(socket.SHUT_WR)
        data = b""
        while b"\r\n\r\n" not in data or len(data) < _expected(data):
            chunk = conn.recv(65536)
            if not chunk:
                break
            data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    return int(head.split()[1]), json.loads(body), head


def _expected(data: bytes) -> int:
    head, _, _ = data.partition(b"\r\n\r\n")
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.lower() == b"content-length":
            return len(head) + 4 + int(value)
    return len(data) + 1


def request(sandbox: Sandbox, method: str, path: str, headers: list[str], body: bytes) -> bytes:
    lines = [f"{method} {path} HTTP/1.1", "Host: 127.0.0.1", *headers]
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + body


def auth(sandbox: Sandbox) -> str:
    return f"Authorization: Bearer {sandbox.api_key}"


def assert_telnyx_error(answer: Any, code: str | None = None) -> None:
    assert set(answer) == {"errors"}
    first = answer["errors"][0]
    assert {"code", "title", "detail"} <= set(first)
    if code is not None:
        assert first["code"] == code


def test_a_chunked_command_runs_once_with_its_body(box: Sandbox) -> None:
    call = box.dial().press("12#")
    body = json.dumps({"maximum_digits": 2, "terminating_digit": "#"}).encode()
    chunks = (
        b"".join(b"%x\r\n%s\r\n" % (len(part), part) for part in (body[:7], body[7:]))
        + b"0\r\n\r\n"
    )
    path = f"/v2/calls/{call.call_control_id}/actions/gather"
    raw = request(box, "POST", path, [auth(box), "Transfer-Encoding: chunked"], chunks)

    status, answer, _ = exchange(box, raw)

    assert (status, answer) == (200, {"data": {"result": "ok"}})
    box.wait_idle()
    assert statuses(box.deliveries)[-1] == ("call.gather.ended", "valid")
    ended = box.wait_for("call.gather.ended").event
    assert isinstance(ended, CallGatherEnded)
    assert ended.payload.digits == "12"


HOSTILE = {
    "bad chunk size": (["Transfer-Encoding: chunked"], b"zz\r\n{}\r\n0\r\n\r\n", 400),
    "chunk cut short": (["Transfer-Encoding: chunked"], b"10\r\n{}", 400),
    "both framings": (["Transfer-Encoding: chunked", "Content-Length: 2"], b"0\r\n\r\n", 400),
    "two lengths": (["Content-Length: 2", "Content-Length: 3"], b"{}", 400),
    "length not a number": (["Content-Length: -1"], b"{}", 400),
    "gzip encoding": (["Transfer-Encoding: gzip"], b"{}", 400),
    "body shorter than declared": (["Content-Length: 50"], b'{"maximum_digits"', 400),
    "bad json": (["Content-Length: 5"], b"{{{{{", 400),
    "invalid command": (["Content-Length: 23"], b'{"maximum_digits": 500}', 422),
}


@pytest.mark.parametrize("case", HOSTILE, ids=list(HOSTILE))
def test_hostile_bodies_get_a_clean_error_and_change_nothing(box: Sandbox, case: str) -> None:
    headers, body, expected = HOSTILE[case]
    call = box.dial().press("1")
    path = f"/calls/{call.call_control_id}/actions/gather"

    status, answer, _ = exchange(
        box, request(box, "POST", path, [auth(box), *headers], body), half_close=True
    )

    assert status == expected
    assert_telnyx_error(answer)
    box.wait_idle()
    assert box.deliveries == []
    assert_still_serves(box, call.call_control_id)


def test_a_stalled_body_times_out_with_408(box: Sandbox) -> None:
    call = box.dial()
    path = f"/calls/{call.call_control_id}/actions/gather"
    raw = request(box, "POST", path, [auth(box), "Content-Length: 40"], b'{"maxi')

    status, answer, head = exchange(box, raw)  # the connection stays open: the body stalls

    assert status == 408
    assert_telnyx_error(answer, "10015")
    assert b"Connection: close" in head
    assert box.deliveries == []


@pytest.mark.parametrize("method", ["PUT", "DELETE", "PATCH", "OPTIONS", "GET", "BREW"])
def test_every_method_gets_json(box: Sandbox, method: str) -> None:
    call = box.dial()
    path = f"/calls/{call.call_control_id}/actions/gather"
    status, answer, head = exchange(
        box, request(box, method, path, [auth(box), "Content-Length: 0"], b"")
    )
    assert status in (404, 501)
    assert b"Content-Type: application/json" in head
    assert_telnyx_error(answer)


@pytest.mark.parametrize(
    "path",
    [
        "/calls/..%2F..%2Fetc%2Fpasswd/actions/gather",
        "/calls/%00%ff%fe/actions/gather",
        "/calls/../../actions/gather",
        "/v2/calls/%2e%2e/actions/gather",
    ],
)
def test_traversal_in_the_call_id_is_just_an_unknown_call(box: Sandbox, path: str) -> None:
    raw = request(box, "POST", path, [auth(box), "Content-Length: 2"], b"{}")
    status, answer, _ = exchange(box, raw)
    assert status in (404, 422)
    assert_telnyx_error(answer)
    assert answer["errors"][0]["code"] in ("10005", "90015")


def test_oversize_headers_and_bad_request_lines_get_json(box: Sandbox) -> None:
    huge = request(box, "POST", "/calls", [f"X-Big: {'a' * 70000}"], b"")
    status, answer, _ = exchange(box, huge)
    assert status in (400, 431)
    assert_telnyx_error(answer)
    status, answer, _ = exchange(box, b"NONSENSE\r\n\r\n")
    assert status == 400
    assert_telnyx_error(answer)


def test_bad_auth_is_refused_before_anything_runs(box: Sandbox) -> None:
    call = box.dial().press("1")
    path = f"/calls/{call.call_control_id}/actions/gather"
    raw = request(box, "POST", path, ["Authorization: Bearer nope", "Content-Length: 2"], b"{}")
    status, answer, _ = exchange(box, raw)
    assert status == 401
    assert_telnyx_error(answer, "10009")
    box.wait_idle()
    assert box.deliveries == []
    assert_still_serves(box, call.call_control_id)


def test_keep_alive_requests_share_one_connection(box: Sandbox) -> None:
    call = box.dial()
    path = f"/calls/{call.call_control_id}/actions/gather_stop"
    one = request(box, "POST", path, [auth(box), "Content-Length: 2"], b"{}")
    with socket.create_connection(("127.0.0.1", box.port), timeout=5) as conn:
        for _ in range(3):
            conn.sendall(one)
            data = b""
            while len(data) < _expected(data) or b"\r\n\r\n" not in data:
                data += conn.recv(65536)
            assert data.startswith(b"HTTP/1.1 200 OK\r\n")
            assert b"Connection: close" not in data


def assert_still_serves(sandbox: Sandbox, call_control_id: str) -> None:
    """The sandbox still answers, and the call kept its script: a gather hears the "1"."""
    path = f"/calls/{call_control_id}/actions/gather"
    raw = request(
        sandbox, "POST", path, [auth(sandbox), "Content-Length: 22"], b'{"maximum_digits": 1}\n'
    )
    status, _, _ = exchange(sandbox, raw)
    assert status == 200
    ended = sandbox.wait_for("call.gather.ended").event
    assert isinstance(ended, CallGatherEnded)
    assert ended.payload.digits == "1"
