"""The delivery checks both schemes share: body, headers, timestamp, clock skew.

Each reader either returns a canonical value or raises `WebhookVerificationError`
with a stable reason; none of them raises anything else, whatever it is given.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Sequence
from typing import cast

from .._errors import WebhookVerificationError, safe_repr

__all__ = [
    "body_bytes",
    "check_tolerance",
    "find_headers",
    "parse_timestamp",
    "required",
]

_MAX_TIMESTAMP_DIGITS = 18


def body_bytes(body: object, limit: int) -> bytes:
    """Return the body's exact bytes, checking the size cap before anything else."""
    if isinstance(body, bytes):
        raw = body
    elif isinstance(body, str):
        _check_size(len(body), limit)  # UTF-8 is never shorter than the text
        try:
            raw = body.encode("utf-8")
        except UnicodeEncodeError:
            raise WebhookVerificationError(
                "bad_signature",
                "body is a str that is not valid Unicode (a lone surrogate), so it cannot be "
                "what was signed; pass the raw request bytes",
            ) from None
    elif isinstance(body, (bytearray, memoryview)):
        try:
            size = body.nbytes if isinstance(body, memoryview) else len(body)
        except ValueError:  # a released memoryview
            raise WebhookVerificationError("bad_signature", "body buffer is released") from None
        _check_size(size, limit)
        raw = body.tobytes() if isinstance(body, memoryview) else bytes(body)
    else:
        raise WebhookVerificationError(
            "bad_signature",
            f"body must be bytes, bytearray, memoryview or str, not {type(body).__name__}",
        )
    _check_size(len(raw), limit)
    return raw


def _check_size(size: int, limit: int) -> None:
    if size > limit:
        raise WebhookVerificationError(
            "body_too_large", f"body is larger than the {limit}-byte limit (max_body_bytes)"
        )


def find_headers(headers: object, wanted: frozenset[str]) -> dict[str, object]:
    """Collect the raw values of the wanted (lower-case) header names.

    Names match case-insensitively, ASCII only. A wanted name seen twice, in
    any mix of cases, is ambiguous. Unrelated headers are not inspected.
    """
    items = getattr(headers, "items", None)
    if callable(items):  # a Mapping, or http.client.HTTPMessage and friends
        pairs: object = items()
    else:
        pairs = headers
    if isinstance(pairs, (str, bytes, bytearray, memoryview)) or not isinstance(pairs, Iterable):
        raise _not_pairs(headers)
    found: dict[str, object] = {}
    for pair in cast("Iterable[Sequence[object]]", pairs):  # each checked below
        if not isinstance(pair, (tuple, list)) or len(pair) != 2:
            raise _not_pairs(headers)
        name, value = pair
        key = name.lower() if isinstance(name, str) and name.isascii() else _bytes_name(name)
        if key in wanted:
            if key in found:
                raise WebhookVerificationError(
                    "ambiguous_header", f"the {key} header is given more than once"
                )
            found[key] = value
    return found


def _not_pairs(headers: object) -> WebhookVerificationError:
    return WebhookVerificationError(
        "malformed_header",
        f"headers must be a mapping or an iterable of (name, value) pairs, "
        f"not {type(headers).__name__}",
    )


def _bytes_name(name: object) -> str | None:
    """A `bytes` header name, lower-cased; `None` if not ASCII, or not bytes at all."""
    if isinstance(name, (bytes, bytearray)):
        text = name.decode("latin-1")
        if text.isascii():
            return text.lower()
    return None


def required(found: dict[str, object], name: str) -> str:
    """Return a found header's value as text; absent or empty is `missing_header`."""
    if name not in found:
        raise WebhookVerificationError("missing_header", f"the {name} header is missing")
    value = found[name]
    if isinstance(value, str):
        text = value
    elif isinstance(value, (bytes, bytearray)):
        text = value.decode("latin-1")
    else:
        raise WebhookVerificationError(
            "malformed_header",
            f"the {name} header must be str or bytes, not {type(value).__name__}",
        )
    if not text:
        raise WebhookVerificationError("missing_header", f"the {name} header is empty")
    return text


def parse_timestamp(name: str, text: str) -> tuple[int, bytes]:
    """Parse canonical Unix seconds: ASCII digits, no sign, space or leading zero."""
    if not (
        len(text) <= _MAX_TIMESTAMP_DIGITS
        and text.isascii()
        and text.isdigit()
        and (text[0] != "0" or text == "0")
    ):
        raise WebhookVerificationError(
            "malformed_header",
            f"the {name} header must be Unix seconds in plain ASCII digits, got {safe_repr(text)}",
        )
    return int(text), text.encode("ascii")


def check_tolerance(name: str, timestamp: int, now: float | None, tolerance: float) -> None:
    """Reject a timestamp more than `tolerance` seconds from now, either way (inclusive)."""
    skew = (time.time() if now is None else now) - timestamp
    if not abs(skew) <= tolerance:  # written so that a NaN `now` fails closed
        direction = "old" if skew > 0 else "in the future"
        hint = " (milliseconds instead of seconds?)" if timestamp >= 10**12 else ""
        raise WebhookVerificationError(
            "timestamp_out_of_tolerance",
            f"the {name} header is {abs(skew):.0f} s {direction}{hint}; "
            f"the tolerance is {tolerance} s",
        )
