"""HTTP/1.1 for the senders, without I/O: the request's bytes, and a reader for the answer.

`Origin` is the API's base URL, parsed once; `Origin.head` encodes the
sender's fixed headers once, so a request costs one format of its first line
and `Content-Length`. `Reader` is fed the bytes the connection receives and
hands back the `Answer` once it is complete: a `Content-Length` body, a
chunked one, or one that ends when the server closes the connection. The
sync and async connection pools (`_pool.py`) drive it the same way; only
their I/O differs. A malformed answer raises `ProtocolError`, whose message
names what was wrong without quoting the bytes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

__all__ = ["Answer", "NoAnswer", "Origin", "ProtocolError", "Reader", "encode"]

MAX_HEAD = 64 * 1024
_HEAD, _LENGTH, _CHUNK_SIZE, _CHUNK_DATA, _TRAILER, _TO_EOF = range(6)
_HEX = frozenset(b"0123456789abcdefABCDEF")
_FIELD = re.compile(rb"([!#$%&'*+.^_`|~0-9A-Za-z-]+):[ \t]*(.*?)[ \t]*")
_FRAMING = frozenset((b"connection", b"content-length", b"transfer-encoding"))


class ProtocolError(Exception):
    """The server's answer was not valid HTTP/1.1; the message says how, quoting nothing."""


class NoAnswer(ProtocolError):
    """The connection ended before any byte of the answer arrived."""

    def __init__(self) -> None:
        super().__init__("the server closed the connection without answering")


@dataclass(frozen=True)
class Origin:
    """Where a base URL points: scheme, host, port, and the path every request starts with."""

    tls: bool
    host: str
    port: int
    authority: str
    prefix: str

    @classmethod
    def parse(cls, url: str) -> Origin | None:
        """The origin of `url`, or `None` for one these senders leave to httpx.

        That is anything but a plain `http://` or `https://` URL: user info,
        a query or a fragment, another scheme, or characters that httpx would
        have to encode (non-ASCII, spaces, controls).
        """
        if not url.isascii() or not url.isprintable() or " " in url:
            return None
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            return None
        if "@" in parts.netloc or parts.query or parts.fragment:
            return None
        try:
            port = parts.port
        except ValueError:
            return None
        tls = parts.scheme == "https"
        return cls(
            tls=tls,
            host=parts.hostname,
            port=port or (443 if tls else 80),
            authority=parts.netloc,
            prefix=parts.path.rstrip("/"),
        )

    def head(self, headers: dict[str, str]) -> bytes:
        """`Host` and `headers` as the lines every request repeats, encoded once.

        Raises:
            ValueError: A header value holds a control or non-ASCII character.
        """
        lines = [b"Host: " + self.authority.encode("idna")]
        for name, value in headers.items():
            if not value.isascii() or not value.isprintable():
                raise ValueError(f"{name}: must be printable ASCII")
            lines.append(f"{name}: {value}".encode())
        return b"\r\n".join(lines) + b"\r\n"


def encode(method: str, target: str, head: bytes, body: bytes) -> bytes:
    """One request: its first line, the fixed `head`, `Content-Length` and `body`."""
    first = f"{method} {target} HTTP/1.1\r\n".encode()
    return b"%s%sContent-Length: %d\r\n\r\n%s" % (first, head, len(body), body)


class Answer:
    """A complete answer: status, headers (names lower case), body, and if the connection stays."""

    __slots__ = ("body", "headers", "reusable", "status")

    def __init__(
        self, status: int, headers: list[tuple[bytes, bytes]], body: bytes, reusable: bool
    ) -> None:
        self.status = status
        self.headers = headers
        self.body = body
        self.reusable = reusable

    def header(self, name: bytes) -> str:
        """The last value of the header `name` (lower case), decoded, or `""`."""
        found = b""
        for key, value in self.headers:
            if key == name:
                found = value
        return found.decode("latin-1")


class Reader:
    """Reads one answer from the bytes fed to it, in whatever pieces they come."""

    __slots__ = ("_buffer", "_chunks", "_keep", "_need", "_state", "headers", "received", "status")

    def __init__(self) -> None:
        self._buffer = bytearray()
        self._state = _HEAD
        self._need = 0
        self._chunks: list[bytes] = []
        self._keep = True
        self.status = 0
        self.headers: list[tuple[bytes, bytes]] = []
        self.received = False

    def feed(self, data: bytes) -> Answer | None:
        """Take the next bytes; the answer once it is complete, else `None`.

        Raises:
            ProtocolError: The bytes so far are not a valid answer.
        """
        self.received = True
        if self._state == _HEAD and not self._buffer:  # the usual case: all in one piece
            end = data.find(b"\r\n\r\n")
            if end >= 0:
                self._start(data[:end])
                start = end + 4
                stop = start + self._need
                if self._state == _LENGTH and len(data) >= stop:
                    return self._done(data[start:stop], len(data) - stop)
                data = data[start:]
        self._buffer += data
        return self._advance()

    def eof(self) -> Answer:
        """The server closed the connection: the answer, if that is where it ends.

        Raises:
            NoAnswer: Nothing had arrived.
            ProtocolError: The answer was cut short.
        """
        if not self.received:
            raise NoAnswer
        if self._state != _TO_EOF:
            raise ProtocolError("the server closed the connection before the answer was complete")
        return self._done(bytes(self._buffer), 0)

    def _advance(self) -> Answer | None:
        buffer = self._buffer
        while True:
            state = self._state
            if state in (_LENGTH, _CHUNK_DATA):
                need = self._need
                if len(buffer) < need + (2 if state == _CHUNK_DATA else 0):
                    return None
                piece = bytes(buffer[:need])
                if state == _LENGTH:
                    return self._done(piece, len(buffer) - need)
                if not buffer.startswith(b"\r\n", need):
                    raise ProtocolError("a chunk of the answer is not the size it announced")
                self._chunks.append(piece)
                del buffer[: need + 2]
                self._state = _CHUNK_SIZE
                continue
            if state == _TO_EOF:
                return None
            end = buffer.find(b"\r\n\r\n" if state == _HEAD else b"\r\n")
            if end < 0:
                if len(buffer) > MAX_HEAD:
                    raise ProtocolError("the answer's head is larger than 64 KiB")
                return None
            line = bytes(buffer[:end])
            if state == _HEAD:
                del buffer[: end + 4]
                self._start(line)
            elif state == _CHUNK_SIZE:
                del buffer[: end + 2]
                self._chunk_size(line)
            else:  # _TRAILER: skip trailer fields up to the blank line
                del buffer[: end + 2]
                if not line:
                    return self._done(b"".join(self._chunks), len(buffer))

    def _start(self, head: bytes) -> None:
        lines = head.split(b"\r\n")
        version, _, rest = lines[0].partition(b" ")
        code = rest[:3]
        if version not in (b"HTTP/1.1", b"HTTP/1.0") or not (
            len(code) == 3 and code.isdigit() and rest[3:4] in (b"", b" ")
        ):
            raise ProtocolError("the answer's status line is not HTTP/1.1")
        self.status = status = int(code)
        headers: list[tuple[bytes, bytes]] = []
        framing: dict[bytes, list[bytes]] = {}
        for line in lines[1:]:
            field = _FIELD.fullmatch(line)
            if field is None:
                raise ProtocolError("the answer has a malformed header line")
            name = field[1].lower()
            value = field[2]
            headers.append((name, value))
            if name in _FRAMING:
                framing.setdefault(name, []).append(value)
        if 100 <= status < 200:
            self._state = _HEAD  # an interim answer: the real one follows
            return
        self.headers = headers
        self._frame(version == b"HTTP/1.1", framing)

    def _frame(self, persistent: bool, framing: dict[bytes, list[bytes]]) -> None:
        if b"connection" in framing:
            tokens = b",".join(framing[b"connection"]).lower().split(b",")
            options = {token.strip() for token in tokens}
            persistent = (persistent or b"keep-alive" in options) and b"close" not in options
        self._keep = persistent
        codings = framing.get(b"transfer-encoding")
        lengths = set(framing.get(b"content-length", ()))
        if codings:
            if b",".join(codings).lower().rsplit(b",", 1)[-1].strip() == b"chunked":
                self._state = _CHUNK_SIZE
            else:
                self._to_eof()
        elif lengths:
            length = lengths.pop()
            if lengths or not length.isdigit() or len(length) > 18:
                raise ProtocolError("the answer's Content-Length is not one whole number")
            self._state, self._need = _LENGTH, int(length)
        elif self.status in (204, 304):
            self._state, self._need = _LENGTH, 0
        else:
            self._to_eof()

    def _to_eof(self) -> None:
        self._state = _TO_EOF
        self._keep = False

    def _chunk_size(self, line: bytes) -> None:
        size = line.split(b";", 1)[0].strip()
        if not size or len(size) > 16 or not _HEX.issuperset(size):
            raise ProtocolError("a chunk size in the answer is not a hexadecimal number")
        self._need = int(size, 16)
        self._state = _CHUNK_DATA if self._need else _TRAILER

    def _done(self, body: bytes, leftover: int) -> Answer:
        return Answer(self.status, self.headers, body, self._keep and not leftover)
