"""Build AWS Lambda HTTP events the way each AWS front end would, from an HTTP request.

The JSON files in `events/` are hand-written events in each documented shape,
all carrying the same signed delivery (`events/delivery.json`, signed with
`SEED` at `TIMESTAMP`). `build()` takes one as a template and puts a new body
and new headers into it following that front end's documented rules:

- API Gateway REST API / HTTP API payload 1.0: `headers` keeps the last value
  of a repeated header, `multiValueHeaders` keeps all of them, names as sent;
- HTTP API payload 2.0 / Function URL: names lower-cased, repeated values
  joined with commas, `cookie` moved to `cookies`;
- ALB: names lower-cased; `headers` keeps the last value, or
  `multiValueHeaders` keeps all when multi-value headers are enabled.

This module is plain Python (no pytest), so `scripts/webhook_only_smoke.py`
can use it in an install without the test tools.
"""

from __future__ import annotations

import base64
import copy
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

EVENTS = Path(__file__).resolve().parent / "events"
SEED = b"\x07" * 32
TIMESTAMP = 1_795_514_400
DELIVERY = (EVENTS / "delivery.json").read_bytes()

SHAPES = (
    "rest_v1",
    "rest_v1_binary_media",
    "http_api_v1",
    "http_api_v2",
    "function_url",
    "alb",
    "alb_multi_value",
)
_LISTS_AND_LAST = {"rest_v1", "rest_v1_binary_media", "http_api_v1"}
_JOINED = {"http_api_v2", "function_url"}


def load(shape: str) -> dict[str, Any]:
    """The hand-written event of `shape`, as Lambda would pass it to the handler."""
    event: dict[str, Any] = json.loads((EVENTS / f"{shape}.json").read_text())
    return event


def build(
    shape: str,
    body: bytes,
    headers: Sequence[tuple[str, str]],
    *,
    base64_body: bool | None = None,
) -> dict[str, Any]:
    """The event `shape`'s front end would pass Lambda for a POST of `body` with `headers`.

    `base64_body` defaults to what the front end does: always for the REST API
    with binary media types, and otherwise only when the body is not UTF-8.
    """
    event = copy.deepcopy(load(shape))
    _put_headers(shape, event, headers)
    if base64_body is None:
        base64_body = shape == "rest_v1_binary_media" or not _is_utf8(body)
    if base64_body:
        event["body"], event["isBase64Encoded"] = base64.b64encode(body).decode("ascii"), True
    else:
        event["body"], event["isBase64Encoded"] = body.decode("utf-8"), False
    return event


def _put_headers(shape: str, event: dict[str, Any], headers: Sequence[tuple[str, str]]) -> None:
    if shape in _LISTS_AND_LAST:
        event["headers"] = dict(headers)
        event["multiValueHeaders"] = _grouped(headers)
    elif shape in _JOINED:
        lowered = [(name.lower(), value) for name, value in headers]
        cookies = [c for name, value in lowered if name == "cookie" for c in value.split("; ")]
        rest = [(name, value) for name, value in lowered if name != "cookie"]
        event["headers"] = {name: ",".join(values) for name, values in _grouped(rest).items()}
        if cookies:
            event["cookies"] = cookies
        else:
            event.pop("cookies", None)
    elif shape == "alb":
        event["headers"] = {name.lower(): value for name, value in headers}
    elif shape == "alb_multi_value":
        event["multiValueHeaders"] = _grouped([(n.lower(), v) for n, v in headers])
    else:
        raise ValueError(f"unknown shape {shape!r}")


def _grouped(headers: Sequence[tuple[str, str]]) -> dict[str, list[str]]:
    grouped: dict[str, list[str]] = {}
    for name, value in headers:
        grouped.setdefault(name, []).append(value)
    return grouped


def _is_utf8(body: bytes) -> bool:
    try:
        body.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True
