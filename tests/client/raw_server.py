"""A loopback TCP server that answers HTTP requests with scripted raw bytes, for the senders.

Unlike `tests.loopback.Recorder` it can answer with anything: a chunked body,
a body that ends with the connection, a broken status line, nothing at all.
It records every request's raw bytes, which connection carried it, and the
most connections it held open at once.
"""

from __future__ import annotations

import socket
import ssl
import threading
import time
from contextlib import suppress
from dataclasses import dataclass
from types import TracebackType

__all__ = ["OK", "Act", "RawServer", "ok"]


def ok(body: bytes = b'{"data":{"result":"ok"}}', *head: bytes) -> bytes:
    """A 200 answer with a `Content-Length` body and the extra header lines `head`."""
    lines = [b"HTTP/1.1 200 OK", b"Content-Type: application/json", *head]
    return b"\r\n".join([*lines, b"Content-Length: %d" % len(body), b"", body])


OK = ok()


@dataclass(frozen=True)
class Act:
    """What the server does with one request."""

    answer: bytes = OK
    close: bool = False
    """Close the connection after the answer (or instead of one, if `answer` is empty)."""
    silent: bool = False
    """Never answer; hold the connection open until the server closes."""
    delay: float = 0.0
    """Seconds to wait before answering."""


class RawServer:
    """Serves on `host` in threads; each request takes the next scripted `Act`, then `OK`."""

    def __init__(
        self, *script: Act, tls: ssl.SSLContext | None = None, host: str = "127.0.0.1"
    ) -> None:
        self.host = host
        self.requests: list[bytes] = []
        self.connection_of: list[int] = []
        self.connections = 0
        self.peak = 0
        self._open = 0
        self._script = list(script)
        self._tls = tls
        self._lock = threading.Lock()
        self._closed = threading.Event()
        self._sockets: list[socket.socket] = []
        self._listener = socket.create_server((host, 0), backlog=64)
        self.port: int = self._listener.getsockname()[1]
        self._threads = [threading.Thread(target=self._accept, daemon=True)]
        self._threads[0].start()

    @property
    def open_now(self) -> int:
        """How many connections are open right now (the client has not closed them)."""
        with self._lock:
            return self._open

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}/v2"

    def _accept(self) -> None:
        while not self._closed.is_set():
            try:
                conn, _ = self._listener.accept()
            except OSError:
                return
            with self._lock:
                self.connections += 1
                number = self.connections
                self._sockets.append(conn)
            thread = threading.Thread(target=self._serve, args=(conn, number), daemon=True)
            self._threads.append(thread)
            thread.start()

    def _serve(self, conn: socket.socket, number: int) -> None:
        with self._lock:
            self._open += 1
            self.peak = max(self.peak, self._open)
        try:
            if self._tls is not None:
                conn = self._tls.wrap_socket(conn, server_side=True)
            self._exchange(conn, number)
        except OSError:
            pass
        finally:
            with self._lock:
                self._open -= 1
            conn.close()

    def _exchange(self, conn: socket.socket, number: int) -> None:
        pending = b""
        while True:
            while b"\r\n\r\n" not in pending:
                data = conn.recv(65536)
                if not data:
                    return
                pending += data
            head, _, pending = pending.partition(b"\r\n\r\n")
            length = 0
            for line in head.split(b"\r\n")[1:]:
                name, _, value = line.partition(b":")
                if name.strip().lower() == b"content-length":
                    length = int(value)
            while len(pending) < length:
                pending += conn.recv(65536)
            body, pending = pending[:length], pending[length:]
            with self._lock:
                self.requests.append(head + b"\r\n\r\n" + body)
                self.connection_of.append(number)
                act = self._script.pop(0) if self._script else Act()
            if act.silent:
                self._closed.wait()
                return
            time.sleep(act.delay)
            if act.answer:
                conn.sendall(act.answer)
            if act.close:
                return

    def close(self) -> None:
        self._closed.set()
        with suppress(OSError):
            self._listener.shutdown(socket.SHUT_RDWR)  # wakes the thread blocked in accept()
        self._listener.close()
        with self._lock:
            for sock in self._sockets:
                with suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)
                sock.close()
        self._threads[0].join(timeout=5)  # no connection is accepted after this
        for thread in self._threads[1:]:
            thread.join(timeout=5)

    def __enter__(self) -> RawServer:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()
