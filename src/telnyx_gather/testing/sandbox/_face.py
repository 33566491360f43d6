"""The sandbox's HTTP face: read a request, validate it into a model, hand it on, answer.

Routes (each also under `/v2`, the prefix of the real API's base URL):

- `POST /calls/{call_control_id}/actions/{action}`: the Call Control actions.
- `POST /calls`: dial out; a callee scripted with `Sandbox.callee` answers.
- `POST /_sandbox/calls`: create a call with a scripted caller
  (`{"from", "to", "webhook_url", "script": [{"type": "press", ...}]}`);
  with `"ring": true` it rings first, as `Sandbox.ring` does.
- `POST /_sandbox/calls/{call_control_id}/hang_up`: the caller hangs up now.
- `GET /_sandbox/webhooks`: every webhook sent so far, with its attempts.
- `GET /_sandbox/log`: the commands applied and the webhooks sent, by time,
  and the commands refused (`"refused"`: each with its `occurred_at`,
  `call_control_id`, `action`, `status` and `detail`).
- `GET /_sandbox/recordings/{recording_id}.{wav|mp3}`: a saved recording's
  audio (a short silence); like Telnyx's pre-signed links, it needs no key.

Every route needs `Authorization: Bearer <api key>`. Every answer, to any
method and path, and to requests that cannot even be read (bad framing, a
body that stalls or stops short, a header block too large or cut short), is
JSON in the Telnyx shape `{"errors": [{"code", "title", "detail", "source"}]}`,
written in one send. A request runs only once it has arrived whole: its
headers and body within `request_timeout` of its first byte (else 408), its
header block ended by its blank line (else 400).
"""

from __future__ import annotations

import hmac
import json
import re
import socket
import sys
import time
from email.utils import formatdate
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, cast
from urllib.parse import unquote

from ...commands import Dial
from ._engine import Engine
from ._errors import ApiError, auth_failed, bad_request, error_object, not_found
from ._requests import DialRequest, check_url, validate_command, validate_model
from ._wire import DeadlineSocket, Lines

__all__ = ["ApiServer"]

MAX_BODY = 1_048_576
IDLE_TIMEOUT = 60.0
"""Real seconds a kept-alive connection may sit idle."""

_ACTION = re.compile(r"/calls/([^/]+)/actions/([a-z_]+)")
_HANG_UP = re.compile(r"/_sandbox/calls/([^/]+)/hang_up")
_RECORDING = re.compile(r"/_sandbox/recordings/([0-9a-f-]{36})\.(wav|mp3)")
_CHUNK_SIZE = re.compile(rb"[0-9A-Fa-f]{1,8}")


class ApiServer(ThreadingHTTPServer):
    """A threaded HTTP server on 127.0.0.1 that drives an `Engine`."""

    daemon_threads = True

    def __init__(self, engine: Engine, api_key: str, port: int, request_timeout: float) -> None:
        self.engine = engine
        self.api_key = api_key
        self.request_timeout = request_timeout
        """Real seconds a request (headers and body) may take to arrive, from its first byte."""
        super().__init__(("127.0.0.1", port), _Handler)

    def handle_error(
        self, request: socket.socket | tuple[bytes, socket.socket], client_address: Any
    ) -> None:
        """A client that went away (reset, broken pipe, timed out) is not the server's error."""
        if isinstance(sys.exc_info()[1], OSError):
            return
        super().handle_error(request, client_address)  # pragma: no cover - a bug of ours


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True
    timeout = IDLE_TIMEOUT

    def setup(self) -> None:
        super().setup()
        self.rfile.close()  # the plain reader, replaced by one that keeps a deadline
        self._stream = DeadlineSocket(self.connection, IDLE_TIMEOUT)
        self._lines = Lines(self._stream)
        self.rfile = self._lines

    def handle_one_request(self) -> None:
        """Wait (idle) for a request; then the whole of it must arrive by its deadline."""
        self._stream.deadline = None
        if not self._lines.peek(1):
            self.close_connection = True
            return
        self._stream.deadline = time.monotonic() + self.api.request_timeout
        try:
            super().handle_one_request()
        finally:
            self._stream.deadline = None

    def parse_request(self) -> bool:
        """Parse the request line and headers; refuse a header block that is late or cut short."""
        try:
            if not super().parse_request():
                return False
        except TimeoutError:
            return self._refuse(408, "The request headers did not arrive in time.")
        if self._lines.last_line not in (b"\r\n", b"\n"):
            return self._refuse(400, "The request headers ended before their blank line.")
        return True

    def _refuse(self, status: int, detail: str) -> bool:
        self.close_connection = True
        self._send(status, {"errors": bad_request(detail, status).errors})
        return False

    def do_GET(self) -> None:
        self._respond()

    do_POST = do_PUT = do_PATCH = do_DELETE = do_HEAD = do_OPTIONS = do_GET

    def log_message(self, format: str, *args: Any) -> None:
        """Keep quiet: tests and the CLI print what matters themselves."""

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        """Answer what `http.server` itself refuses (bad request line, huge headers) as JSON."""
        self.close_connection = True
        status = HTTPStatus(code)
        self._send(code, {"errors": [error_object("10015", status.phrase, status.description)]})

    def _respond(self) -> None:
        path = self.path.split("?", 1)[0].removeprefix("/v2")
        try:
            body = self._read_body()
            if self._recording():
                return
            self._authorise()
            status, answer = self._route(path, body)
        except ApiError as exc:
            status, answer = exc.status, {"errors": exc.errors}
            if self.command == "POST" and (match := _ACTION.fullmatch(path)):
                self.api.engine.refuse(_call_id(match.group(1)), match.group(2), exc)
        self._send(status, answer)

    def _send(self, status: int, answer: dict[str, Any]) -> None:
        raw = json.dumps(answer).encode()
        head = [
            f"HTTP/1.1 {status} {HTTPStatus(status).phrase}",
            "Content-Type: application/json",
            f"Content-Length: {len(raw)}",
            f"Date: {formatdate(usegmt=True)}",
        ]
        if self.close_connection:
            head.append("Connection: close")
        if self.command == "HEAD":
            raw = b""
        self.connection.settimeout(self.api.request_timeout)  # a client that never reads
        self.wfile.write(("\r\n".join(head) + "\r\n\r\n").encode() + raw)

    def _recording(self) -> bool:
        """Serve a saved recording's audio, if that is what was asked for."""
        match = _RECORDING.fullmatch(self.path.split("?", 1)[0].removeprefix("/v2"))
        if self.command not in ("GET", "HEAD") or match is None:
            return False
        audio = self.api.engine.recording(match.group(1), match.group(2))
        if audio is None:
            return False
        kind, raw = audio
        head = [
            "HTTP/1.1 200 OK",
            f"Content-Type: {kind}",
            f"Content-Length: {len(raw)}",
            f"Date: {formatdate(usegmt=True)}",
        ]
        self.wfile.write(
            ("\r\n".join(head) + "\r\n\r\n").encode() + (b"" if self.command == "HEAD" else raw)
        )
        return True

    def _authorise(self) -> None:
        given = self.headers.get("Authorization", "").encode("utf-8", "replace")
        expected = f"Bearer {self.api.api_key}".encode()
        if not hmac.compare_digest(given, expected):
            raise auth_failed()

    @property
    def api(self) -> ApiServer:
        return cast("ApiServer", self.server)

    def _route(self, path: str, body: bytes) -> tuple[int, dict[str, Any]]:
        engine = self.api.engine
        if self.command in ("POST", "PUT") and (match := _ACTION.fullmatch(path)):
            command = validate_command(match.group(2), body, self.command)
            return 200, {"data": engine.command(_call_id(match.group(1)), command)}
        if self.command == "POST":
            if path == "/calls":
                data = engine.dial_out(validate_model(Dial, body))
                data.pop("result")
                return 200, {"data": data}
            if path == "/_sandbox/calls":
                request = validate_model(DialRequest, body)
                url = check_url(request.webhook_url, "/webhook_url")
                parties = request.script, request.from_, request.to, url
                if request.ring:
                    call = engine.ring(*parties, request.patience)
                else:
                    call = engine.dial(*parties)
                return 200, {"data": call.ids()}
            if match := _HANG_UP.fullmatch(path):
                engine.hang_up(_call_id(match.group(1)))
                return 200, {"data": {"result": "ok"}}
        if self.command in ("GET", "HEAD") and path == "/_sandbox/webhooks":
            return 200, {"data": [d.describe() for d in engine.outbox.snapshot()]}
        if self.command in ("GET", "HEAD") and path == "/_sandbox/log":
            return 200, {"data": engine.log()}
        raise not_found()

    def _read_body(self) -> bytes:
        """The request body, framed by Content-Length or chunked, within time and size bounds.

        Until the body is read whole, the connection is marked to close: a
        body left half-read would be taken for the next request.
        """
        keep_alive, self.close_connection = not self.close_connection, True
        try:
            body = self._framed_body()
        except TimeoutError:
            raise bad_request("The request body did not arrive in time.", 408) from None
        self.close_connection = not keep_alive
        return body

    def _framed_body(self) -> bytes:
        encoding = self.headers.get_all("Transfer-Encoding") or []
        lengths = self.headers.get_all("Content-Length") or []
        if encoding:
            if lengths or [e.strip().lower() for e in encoding] != ["chunked"]:
                raise bad_request(
                    "Only one Content-Length or chunked transfer encoding is allowed."
                )
            return self._chunked_body()
        if not lengths:
            return b""
        declared = lengths[0].strip()
        if len(lengths) > 1 or not (declared.isascii() and declared.isdigit()):
            raise bad_request("The Content-Length header is not a number.")
        length = int(declared)
        if length > MAX_BODY:
            # Read what was sent (up to a bound) so the client sees the answer, not a reset.
            remaining = min(length, 16 * MAX_BODY)
            while remaining > 0 and (chunk := self.rfile.read(min(remaining, 65536))):
                remaining -= len(chunk)
            raise bad_request("The request body is too large.", 413)
        body = self.rfile.read(length)
        if len(body) < length:
            raise bad_request("The request body is shorter than its Content-Length.")
        return body

    def _chunked_body(self) -> bytes:
        body = bytearray()
        while True:
            line = self.rfile.readline(1024)
            size_text = line.split(b";", 1)[0].strip()
            if not line.endswith(b"\n") or not _CHUNK_SIZE.fullmatch(size_text):
                raise bad_request("The chunked request body is malformed or incomplete.")
            size = int(size_text, 16)
            if size == 0:
                break
            if len(body) + size > MAX_BODY:
                raise bad_request("The request body is too large.", 413)
            chunk = self.rfile.read(size)
            if len(chunk) < size or self.rfile.readline(3) not in (b"\r\n", b"\n"):
                raise bad_request("The chunked request body is malformed or incomplete.")
            body += chunk
        for _ in range(64):
            trailer = self.rfile.readline(8192)
            if trailer in (b"\r\n", b"\n"):
                return bytes(body)
            if not trailer.endswith(b"\n"):
                break
        raise bad_request("The chunked request body is malformed or incomplete.")


def _call_id(segment: str) -> str:
    """The path segment as a call id; any text is fine, an unknown id is a 422 later."""
    return unquote(segment, errors="replace")
