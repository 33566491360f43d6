"""The sandbox's HTTP face: the Call Control actions, plus a small control API.

Routes (each also under `/v2`, the prefix of the real API's base URL):

- `POST /calls/{call_control_id}/actions/{action}`: the eight gather actions.
- `POST /_sandbox/calls`: create a call with a scripted caller
  (`{"from", "to", "webhook_url", "script": [{"type": "press", ...}]}`).
- `POST /_sandbox/calls/{call_control_id}/hang_up`: the caller hangs up now.
- `GET /_sandbox/webhooks`: every webhook sent so far.

Every route needs `Authorization: Bearer <api key>`. Errors have the Telnyx
shape, `{"errors": [{"code", "title", "detail", "source"}]}`.
"""

from __future__ import annotations

import hmac
import json
import re
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, ClassVar, TypeVar, cast
from urllib.parse import unquote

from pydantic import BaseModel, ConfigDict, Field, ValidationError
from pydantic_core import ErrorDetails

from .._errors import InvalidCommandError, describe_error
from ..commands import COMMANDS as ALL_COMMANDS
from ..commands import Command
from ._delivery import Delivery, check_webhook_url
from ._engine import ApiError, Engine, error_object
from ._script import CallerStep

__all__ = ["COMMANDS", "ApiServer", "DialRequest"]

M = TypeVar("M", bound=BaseModel)

_MAX_BODY = 1_048_576
_ACTION = re.compile(r"/calls/([^/]+)/actions/([a-z_]+)")
_HANG_UP = re.compile(r"/_sandbox/calls/([^/]+)/hang_up")
_AUTH_FAILED = (
    "10009",
    "Authentication failed",
    "The required authentication headers were either invalid or not included in the request.",
)
_RANGE = {"greater_than", "greater_than_equal", "less_than", "less_than_equal"}
_LENGTH = {"string_too_short", "string_too_long", "too_short", "too_long"}


# `answer` and `hangup` are not served yet: every sandbox call starts answered.
COMMANDS: dict[str, type[Command]] = {
    action: cls for action, cls in ALL_COMMANDS.items() if action not in ("answer", "hangup")
}
"""Each action path segment, mapped to the command model that validates its body."""


class DialRequest(BaseModel):
    """The body of `POST /_sandbox/calls`."""

    model_config: ClassVar[ConfigDict] = ConfigDict(
        extra="forbid", frozen=True, populate_by_name=True
    )

    from_: str = Field("+13125550101", alias="from")
    to: str = "+13125550100"
    webhook_url: str | None = None
    script: list[CallerStep] = Field(default_factory=list[CallerStep])


class ApiServer(ThreadingHTTPServer):
    """A threaded HTTP server on 127.0.0.1 that drives an `Engine`."""

    daemon_threads = True

    def __init__(self, engine: Engine, api_key: str, port: int = 0) -> None:
        self.engine = engine
        self.api_key = api_key
        super().__init__(("127.0.0.1", port), _Handler)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    @property
    def api(self) -> ApiServer:
        return cast("ApiServer", self.server)

    def do_POST(self) -> None:
        self._respond(self._post)

    def do_GET(self) -> None:
        self._respond(self._get)

    def log_message(self, format: str, *args: Any) -> None:
        """Keep quiet: tests and the CLI print what matters themselves."""

    def _respond(self, route: Callable[[str], tuple[int, dict[str, Any]]]) -> None:
        try:
            self._authorise()
            status, body = route(self.path.split("?", 1)[0].removeprefix("/v2"))
        except ApiError as exc:
            status, body = exc.status, {"errors": exc.errors}
        raw = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(raw)))
        self.end_headers()
        self.wfile.write(raw)

    def _authorise(self) -> None:
        given = self.headers.get("Authorization", "").encode("utf-8", "replace")
        expected = f"Bearer {self.api.api_key}".encode()
        if not hmac.compare_digest(given, expected):
            raise ApiError(401, error_object(*_AUTH_FAILED))

    def _post(self, path: str) -> tuple[int, dict[str, Any]]:
        body = self._body()
        if match := _ACTION.fullmatch(path):
            call_control_id, action = unquote(match.group(1)), match.group(2)
            command_type = COMMANDS.get(action)
            if command_type is not None:
                params = _validate(command_type, body)
                return 200, {"data": self.api.engine.command(call_control_id, action, params)}
        elif path == "/_sandbox/calls":
            request = _validate_model(DialRequest, body)
            if request.webhook_url is not None:
                _check_url(request.webhook_url)
            call = self.api.engine.dial(
                request.script, request.from_, request.to, request.webhook_url
            )
            ids = {"call_control_id": call.call_control_id, "call_leg_id": call.call_leg_id}
            return 200, {"data": {**ids, "call_session_id": call.call_session_id}}
        elif match := _HANG_UP.fullmatch(path):
            self.api.engine.hang_up(unquote(match.group(1)))
            return 200, {"data": {"result": "ok"}}
        raise _not_found()

    def _get(self, path: str) -> tuple[int, dict[str, Any]]:
        if path != "/_sandbox/webhooks":
            raise _not_found()
        log = self.api.engine.deliveries.snapshot()
        return 200, {"data": [_describe(delivery) for delivery in log]}

    def _body(self) -> bytes:
        declared = self.headers.get("Content-Length") or "0"
        # A body left unread would be taken for the next request: refuse, then hang up.
        keep_alive, self.close_connection = not self.close_connection, True
        if not (declared.isascii() and declared.isdigit()):
            detail = "The Content-Length header is not a number."
            raise ApiError(400, error_object("10015", "Bad Request", detail))
        length = int(declared)
        if length > _MAX_BODY:
            # Read what was sent (up to a bound) so the client sees the answer, not a reset.
            remaining = min(length, 16 * _MAX_BODY)
            while remaining > 0 and (chunk := self.rfile.read(min(remaining, 65536))):
                remaining -= len(chunk)
            raise ApiError(
                413, error_object("10015", "Bad Request", "The request body is too large.")
            )
        body = self.rfile.read(length)
        self.close_connection = not keep_alive
        return body or b"{}"


def _describe(delivery: Delivery) -> dict[str, Any]:
    return {
        "event_type": delivery.event_type,
        "call_control_id": delivery.call_control_id,
        "url": delivery.url,
        "status": delivery.status,
        "error": delivery.error,
        "body": json.loads(delivery.body),
    }


def _not_found() -> ApiError:
    detail = "The requested resource or URL could not be found."
    return ApiError(404, error_object("10005", "Resource not found", detail))


def _check_url(url: str) -> None:
    try:
        check_webhook_url(url)
    except ValueError as exc:
        detail = f"webhook_url: {exc}"
        raise ApiError(422, error_object("10003", "Invalid URL", detail, "/webhook_url")) from None


def _validate(command_type: type[Command], body: bytes) -> dict[str, Any]:
    """Validate a command body with the library's own model; return its canonical JSON."""
    return _validate_model(command_type, body).to_params()


def _validate_model(model: type[M], body: bytes) -> M:
    try:
        return model.model_validate_json(body)
    except ValidationError as exc:
        errors = exc.errors(include_url=False, include_input=False, include_context=True)
        if any(e["type"] == "json_invalid" for e in errors):
            detail = "The request body is not valid JSON."
            raise ApiError(400, error_object("10023", "Invalid JSON", detail)) from None
        raise ApiError(422, *(_error_object(e) for e in errors[:10])) from None
    except InvalidCommandError as exc:
        raise ApiError(422, error_object("10015", "Bad Request", str(exc), "")) from None


def _error_object(error: ErrorDetails) -> dict[str, Any]:
    kind = error["type"]
    if kind == "missing":
        code, title = "10004", "Missing required parameter"
    elif kind in ("literal_error", "enum", "union_tag_invalid"):
        code, title = "10032", "Invalid enumerated value"
    elif kind in _RANGE or kind in _LENGTH:
        code, title = "10033", "Value outside of range"
    elif kind.endswith("_type"):
        code, title = "10020", "Invalid resource type"
    else:
        code, title = "10015", "Bad Request"
    pointer = "".join("/" + str(p).replace("~", "~0").replace("/", "~1") for p in error["loc"])
    return error_object(code, title, describe_error(error), pointer)
