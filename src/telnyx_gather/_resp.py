"""RESP2, the Redis protocol, without I/O: a command's bytes, and a reader for the replies.

`encode` turns one command into an array of bulk strings. `Reader` is fed
the bytes a connection receives and hands back each complete reply in
order: a simple string or a bulk string as `bytes`, an integer as `int`, a
nil as `None`, an array as a `list`, and an error as an `ErrorReply` value
(the connection decides what to raise). The blocking and the asyncio
connections (`_redis_wire`) drive it the same way. A malformed reply raises
`ProtocolError`, whose message names what was wrong without quoting the
bytes.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final, TypeAlias

__all__ = ["NOTHING", "Arg", "ErrorReply", "ProtocolError", "Reader", "Reply", "encode"]

MAX_LINE = 64 * 1024
"""The longest header line (or simple string, or error) a reply may have."""
MAX_BULK = 512 * 1024 * 1024
"""Redis's own bound on a bulk string."""
MAX_ITEMS = 1 << 24
MAX_DEPTH = 8
"""How deeply arrays may nest: the stores' replies nest one level."""

Arg: TypeAlias = "bytes | str | int"
"""One argument of a command: text is sent as UTF-8, an integer as its digits."""


class ErrorReply:
    """An error the server answered (`-ERR ...`): its text, decoded."""

    __slots__ = ("message",)

    def __init__(self, message: str) -> None:
        self.message = message

    @property
    def code(self) -> str:
        """The error's first word: `ERR`, `NOSCRIPT`, `WRONGPASS`, ..."""
        return self.message.split(" ", 1)[0]


Reply: TypeAlias = "bytes | int | ErrorReply | list[Reply] | None"
"""One reply, as `Reader` hands it back."""


class _Nothing:
    """No complete reply has arrived yet."""

    __slots__ = ()


NOTHING: Final = _Nothing()
"""What `Reader.reply` returns until a whole reply has arrived."""


class ProtocolError(Exception):
    """The server's reply was not valid RESP2; the message says how, quoting nothing."""


class _Incomplete(Exception):
    """More bytes are needed."""


def encode(args: Sequence[Arg]) -> bytes:
    """The bytes of one command: an array of bulk strings."""
    parts = [b"*%d\r\n" % len(args)]
    for arg in args:
        if isinstance(arg, str):
            data = arg.encode()
        elif isinstance(arg, bytes):
            data = arg
        else:
            data = b"%d" % arg
        parts += (b"$%d\r\n" % len(data), data, b"\r\n")
    return b"".join(parts)


def _integer(line: bytes, what: str) -> int:
    digits = line[1:] if line[:1] == b"-" else line
    if not digits.isdigit() or len(digits) > 19:
        raise ProtocolError(f"{what} is not a number")
    return int(line)


class Reader:
    """Parses the replies in the bytes it is fed, in the order they arrive."""

    def __init__(self) -> None:
        self._buffer = b""
        self._at = 0

    @property
    def pending(self) -> bool:
        """Whether part of a reply was fed and not handed back yet."""
        return self._at < len(self._buffer)

    def feed(self, data: bytes) -> None:
        """Add the bytes the connection received."""
        if self._at:
            self._buffer = self._buffer[self._at :] + data
            self._at = 0
        else:
            self._buffer += data

    def reply(self) -> Reply | _Nothing:
        """The next complete reply, or `NOTHING` until more bytes arrive.

        Raises:
            ProtocolError: The bytes are not a valid reply.
        """
        try:
            value, self._at = self._parse(self._at, 0)
        except _Incomplete:
            return NOTHING
        return value

    def _parse(self, at: int, depth: int) -> tuple[Reply, int]:
        buffer = self._buffer
        end = buffer.find(b"\r\n", at)
        if end < 0:
            if len(buffer) - at > MAX_LINE:
                raise ProtocolError("a reply line is too long")
            raise _Incomplete
        if end - at > MAX_LINE:
            raise ProtocolError("a reply line is too long")
        kind, line, at = buffer[at], buffer[at + 1 : end], end + 2
        if kind == 43:  # +
            return line, at
        if kind == 36:  # $
            size = _integer(line, "a bulk string's length")
            if size == -1:
                return None, at
            if not 0 <= size <= MAX_BULK:
                raise ProtocolError("a bulk string's length is out of range")
            if len(buffer) < at + size + 2:
                raise _Incomplete
            if buffer[at + size : at + size + 2] != b"\r\n":
                raise ProtocolError("a bulk string is longer than its length")
            return buffer[at : at + size], at + size + 2
        if kind == 58:  # :
            return _integer(line, "an integer reply"), at
        if kind == 42:  # *
            count = _integer(line, "an array's length")
            if count == -1:
                return None, at
            if not 0 <= count <= MAX_ITEMS:
                raise ProtocolError("an array's length is out of range")
            if depth >= MAX_DEPTH:
                raise ProtocolError("arrays nest too deeply")
            items: list[Reply] = []
            for _ in range(count):
                item, at = self._parse(at, depth + 1)
                items.append(item)
            return items, at
        if kind == 45:  # -
            return ErrorReply(line.decode("utf-8", "replace")), at
        raise ProtocolError("a reply starts with an unknown type byte")
