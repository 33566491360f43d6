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

from collections.abc import Mapping
from typing import Any

from .._errors import MalformedRequestError
from ._body import declared_length, read_body
from ._common import unjoin_pairs

__all__ = ["MalformedRequestError", "headers_from_environ", "request_parts"]

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
