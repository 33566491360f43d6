"""The sandbox's request stream: every read of one request bounded by one deadline.

`http.server` reads a request line, then headers, then (in `_face`) the body,
each with the socket's timeout per `recv`: a client that sends a byte now and
then, or stops mid-header, could hold a connection open forever. Here the
request, from its first byte to the end of its body, must arrive within
`request_timeout`; past that a read raises `TimeoutError`. `Lines` remembers
the last line read, so the face can tell a header block that ended with its
blank line from one cut short by the client closing its side.
"""

from __future__ import annotations

import io
import socket
import time
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from _typeshed import WriteableBuffer

__all__ = ["DeadlineSocket", "Lines"]


class DeadlineSocket(io.RawIOBase):
    """A socket's read side: idle reads wait `idle` seconds, a request's reads its deadline."""

    def __init__(self, sock: socket.socket, idle: float) -> None:
        super().__init__()
        self._sock = sock
        self._idle = idle
        self.deadline: float | None = None
        """`time.monotonic()` by which the request must have arrived; `None` between requests."""

    def readable(self) -> bool:
        """Always readable."""
        return True

    def readinto(self, buffer: WriteableBuffer, /) -> int:
        """One `recv`, waiting no longer than the deadline (or `idle` without one).

        Raises:
            TimeoutError: The deadline has passed, or passes while waiting.
        """
        wait = self._idle
        if self.deadline is not None:
            wait = self.deadline - time.monotonic()
            if wait <= 0:
                raise TimeoutError("the request did not arrive in time")
        self._sock.settimeout(wait)
        return self._sock.recv_into(buffer)


class Lines(io.BufferedReader):
    """A buffered reader that remembers the last line it returned (`b""` at the end)."""

    last_line: bytes = b""

    def readline(self, size: int | None = -1, /) -> bytes:
        """Read one line, as `io.BufferedReader` does, and remember it."""
        line = super().readline(-1 if size is None else size)
        self.last_line = line
        return line
