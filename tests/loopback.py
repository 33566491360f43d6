"""A loopback HTTP server that records every request and answers from a script.

Point a real client at `Recorder.url` and inspect `Recorder.requests`. Each
request takes the next scripted reply (`Recorder.reply`); once the script is
empty it gets a 200 with `{"data": {"result": "ok"}}`.
"""

from __future__ import annotations

import asyncio
import json
import socket
import threading
import time
from collections import deque
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any
from wsgiref.simple_server import WSGIRequestHandler, make_server

from telnyx_gather.testing._http import Serving

__all__ = [
    "OK",
    "Recorded",
    "Recorder",
    "Reply",
    "fill_accept_queue",
    "free_port",
    "serve_asgi",
    "serve_wsgi",
]


def fill_accept_queue(
    family: socket.AddressFamily, where: str | tuple[str, int]
) -> list[socket.socket]:
    """Connections that fill the accept queue of the listener at `where` (its backlog is 0).

    A connection made after them never completes; the caller closes them.
    """
    fillers: list[socket.socket] = []
    while len(fillers) < 8:
        filler = socket.socket(family, socket.SOCK_STREAM)
        filler.setblocking(False)
        fillers.append(filler)
        if filler.connect_ex(where) != 0:  # the queue is full: this one waits
            break
    return fillers


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@dataclass(frozen=True)
class Reply:
    """One scripted response."""

    status: int = 200
    body: Any = field(default_factory=lambda: {"data": {"result": "ok"}})
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    """Seconds to wait before answering (a slow API)."""


OK = Reply()


@dataclass(frozen=True)
class Recorded:
    """One request as the server saw it: raw path, lower-cased headers, raw body."""

    method: str
    path: str
    headers: dict[str, str]
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body)


class _Server(ThreadingHTTPServer):
    request_queue_size = 256  # room for a burst of concurrent clients (the default is 5)


class Recorder:
    """A `ThreadingHTTPServer` on 127.0.0.1 and a free port, serving in a thread."""

    def __init__(self) -> None:
        self.requests: list[Recorded] = []
        self._script: deque[Reply] = deque()
        server = _Server(("127.0.0.1", 0), self._handler())
        server.daemon_threads = True
        self._serving = Serving(server)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._serving.port}"

    def reply(self, *replies: Reply) -> None:
        """Queue replies for the next requests, in order."""
        self._script.extend(replies)

    def close(self) -> None:
        self._serving.close()

    def __enter__(self) -> Recorder:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def _answer(self, request: Recorded) -> Reply:
        self.requests.append(request)
        return self._script.popleft() if self._script else OK

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        recorder = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("content-length", 0)))
                headers = {name.lower(): value for name, value in self.headers.items()}
                reply = recorder._answer(Recorded(self.command, self.path, headers, body))
                time.sleep(reply.delay)
                raw = reply.body if isinstance(reply.body, bytes) else json.dumps(reply.body)
                payload = raw.encode() if isinstance(raw, str) else raw
                try:
                    self.send_response(reply.status)
                    self.send_header("content-type", "application/json")
                    self.send_header("content-length", str(len(payload)))
                    for name, value in reply.headers.items():
                        self.send_header(name, value)
                    self.end_headers()
                    self.wfile.write(payload)
                except (BrokenPipeError, ConnectionResetError):
                    # The client gave up during a delayed reply (a cancelled send): a
                    # traceback here would land in whichever test runs next.
                    pass

            do_GET = do_PUT = do_POST

            def log_message(self, format: str, *args: Any) -> None:
                pass

        return Handler


class _QuietWsgi(WSGIRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def serve_wsgi(app: Any) -> Iterator[int]:
    """Serve the WSGI `app` with wsgiref on 127.0.0.1 in a thread; yield its port."""
    server = make_server("127.0.0.1", 0, app, handler_class=_QuietWsgi)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server.server_port
    finally:
        server.shutdown()
        server.server_close()


@contextmanager
def serve_asgi(app: Any, port: int) -> Iterator[None]:
    """Serve the ASGI `app` with uvicorn on 127.0.0.1:`port` in a thread, with its lifespan."""
    import uvicorn

    server = uvicorn.Server(uvicorn.Config(app, port=port, log_level="warning"))
    thread = threading.Thread(target=lambda: asyncio.run(server.serve()), daemon=True)
    thread.start()
    deadline = time.monotonic() + 20  # a bound on waiting for the server, not a timing
    while not server.started and thread.is_alive() and time.monotonic() < deadline:
        time.sleep(0.02)
    try:
        yield
    finally:
        server.should_exit = True
        thread.join(10)
