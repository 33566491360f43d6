"""A loopback webhook endpoint that verifies each delivery before handling it."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, cast

from .._errors import WebhookParseError, WebhookVerificationError
from ..events import WebhookEvent
from ._http import Serving

__all__ = ["Received", "WebhookReceiver"]

Unwrap = Callable[[bytes, list[tuple[str, str]]], WebhookEvent]
"""Verify a body against its headers and parse it, as `WebhookVerifier.unwrap` does."""


@dataclass(frozen=True)
class Received:
    """One request the receiver got: its typed event, or why it was refused."""

    body: bytes
    headers: list[tuple[str, str]]
    event: WebhookEvent | None
    error: str | None


class WebhookReceiver(Serving):
    """An HTTP endpoint on 127.0.0.1 that verifies, parses, then handles webhooks.

    A delivery that fails verification gets 401 and one that does not parse
    gets 400; neither reaches `handler`. Deliveries are handled one at a
    time, in the order they arrive.

    Args:
        unwrap: Verifies and parses a delivery, raising `WebhookVerificationError`
            or `WebhookParseError`; `WebhookVerifier(key).unwrap` does this.
        handler: Called with each verified event before the 200 is sent, so
            commands it sends are in flight before the sender sees success.
    """

    def __init__(self, unwrap: Unwrap, handler: Callable[[WebhookEvent], None] | None = None):
        self.unwrap = unwrap
        self.handler = handler
        self.received: list[Received] = []
        self._lock = threading.Lock()
        super().__init__(_Server(self))

    @property
    def url(self) -> str:
        """The URL to send webhooks to."""
        return f"http://127.0.0.1:{self.port}/webhooks"

    def accept(self, body: bytes, headers: list[tuple[str, str]]) -> int:
        """Verify, parse, record and handle one delivery; return the HTTP status to answer."""
        with self._lock:
            try:
                event = self.unwrap(body, headers)
            except WebhookVerificationError as exc:
                self.received.append(Received(body, headers, None, f"{exc.reason}: {exc}"))
                return 401
            except WebhookParseError as exc:
                self.received.append(Received(body, headers, None, f"parse: {exc}"))
                return 400
            self.received.append(Received(body, headers, event, None))
            if self.handler is not None:
                self.handler(event)
            return 200


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 1024  # the default backlog, 5, drops a burst's connections

    def __init__(self, receiver: WebhookReceiver) -> None:
        self.receiver = receiver
        super().__init__(("127.0.0.1", 0), _Handler)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_POST(self) -> None:
        receiver = cast("_Server", self.server).receiver
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        status = receiver.accept(body, list(self.headers.items()))
        self.send_response(status)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, format: str, *args: Any) -> None:
        """Keep quiet."""
