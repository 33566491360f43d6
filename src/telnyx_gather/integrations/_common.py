"""What every integration shares: header un-joining and status codes.

Some front ends join a header that arrives more than once into one value,
separated by commas: API Gateway HTTP APIs and Lambda Function URLs do, and so
do WSGI servers (werkzeug, gunicorn, wsgiref). The verifier must still see
such a header as repeated, so that it rejects it as `ambiguous_header`.
`unjoin` splits the values of the headers the verifier reads back apart:

- `telnyx-signature-ed25519`, `telnyx-timestamp` and `webhook-timestamp` are
  split at every comma. A genuine timestamp is ASCII digits and a signature
  is base64, so neither ever holds a comma; a comma there can only come from
  a join (or from a forged value, which is rejected either way).
- `webhook-id` is left whole: a sender may put a comma in its ids, and such
  an id must verify. Two ids joined into one are still refused, as
  `bad_signature`: the joined text is not the id that was signed.
- `webhook-signature` legitimately holds commas: it is a space-separated list
  of `version,signature` entries. Base64 has no comma, so a genuine entry has
  exactly one; a space-free token with more commas (`v1,AAA,v1,BBB`) is where
  two values were joined, and is split there. A join is missed only when both
  sides of the seam are malformed comma-free tokens; the verifier then still
  needs a genuine signature to accept the delivery.

Every other header is passed through untouched.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..verify import Verifier
from ..verify._headers import (
    TELNYX_SIGNATURE,
    TELNYX_TIMESTAMP,
    WEBHOOK_SIGNATURE,
    WEBHOOK_TIMESTAMP,
)
from ..verify._rejection import rejection

# `Verifier` and `rejection` live in `telnyx_gather.verify`; the adapters import them from here.
__all__ = ["Verifier", "rejection", "unjoin", "unjoin_pairs"]

_SPLIT_AT_EVERY_COMMA = frozenset({TELNYX_SIGNATURE, TELNYX_TIMESTAMP, WEBHOOK_TIMESTAMP})


def unjoin(name: str, value: str) -> list[str]:
    """Split a comma-joined value of a verified header back into the values that were sent."""
    key = name.lower()
    if key in _SPLIT_AT_EVERY_COMMA:
        return value.split(",")
    if key == WEBHOOK_SIGNATURE:
        return _split_signature_list(value)
    return [value]


def unjoin_pairs(pairs: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
    """`unjoin` every pair, keeping the order: each split value becomes its own pair."""
    return [(name, part) for name, value in pairs for part in unjoin(name, value)]


def _split_signature_list(value: str) -> list[str]:
    values: list[str] = []
    entries: list[str] = []
    for token in value.split(" "):
        pieces = token.split(",")
        while len(pieces) > 2:  # a genuine entry is "version,signature": one comma
            entries.append(f"{pieces[0]},{pieces[1]}")
            values.append(" ".join(entries))
            entries, pieces = [], pieces[2:]
        entries.append(",".join(pieces))
    values.append(" ".join(entries))
    return values
