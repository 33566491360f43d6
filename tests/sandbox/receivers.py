"""A loopback webhook receiver for delivery tests: verifies, records, and answers as told."""

from __future__ import annotations

import json
import socket
import threading
from collections.abc import Callable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from telnyx_gather.testing._http import Serving
from telnyx_gather.verify import WebhookVerifier

__all__ = ["Got", "Receiver"]


@dataclass(frozen=True)
class Got:
    """One request: its JSON body, whether its signature verified, and the status answered."""

    body: dict[str, Any]
    verified: bool
    status: int

    @property
    def event_id(self) -> str:
        return str(self.body["data"]["id"])

    @property
    def attempt(self) -> int:
        return int(self.body["meta"]["attempt"])


class Receiver(Serving):
    """Answers each webhook with `answer(n, attempt)`, after `hold` is set, if given.

    `n` counts requests from 1 across every event; `attempt` is the delivery's own attempt
    number (`meta.attempt`), so a policy can fail an event a bounded number of times.

    With `sock`, it serves on that already-bound socket, listening only now.
    """

    def __init__(
        self,
        public_key: str,
        answer: Callable[[int, int], int] = lambda n, attempt: 200,
        *,
        hold: threading.Event | None = None,
        sock: socket.socket | None = None,
    ) -> None:
        self.verifier = WebhookVerifier(public_key)
        self.answer = answer
        self.hold = hold
        self.got: list[Got] = []
        self.lock = threading.Lock()
        server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler, bind_and_activate=sock is None)
        if sock is not None:
            server.socket.close()
            server.socket = sock
            server.server_address = sock.getsockname()
            server.server_activate()
        server.daemon_threads = True
        server.receiver = self  # type: ignore[attr-defined]
        super().__init__(server)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/webhooks"

    def take(self, body: bytes, headers: list[tuple[str, str]]) -> int:
        if self.hold is not None:
            self.hold.wait(10)
        try:
            self.verifier.verify(body, headers)
            verified = True
        except ValueError:
            verified = False
        got = json.loads(body)
        with self.lock:
            attempt = int(got["meta"]["attempt"])
            status = self.answer(len(self.got) + 1, attempt) if verified else 401
            self.got.append(Got(got, verified, status))
        return status


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_POST(self) -> None:
        receiver: Receiver = self.server.receiver  # type: ignore[attr-defined]
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        status = receiver.take(body, list(self.headers.items()))
        self.send_response(status)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, format: str, *args: Any) -> None:
        pass
