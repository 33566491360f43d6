"""Keep-alive connection pools for the senders: what both share, and the sync one (sockets).

The async pool (`_async_pool`, asyncio transports) builds on `PoolBase` too.
Both pools hold at most `max_connections` connections to one `Origin`, reuse
the most recently idle one, and speak HTTP/1.1 through `_http11.Reader`. They
share everything but the I/O: the checkout, the bound, the rule for a
connection the server closed while it was idle, and the translation of
failures into httpx's exception types (what the senders have always raised).

A kept-alive connection may have been closed by the server between two
requests; if it ends before any byte of the answer, the request goes once
more on a fresh connection, and that does not count as one of the sender's
retries (every attempt carries the same `command_id`, so a repeat is safe).
"""

from __future__ import annotations

import select
import socket
import ssl
import threading
from collections import deque
from typing import Generic, TypeVar

import httpx

from ._http11 import Answer, NoAnswer, Origin, ProtocolError, Reader

__all__ = ["CONNECT", "READ", "WRITE", "PoolBase", "Stale", "SyncPool", "Target", "failure"]

C = TypeVar("C")
Target = tuple[str, str]
"""A request's method and full URL, for the errors that name it."""
CONNECT, WRITE, READ = "connect", "write", "read"
_TIMEOUTS: dict[str, type[httpx.TimeoutException]] = {
    CONNECT: httpx.ConnectTimeout,
    WRITE: httpx.WriteTimeout,
    READ: httpx.ReadTimeout,
}
_ERRORS: dict[str, type[httpx.NetworkError]] = {
    CONNECT: httpx.ConnectError,
    WRITE: httpx.WriteError,
    READ: httpx.ReadError,
}
_MESSAGES = {
    CONNECT: "could not connect to the API",
    WRITE: "the request could not be written",
    READ: "the answer could not be read",
}


def _readable(sock: socket.socket) -> bool:
    """Whether `sock` has something to read (or has ended), without waiting."""
    if hasattr(select, "poll"):  # `select.select` fails on descriptors past FD_SETSIZE
        poll = select.poll()
        poll.register(sock, select.POLLIN)
        return bool(poll.poll(0))
    return bool(select.select([sock], [], [], 0)[0])


class Stale(Exception):
    """A reused connection ended before any byte of the answer: send once more, afresh."""


def failure(stage: str, exc: Exception, method: str, url: str) -> httpx.TransportError:
    """httpx's exception for `exc`, raised at `stage` of the request `method url`."""
    request = httpx.Request(method, url)
    if isinstance(exc, ProtocolError):
        return httpx.RemoteProtocolError(str(exc), request=request)
    if isinstance(exc, TimeoutError):
        return _TIMEOUTS[stage](f"{stage} timed out", request=request)
    reason = f" ({exc.strerror})" if isinstance(exc, OSError) and exc.strerror else ""
    return _ERRORS[stage](_MESSAGES[stage] + reason, request=request)


class PoolBase(Generic[C]):
    """What both pools share: the origin, the idle connections and the TLS context."""

    def __init__(self, origin: Origin, timeout: float) -> None:
        self.origin = origin
        self.timeout = timeout
        self.idle: deque[C] = deque()  # appends and pops are thread-safe
        self.tls: ssl.SSLContext | None = None
        if origin.tls:
            # httpx's own default: SSL_CERT_FILE / SSL_CERT_DIR, else certifi's roots.
            self.tls = httpx.create_ssl_context()

    def checkout(self) -> tuple[C, bool] | None:
        """The most recently idle connection still open, with `True` (it is reused), or `None`."""
        while True:
            try:
                conn = self.idle.pop()
            except IndexError:
                return None
            if self.alive(conn):
                return conn, True
            self.discard(conn)

    def alive(self, conn: C) -> bool:
        """Whether the idle `conn` can carry a request (not closed by the server meanwhile)."""
        raise NotImplementedError

    def discard(self, conn: C) -> None:
        """Close `conn` for good."""
        raise NotImplementedError

    def done(self, conn: C, answer: Answer) -> Answer:
        """Keep `conn` for the next request if the answer allows it; return `answer`."""
        if answer.reusable:
            self.idle.append(conn)
        else:
            self.discard(conn)
        return answer

    def failed(
        self, conn: C, reused: bool, stage: str, exc: Exception, received: bool, request: Target
    ) -> Exception:
        """Close `conn` after `exc`: `Stale` if the request may go again afresh, else httpx's error.

        A reset before any byte of the answer counts as no answer; on a reused
        connection that (or a reset while writing) means the server had closed it.
        """
        self.discard(conn)
        if stage == READ and not received and isinstance(exc, ConnectionError):
            exc = NoAnswer()
        if reused and (
            isinstance(exc, NoAnswer) or (stage == WRITE and isinstance(exc, ConnectionError))
        ):
            return Stale()
        return failure(stage, exc, *request)

    def close(self) -> None:
        """Close every idle connection."""
        while True:
            try:
                conn = self.idle.pop()
            except IndexError:  # empty, perhaps emptied by another thread meanwhile
                return
            self.discard(conn)


class SyncPool(PoolBase[socket.socket]):
    """Blocking sockets (TLS for `https`), `timeout` on each connect, write and read.

    Thread-safe: any number of threads may send through one pool.
    """

    def __init__(self, origin: Origin, timeout: float, max_connections: int) -> None:
        super().__init__(origin, timeout)
        self._slots = threading.BoundedSemaphore(max_connections)

    def request(self, data: bytes, request: Target) -> Answer:
        """Send the encoded request `data` and read its answer, on a pooled connection.

        Raises:
            httpx.TransportError: The subclass for what failed (connect, write,
                read, a timeout, an answer that is not HTTP/1.1).
        """
        with self._slots:
            try:
                return self._attempt(data, request, self.checkout())
            except Stale:
                return self._attempt(data, request, None)

    def _attempt(
        self, data: bytes, request: Target, found: tuple[socket.socket, bool] | None
    ) -> Answer:
        conn, reused = found or (self._connect(request), False)
        reader = Reader()
        stage = WRITE
        try:
            conn.sendall(data)
            stage = READ
            while True:
                chunk = conn.recv(65536)
                answer = reader.feed(chunk) if chunk else reader.eof()
                if answer is not None:
                    return self.done(conn, answer)
        except (OSError, ProtocolError) as exc:
            raise self.failed(conn, reused, stage, exc, reader.received, request) from exc
        except BaseException:
            self.discard(conn)
            raise

    def _connect(self, request: Target) -> socket.socket:
        origin = self.origin
        try:
            sock = socket.create_connection((origin.host, origin.port), timeout=self.timeout)
            try:
                sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
                if self.tls is not None:
                    sock = self.tls.wrap_socket(sock, server_hostname=origin.host)
            except BaseException:
                sock.close()
                raise
        except OSError as exc:
            raise failure(CONNECT, exc, *request) from exc
        return sock

    def alive(self, conn: socket.socket) -> bool:
        if isinstance(conn, ssl.SSLSocket):
            return True  # TLS 1.3 tickets make an idle socket readable: left to the retry
        try:
            return not _readable(conn)  # readable while idle: closed by the server, or stray bytes
        except (OSError, ValueError):
            return False

    def discard(self, conn: socket.socket) -> None:
        conn.close()
