"""A stand-in Call Control API for replays: it takes every command, records it, and does nothing.

A replay feeds the app the recorded webhooks itself, so this API must not
cause any: it validates each body with the command models, records it and
answers as Telnyx would (`{"data": {"result": "ok"}}`). As Telnyx does, it
refuses (422) a command to a call that has ended: after the app's `hangup`,
or once the replay delivered the call's `call.hangup`. Like a recording,
`commands` holds only what it accepted.
"""

from __future__ import annotations

import json
import threading
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, cast

from .._errors import InvalidCommandError
from ..commands import COMMANDS
from ._cassette import RecordedCommand
from ._http import Serving
from ._redact import as_object

__all__ = ["CaptureApi"]

_MAX_BODY = 1 << 20


class CaptureApi(Serving):
    """The stand-in API on 127.0.0.1; `commands` lists what the app sent, in order.

    A body the command model refuses, or a command to an ended call, is
    answered 422 and listed in `refused`; an unknown action or path is
    answered 404.
    """

    def __init__(self, api_key: str, port: int = 0) -> None:
        self.api_key: str = api_key
        self.commands: list[tuple[str, RecordedCommand]] = []
        """(call control id, command) in the order they came; the id is `""` for a dial."""
        self.refused: list[tuple[str, RecordedCommand]] = []
        """The commands answered 422, in order."""
        self.ended: set[str] = set()
        """The calls that have ended."""
        self.lock: threading.Lock = threading.Lock()
        super().__init__(_Server(self, port))

    @property
    def base_url(self) -> str:
        """The API base URL, with its `/v2` prefix."""
        return f"http://127.0.0.1:{self.port}/v2"

    def count(self) -> int:
        """How many commands were captured so far."""
        with self.lock:
            return len(self.commands)

    def since(self, start: int) -> list[RecordedCommand]:
        """The commands captured after the first `start`."""
        with self.lock:
            return [command for _, command in self.commands[start:]]

    def take(self, path: str, body: bytes) -> tuple[int, dict[str, Any]]:
        """Record one request; return the status and JSON to answer."""
        parts = path.split("?", 1)[0].strip("/").split("/")
        if parts[:2] == ["v2", "calls"] and len(parts) == 2:
            call_control_id, action = "", "dial"
        elif parts[:2] == ["v2", "calls"] and len(parts) == 5 and parts[3] == "actions":
            call_control_id, action = parts[2], parts[4]
        else:
            return 404, _error(404, "Resource not found")
        command_type = COMMANDS.get(action)
        if command_type is None:
            return 404, _error(404, "Resource not found")
        try:
            raw = json.loads(body or b"{}")
        except ValueError:
            return 400, _error(400, "Bad Request")
        try:
            recorded = RecordedCommand(action, command_type.model_validate(raw).to_params())
        except InvalidCommandError:
            recorded = RecordedCommand(action, as_object(raw))
            with self.lock:
                self.refused.append((call_control_id, recorded))
            return 422, _error(422, "Invalid parameter")
        with self.lock:
            if call_control_id in self.ended:
                self.refused.append((call_control_id, recorded))
                return 422, _error(422, "Call has already ended")
            self.commands.append((call_control_id, recorded))
            if action == "hangup":
                self.ended.add(call_control_id)
        return 200, {"data": _answer(action, call_control_id)}


def _answer(action: str, call_control_id: str) -> dict[str, Any]:
    if action == "dial":
        ids = {k: str(uuid.uuid4()) for k in ("call_control_id", "call_leg_id", "call_session_id")}
        return {**ids, "is_alive": False, "record_type": "call"}
    if action in ("gather_using_ai", "ai_assistant_start"):
        return {"result": "ok", "conversation_id": str(uuid.uuid4())}
    return {"result": "ok"}


def _error(status: int, title: str) -> dict[str, Any]:
    return {"errors": [{"code": str(status), "title": title, "detail": title}]}


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, api: CaptureApi, port: int) -> None:
        self.api = api
        super().__init__(("127.0.0.1", port), _Handler)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_POST(self) -> None:
        api = cast("_Server", self.server).api
        length = int(self.headers.get("Content-Length") or 0)
        if length > _MAX_BODY:
            self._send(413, _error(413, "Request Entity Too Large"))
            return
        body = self.rfile.read(length)
        if self.headers.get("Authorization") != f"Bearer {api.api_key}":
            self._send(401, _error(401, "Authentication failed"))
            return
        self._send(*api.take(self.path, body))

    def _send(self, status: int, answer: dict[str, Any]) -> None:
        raw = json.dumps(answer).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(raw)))
        self.end_headers()
        self.wfile.write(raw)

    def log_message(self, format: str, *args: Any) -> None:
        """Keep quiet."""
