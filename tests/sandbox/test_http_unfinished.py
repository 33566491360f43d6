"""Requests that never finish arriving: nothing runs, and the answer comes within the timeout.

Raw sockets: a header block cut short by the client closing its side, headers
that stall, headers and bodies trickled a byte at a time (each byte well
within the timeout, the whole never), and clients that vanish mid-request.
"""

from __future__ import annotations

import json
import socket
import time
from typing import Any

import pytest

from telnyx_gather.testing import Sandbox

from .test_http_face import assert_still_serves, assert_telnyx_error, auth, box

__all__ = ["box"]  # the fixture, shared with test_http_face


def head_lines(sandbox: Sandbox, call_control_id: str) -> list[bytes]:
    path = f"/v2/calls/{call_control_id}/actions/gather"
    return [
        f"POST {path} HTTP/1.1\r\n".encode(),
        b"Host: 127.0.0.1\r\n",
        f"{auth(sandbox)}\r\n".encode(),
    ]


def read_answer(conn: socket.socket) -> tuple[int, Any, bytes] | None:
    """The answer on `conn` (status, JSON body, head), or None if it closed without one."""
    data = b""
    while chunk := conn.recv(65536):
        data += chunk
    if not data:
        return None
    head, _, body = data.partition(b"\r\n\r\n")
    return int(head.split()[1]), json.loads(body), head


def test_headers_cut_short_by_a_half_close_run_nothing(box: Sandbox) -> None:
    # The request line and two headers, no blank line, then the client shuts its side.
    call = box.dial().press("1")
    with socket.create_connection(("127.0.0.1", box.port), timeout=5) as conn:
        conn.sendall(b"".join(head_lines(box, call.call_control_id)))
        conn.shutdown(socket.SHUT_WR)
        answer = read_answer(conn)

    assert answer is not None
    status, body, head = answer
    assert status == 400
    assert_telnyx_error(body, "10015")
    assert b"Connection: close" in head
    box.wait_idle()
    assert box.deliveries == []  # no gather ran
    assert_still_serves(box, call.call_control_id)


def test_a_request_line_cut_short_runs_nothing(box: Sandbox) -> None:
    call = box.dial().press("1")
    with socket.create_connection(("127.0.0.1", box.port), timeout=5) as conn:
        conn.sendall(head_lines(box, call.call_control_id)[0].rstrip())
        conn.shutdown(socket.SHUT_WR)
        answer = read_answer(conn)

    assert answer is None or answer[0] == 400
    box.wait_idle()
    assert box.deliveries == []
    assert_still_serves(box, call.call_control_id)


def test_stalled_headers_time_out_with_408(box: Sandbox) -> None:
    # The connection stays open: only the server's deadline can end it (client waits 5 s).
    call = box.dial().press("1")
    with socket.create_connection(("127.0.0.1", box.port), timeout=5) as conn:
        conn.sendall(b"".join(head_lines(box, call.call_control_id)))
        answer = read_answer(conn)

    assert answer is not None
    status, body, head = answer
    assert status == 408
    assert_telnyx_error(body, "10015")
    assert b"Connection: close" in head
    box.wait_idle()
    assert box.deliveries == []
    assert_still_serves(box, call.call_control_id)


@pytest.mark.parametrize("part", ["headers", "body"])
def test_a_request_trickled_a_byte_at_a_time_is_cut_off(box: Sandbox, part: str) -> None:
    # Each byte arrives well within the timeout (0.3 s); the whole would take 20 s.
    call = box.dial().press("1")
    lines = head_lines(box, call.call_control_id)
    if part == "headers":
        sent, trickled = b"", b"X-Slow: " + b"a" * 400 + b"\r\n\r\n"
    else:
        sent, trickled = b"".join(lines) + b"Content-Length: 400\r\n\r\n", b" " * 400
        lines = []
    conn = socket.create_connection(("127.0.0.1", box.port), timeout=5)
    with conn:
        conn.sendall(b"".join(lines) + sent)
        cut_off = False
        for byte in trickled:
            try:
                conn.sendall(bytes([byte]))
            except OSError:  # the server closed the connection
                cut_off = True
                break
            time.sleep(0.05)
            conn.setblocking(False)
            try:
                cut_off = bool(conn.recv(1, socket.MSG_PEEK))
            except BlockingIOError:
                pass
            finally:
                conn.setblocking(True)
            if cut_off:
                break
        assert cut_off, "the server waited for the whole trickle"
        conn.settimeout(5)
        answer = read_answer(conn)

    assert answer is None or answer[0] == 408
    box.wait_idle()
    assert box.deliveries == []
    assert_still_serves(box, call.call_control_id)


def test_a_client_that_vanishes_mid_request_leaves_no_trace(
    box: Sandbox, capfd: pytest.CaptureFixture[str]
) -> None:
    call = box.dial().press("1")
    for raw in (
        b"".join(head_lines(box, call.call_control_id)),
        b"".join(head_lines(box, call.call_control_id)) + b"Content-Length: 40\r\n\r\n{",
    ):
        conn = socket.create_connection(("127.0.0.1", box.port), timeout=5)
        conn.sendall(raw)
        # An abortive close (RST), as a client that crashed or gave up.
        conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")
        conn.close()
    assert_still_serves(box, call.call_control_id)
    box.wait_idle()
    out, err = capfd.readouterr()
    assert "Traceback" not in out + err
    assert [d.event_type for d in box.deliveries].count("call.gather.ended") == 1
