"""`RedisStore`'s own Redis connections: a few blocking sockets, shared by every thread.

`SyncWire` keeps a few idle sockets: each call takes one (a new one if none
is idle, or if the server closed the idle one meanwhile), and gives it back
after a complete answer. A process forked from one that used the store
(a pre-loading server's workers) leaves the parent's sockets alone. Its
async twin is `_redis_aio.AsyncWire`; both feed `_resp.Reader`, start each
connection with `Address.greeting`, run scripts by digest (again in full
after a `NOSCRIPT`), and raise redis-py's exceptions. A failed, timed-out
or closed connection is dropped, and the next call opens a new one; no
call is sent twice, so a claim is never repeated behind the caller's back.
"""

from __future__ import annotations

import os
import select
import socket
import struct
import sys
from collections import deque
from collections.abc import Sequence

from ._redis_wire import Address, Script, answer, failure, unscripted
from ._resp import NOTHING, Arg, ProtocolError, Reader, Reply, encode

__all__ = ["SyncWire"]

KEEP = 16
"""Idle sockets `SyncWire` keeps; more, opened by a burst of threads, are closed."""

_KERNEL_TIMEOUTS = sys.platform != "win32"
"""Whether a blocking socket's reads and writes can time out in the kernel (`SO_RCVTIMEO`)."""


def _kernel_times_out(sock: socket.socket) -> bool:
    """Whether a timeout set in the kernel would end a blocked call on `sock`.

    Only on the standard library's own plain socket: a TLS socket reads
    through its own buffer, and a green socket (gevent, eventlet) waits in
    its hub, where the kernel's timeout never reaches.
    """
    kind = type(sock)
    return _KERNEL_TIMEOUTS and (kind.__module__, kind.__qualname__) == ("socket", "socket")


def _idle_closed(sock: socket.socket) -> bool:
    """Whether the idle `sock` was closed by the server (or holds stray bytes)."""
    if sock.fileno() < 0:
        return True
    poll = select.poll()
    poll.register(sock, select.POLLIN)
    return bool(poll.poll(0))


class SyncWire:
    """Blocking sockets to one Redis, each call on one of them; safe to share between threads."""

    def __init__(self, address: Address) -> None:
        self.address = address
        self._idle: deque[socket.socket] = deque()  # appends and pops are thread-safe
        self._pid = os.getpid()

    def script(self, script: Script, keys: Sequence[Arg], args: Sequence[Arg]) -> Reply:
        """Run `script`, by digest unless the server forgot it."""
        reply = self.call([script.by_digest(keys, args)])[0]
        if unscripted(reply):
            reply = self.call([script.in_full(keys, args)])[0]
        return script.checked(reply, args)

    def command(self, *args: Arg) -> Reply:
        """One command's reply (an error reply raised)."""
        return answer(self.call([list(args)])[0])

    def call(self, commands: list[list[Arg]]) -> list[Reply]:
        """Send `commands` together; their replies, in order, error replies among them.

        Raises:
            redis.exceptions.RedisError: The connection failed, timed out or broke the protocol.
        """
        sock = self._checkout()
        try:
            replies = _exchange(sock, commands)
        except (OSError, ProtocolError) as exc:
            sock.close()
            raise failure(exc) from exc
        except BaseException:
            sock.close()
            raise
        if len(self._idle) < KEEP:
            self._idle.append(sock)
        else:
            sock.close()
        return replies

    def close(self) -> None:
        """Close the idle sockets (one in use is closed when its call ends)."""
        while True:
            try:
                self._idle.pop().close()
            except IndexError:
                return

    def __del__(self) -> None:
        # A store dropped without `close()` closes its sockets, as redis-py's do.
        self.close()

    def _checkout(self) -> socket.socket:
        if self._pid != os.getpid():  # a forked worker: the parent's sockets stay the parent's
            self._idle, self._pid = deque(), os.getpid()
        while True:
            try:
                sock = self._idle.pop()
            except IndexError:
                return self._connect()
            try:
                if not _idle_closed(sock):
                    return sock
            except (OSError, ValueError):
                pass
            sock.close()

    def _connect(self) -> socket.socket:
        address = self.address
        try:
            if address.path is not None:
                sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
                try:
                    sock.settimeout(address.connect_timeout)
                    sock.connect(address.path)
                except BaseException:
                    sock.close()
                    raise
            else:
                where = (address.host, address.port)
                sock = socket.create_connection(where, timeout=address.connect_timeout)
                sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            try:
                if address.tls is not None:
                    sock = address.tls.wrap_socket(sock, server_hostname=address.host)
                sock.settimeout(address.timeout)
                greeting = address.greeting()
                for reply in _exchange(sock, greeting) if greeting else ():
                    answer(reply)
                if address.timeout and _kernel_times_out(sock):
                    _time_out_in_kernel(sock, address.timeout)
            except BaseException:
                sock.close()
                raise
        except (OSError, ProtocolError) as exc:
            raise failure(exc, connecting=True) from exc
        return sock


def _time_out_in_kernel(sock: socket.socket, seconds: float) -> None:
    """Make `sock` blocking, its sends and receives timing out after `seconds` in the kernel.

    A Python socket with a timeout polls before every send and receive: two
    system calls more per round trip than a blocking one. Past the time, a
    send or receive fails with `BlockingIOError`, which `failure` reads as a
    timeout.
    """
    micros = max(1, round(seconds * 1e6))  # a zero `timeval` would mean no limit at all
    interval = struct.pack("ll", *divmod(micros, 1_000_000))
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVTIMEO, interval)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_SNDTIMEO, interval)
    sock.settimeout(None)


def _exchange(sock: socket.socket, commands: list[list[Arg]]) -> list[Reply]:
    sock.sendall(b"".join(encode(command) for command in commands))
    reader = Reader()
    replies: list[Reply] = []
    while len(replies) < len(commands):
        reply = reader.reply()
        if reply is NOTHING:
            data = sock.recv(65536)
            if not data:
                raise ConnectionResetError(0, "closed by the server")
            reader.feed(data)
        else:
            replies.append(reply)  # type: ignore[arg-type]  # NOTHING is ruled out above
    if reader.pending:
        raise ProtocolError("the server sent more than was asked")
    return replies
