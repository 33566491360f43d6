"""Read a request body without reading past the verifier's `max_body_bytes`.

A delivery larger than the limit is refused before its bytes are held in memory:

- a declared `Content-Length` over the limit is refused at once, and nothing
  is read;
- a body without one (chunked) is read in chunks and refused as soon as it
  passes the limit, so at most `limit + 1` bytes are read.

Either way the refusal is `WebhookVerificationError("body_too_large")`, which
every adapter answers with 413. `BodyBuffer` holds all of the logic; the sync
reads (WSGI) and the async one (ASGI) only feed it chunks.

A client that disconnects mid-body (the server's stream raises `OSError`)
is logged in one line by `client_gone`, never with a traceback; its body
then reads as ended there, which the adapters answer with 400.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING, Any, Protocol

from .._errors import MalformedRequestError, WebhookVerificationError
from .._log import get_logger

if TYPE_CHECKING:
    from _typeshed import WriteableBuffer

__all__ = [
    "CHUNK",
    "BodyBuffer",
    "CappedInput",
    "body_limit",
    "client_gone",
    "declared_length",
    "read_body",
    "refuse_declared",
]

DEFAULT_LIMIT = 1_048_576
"""The verifiers' default `max_body_bytes`, for a verifier that names no limit."""
CHUNK = 65_536
"""Bytes asked for per read."""


logger = get_logger("integrations")


def client_gone(exc: BaseException) -> None:
    """Log, in one line and without a traceback, a client that disconnected mid-body."""
    logger.info("the client disconnected before its request body arrived (%s)", type(exc).__name__)


class _Readable(Protocol):
    def read(self, size: int, /) -> bytes: ...


def body_limit(verifier: object) -> int:
    """The verifier's `max_body_bytes`, or the default 1 MiB if it has none."""
    limit: Any = getattr(verifier, "max_body_bytes", None)
    if isinstance(limit, int) and not isinstance(limit, bool) and limit > 0:
        return limit
    return DEFAULT_LIMIT


def declared_length(value: object, *, strict: bool = False) -> int | None:
    """The `Content-Length` a request declares, or None when it declares none.

    A value that is not a decimal number raises `MalformedRequestError` when
    `strict`, and otherwise counts as no declaration (the body is then read as
    a stream, bounded all the same).
    """
    if value is None or value == "":
        return None
    if isinstance(value, str) and value.isascii() and value.isdigit():
        return int(value)
    if strict:
        raise MalformedRequestError("CONTENT_LENGTH is not a decimal number of bytes")
    return None


def refuse_declared(limit: int, declared: int | None) -> None:
    """Raise `body_too_large` if the declared `Content-Length` is over the limit."""
    if declared is not None and declared > limit:
        raise _too_large(limit)


def _too_large(limit: int) -> WebhookVerificationError:
    return WebhookVerificationError(
        "body_too_large", f"body is larger than the {limit}-byte limit (max_body_bytes)"
    )


class BodyBuffer:
    """The chunks of one body, refused the moment they pass the limit.

    Args:
        limit: The largest body accepted, in bytes.
        declared: The request's `Content-Length`, if it has one.

    Raises:
        WebhookVerificationError: `body_too_large`, at construction when
            `declared` is over the limit, or from `add` once the chunks are.
    """

    def __init__(self, limit: int, declared: int | None = None) -> None:
        refuse_declared(limit, declared)
        self.limit = limit
        self.expected = declared
        self.size = 0
        self._chunks: list[bytes] = []

    def want(self) -> int:
        """How many bytes to ask for next: one past the limit at most, 0 when done."""
        end = self.limit + 1 if self.expected is None else self.expected
        return min(CHUNK, end - self.size)

    def add(self, chunk: bytes) -> None:
        """Keep `chunk`, or raise `body_too_large` if the body is now over the limit."""
        self.size += len(chunk)
        if self.size > self.limit:
            self._chunks.clear()
            raise _too_large(self.limit)
        self._chunks.append(chunk)

    def body(self) -> bytes:
        """Every byte kept, in order."""
        return b"".join(self._chunks)


def read_body(stream: _Readable, limit: int, declared: int | None) -> bytes:
    """Read a body from a file-like `stream` (such as `wsgi.input`), bounded.

    With a `declared` length, reads exactly that many bytes (fewer if the
    stream ends first); without one, reads to the end of the stream.

    Raises:
        WebhookVerificationError: `body_too_large`, as `BodyBuffer` does.
    """
    buffer = BodyBuffer(limit, declared)
    while (size := buffer.want()) > 0:
        try:
            chunk = stream.read(size)
        except OSError as exc:  # the client went away: the body ends here
            client_gone(exc)
            break
        if not chunk:
            break
        buffer.add(chunk)
    return buffer.body()


class CappedInput(io.RawIOBase):
    """A `wsgi.input` stream that ends after `cap` bytes, whatever follows.

    For a framework that reads the input itself (Flask's `get_data`): capped at
    `limit + 1`, a body over the limit still reads as over it, and the verifier
    refuses it, without the rest ever being read.
    """

    def __init__(self, stream: _Readable, cap: int) -> None:
        super().__init__()
        self._stream = stream
        self._left = cap

    def readable(self) -> bool:
        """Always readable."""
        return True

    def readinto(self, buffer: WriteableBuffer, /) -> int:
        """Read up to `len(buffer)` bytes, never past the cap."""
        view = memoryview(buffer).cast("B")
        size = min(len(view), self._left, CHUNK)
        try:
            chunk = self._stream.read(size) if size > 0 else b""
        except OSError as exc:  # the client went away: the input ends here
            client_gone(exc)
            chunk, self._left = b"", 0
        view[: len(chunk)] = chunk
        self._left -= len(chunk)
        return len(chunk)
