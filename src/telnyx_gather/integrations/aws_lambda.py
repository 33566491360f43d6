"""Verify Telnyx webhooks in AWS Lambda, behind API Gateway, a Function URL or an ALB.

`request_parts(event)` recovers the exact body bytes and every header value
from the event each front end hands to Lambda:

- **API Gateway REST API** (and HTTP API payload format 1.0): `headers` keeps
  only the last value of a repeated header; `multiValueHeaders` keeps them
  all, and wins. A body of a binary media type arrives base64-encoded, with
  `isBase64Encoded` set.
- **API Gateway HTTP API** (payload format 2.0) and **Lambda Function URLs**:
  header names are lower-cased and a repeated header's values are joined with
  commas into one string; they are split back apart for the headers the
  verifier reads (see `telnyx_gather.integrations._common`), so a repeated
  Telnyx header is still rejected as `ambiguous_header`. `cookies` becomes
  one `cookie` header.
- **Application Load Balancer**: `headers`, or `multiValueHeaders` when the
  target group has `lambda.multi_value_headers.enabled`. Without it, the load
  balancer keeps only the last value of a repeated header, so a repeat cannot
  be detected: enable multi-value headers on the target group.

`unwrap(event, verifier)` verifies and parses in one call, and
`webhook_handler(verifier)` turns a function of the typed event into a
complete Lambda handler that answers 401 to a failed verification and 400 to
a body that does not parse.
"""

from __future__ import annotations

import binascii
import functools
import json
from base64 import b64decode
from collections.abc import Callable, Mapping
from http import HTTPStatus
from typing import TYPE_CHECKING, Any, cast

from .._errors import (
    MalformedRequestError,
    WebhookParseError,
    WebhookVerificationError,
    safe_repr,
)
from ._common import Verifier, rejection, unjoin
from ._json import Respond, for_initialization, for_tool, json_answer, tool_name

if TYPE_CHECKING:
    from ..events import WebhookEvent
    from ..router import Router

__all__ = [
    "MalformedRequestError",
    "request_parts",
    "serve",
    "serve_initialization",
    "serve_tools",
    "unwrap",
    "webhook_handler",
]

LambdaEvent = Mapping[str, Any]
LambdaResponse = dict[str, Any]


def request_parts(event: LambdaEvent) -> tuple[bytes, list[tuple[str, str]]]:
    """Return the exact body bytes and every `(name, value)` header pair of an HTTP event.

    Args:
        event: The event Lambda passed to the handler, from an API Gateway REST
            or HTTP API, a Function URL, or an Application Load Balancer.

    Returns:
        The body exactly as sent (base64 decoded when `isBase64Encoded`), and
        the headers as pairs, one per value received.

    Raises:
        MalformedRequestError: The event is not one of those shapes, or a field
            has the wrong type, or a base64 body does not decode.
    """
    fields = _mapping(event, "event")
    version = fields.get("version")
    if version == "2.0":
        headers = _joined_headers(fields)
    elif "httpMethod" in fields and version in (None, "1.0"):
        headers = _multi_value_headers(fields)
    else:
        raise MalformedRequestError(
            "event is not an API Gateway, Lambda Function URL or Application Load Balancer "
            "HTTP event: expected payload version '2.0', or an 'httpMethod' field"
        )
    return _body(fields), headers


def unwrap(event: LambdaEvent, verifier: Verifier) -> WebhookEvent:
    """Verify the delivery in an HTTP event and return its typed event.

    Raises:
        WebhookVerificationError: The signature, timestamp or headers are bad.
        WebhookParseError: The body verified but is not a Telnyx delivery.
        MalformedRequestError: The event itself does not have a known shape.
    """
    body, headers = request_parts(event)
    return verifier.unwrap(body, headers)


def webhook_handler(
    verifier: Verifier,
) -> Callable[
    [Callable[[WebhookEvent, Any], LambdaResponse | None]],
    Callable[[LambdaEvent, Any], LambdaResponse],
]:
    """Decorate `func(event, context)` into a Lambda handler that verifies first.

    The decorated function receives the typed event. If it returns `None` the
    handler answers 200 with an empty body; otherwise its dict is returned as
    the response. A failed verification is answered 401 (413 for a body over
    the limit) and a body that does not parse 400, in the response shape the
    event's front end expects. A `MalformedRequestError` is raised, not
    answered: it means the function is wired to the wrong kind of trigger.
    """

    def decorate(
        func: Callable[[WebhookEvent, Any], LambdaResponse | None],
    ) -> Callable[[LambdaEvent, Any], LambdaResponse]:
        @functools.wraps(func)
        def handler(event: LambdaEvent, context: Any) -> LambdaResponse:
            try:
                webhook = unwrap(event, verifier)
            except (WebhookVerificationError, WebhookParseError) as exc:
                status, detail = rejection(exc)
                return _response(event, status, json.dumps({"detail": detail}))
            result = func(webhook, context)
            return _response(event, 200, "") if result is None else result

        return handler

    return decorate


def serve(router: Router[Any]) -> Callable[[LambdaEvent, Any], LambdaResponse]:
    """A Lambda handler that hands each delivery to `router`: `handler = serve(router)`.

    It recovers the body and headers with `request_parts`, runs
    `router.handle(body, headers)`, and answers the outcome's status (with
    `{"detail": outcome.text}` when it is not 2xx) in the shape the event's front
    end expects. As with `webhook_handler`, a `MalformedRequestError` is
    raised: the function is wired to the wrong kind of trigger.
    """

    def handler(event: LambdaEvent, context: Any) -> LambdaResponse:
        body, headers = request_parts(event)
        outcome = router.handle(body, headers)
        detail = "" if outcome.ok else json.dumps({"detail": outcome.text})
        return _response(event, outcome.status, detail, outcome.headers)

    return handler


def serve_tools(router: Router[Any]) -> Callable[[LambdaEvent, Any], LambdaResponse]:
    """A Lambda handler that serves the router's AI assistant webhook tools.

    The tool's name is the last segment of the request's path (`rawPath`,
    or `path`; `/tools/book_table` calls `book_table`), so one function
    serves every tool. It runs `router.handle_tool(name, body, headers)` and
    answers its status and JSON body in the shape the front end expects; a
    body over `max_body_bytes` is answered 413 with nothing run.
    """

    def handler(event: LambdaEvent, context: Any) -> LambdaResponse:
        path = event.get("rawPath", event.get("path"))
        name = tool_name(path if isinstance(path, str) else "")
        return _json_reply(event, for_tool(router, name))

    return handler


def serve_initialization(router: Router[Any]) -> Callable[[LambdaEvent, Any], LambdaResponse]:
    """A Lambda handler for the assistant's dynamic-variables webhook.

    It answers `router.handle_initialization(body, headers)` as `serve_tools` does.
    """

    def handler(event: LambdaEvent, context: Any) -> LambdaResponse:
        return _json_reply(event, for_initialization(router))

    return handler


def _json_reply(event: LambdaEvent, respond: Respond) -> LambdaResponse:
    body, headers = request_parts(event)
    reply = json_answer(lambda: body, headers, respond)
    return _response(event, reply.status, reply.body.decode())  # JSON: its content type


def _response(
    event: LambdaEvent, status: int, body: str, extra: Mapping[str, str] | None = None
) -> LambdaResponse:
    response: LambdaResponse = {"statusCode": status, "isBase64Encoded": False, "body": body}
    headers = {"content-type": "application/json"} if body else {}
    headers.update(extra or {})
    context = event.get("requestContext")
    if isinstance(context, Mapping) and "elb" in context:
        response["statusDescription"] = f"{status} {HTTPStatus(status).phrase}"
        if event.get("multiValueHeaders") is not None:  # the target group wants lists back
            response["multiValueHeaders"] = {name: [value] for name, value in headers.items()}
            return response
    response["headers"] = headers
    return response


def _body(event: Mapping[str, object]) -> bytes:
    body = event.get("body")
    encoded = event.get("isBase64Encoded", False)
    if not isinstance(encoded, bool):
        raise MalformedRequestError("event field 'isBase64Encoded' must be true or false")
    if body is None:
        return b""
    if not isinstance(body, str):
        raise MalformedRequestError(
            f"event field 'body' must be a string or null, not {type(body).__name__}"
        )
    if encoded:
        try:
            return b64decode(body, validate=True)
        except binascii.Error:
            raise MalformedRequestError(
                "event field 'body' is marked isBase64Encoded but is not valid base64"
            ) from None
    try:
        return body.encode("utf-8")
    except UnicodeEncodeError:
        raise MalformedRequestError(
            "event field 'body' holds a lone surrogate, so it is not text that was sent"
        ) from None


def _joined_headers(event: Mapping[str, object]) -> list[tuple[str, str]]:
    pairs = [
        (name, part)
        for name, value in _string_map(event, "headers").items()
        for part in unjoin(name, value)
    ]
    cookies = event.get("cookies")
    if cookies is not None:
        if not isinstance(cookies, list) or not all(
            isinstance(c, str) for c in cast("list[object]", cookies)
        ):
            raise MalformedRequestError("event field 'cookies' must be a list of strings")
        if cookies:
            pairs.append(("cookie", "; ".join(cast("list[str]", cookies))))
    return pairs


def _multi_value_headers(event: Mapping[str, object]) -> list[tuple[str, str]]:
    multi = _mapping(event.get("multiValueHeaders") or {}, "multiValueHeaders")
    pairs: list[tuple[str, str]] = []
    for name, values in multi.items():
        if not isinstance(values, list):
            raise MalformedRequestError(
                f"event field multiValueHeaders[{safe_repr(name)}] must be a list of strings"
            )
        for value in cast("list[object]", values):
            pairs.append((name, _string(value, "multiValueHeaders", name)))
    listed = {name.lower() for name, _ in pairs}
    single = _string_map(event, "headers")
    pairs += [(name, value) for name, value in single.items() if name.lower() not in listed]
    return pairs


def _string_map(event: Mapping[str, object], field: str) -> dict[str, str]:
    raw = _mapping(event.get(field) or {}, field)
    return {name: _string(value, field, name) for name, value in raw.items()}


def _mapping(value: object, field: str) -> Mapping[str, object]:
    if not isinstance(value, Mapping):
        raise MalformedRequestError(
            f"{field} must be a JSON object (a mapping), not {type(value).__name__}"
        )
    mapping = cast("Mapping[object, object]", value)
    for key in mapping:
        if not isinstance(key, str):
            raise MalformedRequestError(f"{field} must have string keys")
    return cast("Mapping[str, object]", mapping)


def _string(value: object, field: str, name: str) -> str:
    if not isinstance(value, str):
        raise MalformedRequestError(
            f"event field {field}[{safe_repr(name)}] must hold strings, not {type(value).__name__}"
        )
    return value
