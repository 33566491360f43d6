"""Read the raw body and headers of a WSGI request, for any WSGI framework.

WSGI hands headers over in the environ as `HTTP_*` keys (plus `CONTENT_TYPE`
and `CONTENT_LENGTH`), one string per name. When a header arrives more than
once, WSGI servers (werkzeug, gunicorn, wsgiref) join its values with commas
before the application sees them. `headers_from_environ` splits those values
back apart for the headers the verifier reads, so a repeated Telnyx header is
still rejected as `ambiguous_header` (see `telnyx_gather.integrations._common`
for exactly how). Many servers also drop header names containing `_`, which
Telnyx never sends.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from http import HTTPStatus
from typing import TYPE_CHECKING, Any

from .._errors import MalformedRequestError, WebhookVerificationError
from ._body import body_limit, declared_length, read_body
from ._common import unjoin_pairs
from ._json import Respond, for_initialization, for_tool, json_answer, tool_name

if TYPE_CHECKING:
    from _typeshed.wsgi import StartResponse, WSGIApplication, WSGIEnvironment

    from ..router import Router

__all__ = [
    "MalformedRequestError",
    "headers_from_environ",
    "request_parts",
    "serve",
    "serve_initialization",
    "serve_tools",
]

_UNPREFIXED = {"CONTENT_TYPE": "content-type", "CONTENT_LENGTH": "content-length"}


def headers_from_environ(environ: Mapping[str, Any]) -> list[tuple[str, str]]:
    """Return the request's headers as `(name, value)` pairs, one per value received.

    Names are lower-cased with `-` for `_`, as HTTP spells them. Works with a
    raw environ, Flask's `request.environ` and Django's `request.META`.
    """
    pairs: list[tuple[str, str]] = []
    for key, value in environ.items():
        if not isinstance(value, str):
            continue
        if key.startswith("HTTP_"):
            pairs.append((key[5:].replace("_", "-").lower(), value))
        elif key in _UNPREFIXED:
            pairs.append((_UNPREFIXED[key], value))
    return unjoin_pairs(pairs)


def request_parts(
    environ: Mapping[str, Any], *, max_body_bytes: int = 1_048_576
) -> tuple[bytes, list[tuple[str, str]]]:
    """Read the body from `wsgi.input`, never past `max_body_bytes`, and the headers.

    A declared `CONTENT_LENGTH` is read exactly; a chunked body (the server
    sets `wsgi.input_terminated`) is read to its end. Either is refused as soon
    as it is known to be over `max_body_bytes` (pass the verifier's): a
    declared length at once, with nothing read, and a chunked body one byte
    past the limit. For a bare WSGI application; Flask and Django read the
    body themselves (see `telnyx_gather.integrations.flask` and `.django`).
    Call it once: the input stream cannot be read twice.

    Raises:
        WebhookVerificationError: `body_too_large`; answer 413.
        MalformedRequestError: There is no `wsgi.input`, `CONTENT_LENGTH` is not
            a decimal number, or the stream ends before that many bytes.
    """
    stream = environ.get("wsgi.input")
    if stream is None:
        raise MalformedRequestError("the WSGI environ has no 'wsgi.input' stream")
    length = declared_length(environ.get("CONTENT_LENGTH"), strict=True)
    if length is None and not environ.get("wsgi.input_terminated"):
        return b"", headers_from_environ(environ)  # no length and no end: no body
    body = read_body(stream, max_body_bytes, length)
    if length is not None and len(body) != length:
        raise MalformedRequestError(
            f"the request body ended after {len(body)} of {length} declared bytes"
        )
    return body, headers_from_environ(environ)


def serve(router: Router[Any]) -> WSGIApplication:
    """A WSGI application that hands each delivery to `router`: `application = serve(router)`.

    Any path; POST only (405 otherwise). The body is read with
    `request_parts`, bounded by the verifier's `max_body_bytes` (413), then
    `router.handle(body, headers)` runs, and the answer is the outcome's
    status with its `text` as plain text. A request whose body cannot be
    read as declared is answered 400.
    """
    from ..router import Outcome

    def application(environ: WSGIEnvironment, start_response: StartResponse) -> list[bytes]:
        if environ.get("REQUEST_METHOD") != "POST":
            return _answer(start_response, 405, "method not allowed", [("allow", "POST")])
        try:
            body, headers = request_parts(environ, max_body_bytes=body_limit(router.verifier))
        except WebhookVerificationError as exc:
            outcome = Outcome.rejected(exc)
        except MalformedRequestError:
            return _answer(start_response, 400, "malformed request")
        else:
            outcome = router.handle(body, headers)
        return _answer(start_response, outcome.status, outcome.text, list(outcome.headers.items()))

    return application


def serve_tools(router: Router[Any]) -> WSGIApplication:
    """A WSGI application that serves the router's AI assistant webhook tools.

    The tool's name is the last segment of the path (`/tools/book_table`
    calls `book_table`), so one application serves every tool. POST only
    (405 otherwise); the body is read as for `serve` (413 past
    `max_body_bytes`, 400 when it cannot be read as declared), then
    `router.handle_tool(name, body, headers)` answers with its status and
    JSON body.
    """
    return _json_application(router, lambda environ: for_tool(router, _path_name(environ)))


def serve_initialization(router: Router[Any]) -> WSGIApplication:
    """A WSGI application for the assistant's dynamic-variables webhook (any path, POST only).

    It answers `router.handle_initialization(body, headers)`.
    """
    return _json_application(router, lambda environ: for_initialization(router))


def _path_name(environ: WSGIEnvironment) -> str:
    path = environ.get("PATH_INFO", "")
    return tool_name(path if isinstance(path, str) else "")


def _json_application(
    router: Router[Any], responder: Callable[[WSGIEnvironment], Respond]
) -> WSGIApplication:
    def application(environ: WSGIEnvironment, start_response: StartResponse) -> list[bytes]:
        if environ.get("REQUEST_METHOD") != "POST":
            return _answer(start_response, 405, "method not allowed", [("allow", "POST")])
        limit = body_limit(router.verifier)
        try:
            reply = json_answer(
                lambda: request_parts(environ, max_body_bytes=limit)[0],
                headers_from_environ(environ),
                responder(environ),
            )
        except MalformedRequestError:
            return _answer(start_response, 400, "malformed request")
        headers = [(name.lower(), value) for name, value in reply.headers.items()]
        return _send(start_response, reply.status, reply.body, headers)

    return application


def _answer(
    start_response: StartResponse,
    status: int,
    text: str,
    extra: list[tuple[str, str]] | None = None,
) -> list[bytes]:
    return _send(
        start_response, status, text.encode(), [("content-type", "text/plain"), *(extra or [])]
    )


def _send(
    start_response: StartResponse, status: int, body: bytes, headers: list[tuple[str, str]]
) -> list[bytes]:
    length = [("content-length", str(len(body)))]
    start_response(f"{status} {HTTPStatus(status).phrase}", headers + length)
    return [body]
