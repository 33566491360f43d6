"""The header names each scheme reads, in one place (lower case, as they are matched)."""

from __future__ import annotations

__all__ = [
    "STANDARD_HEADERS",
    "TELNYX_HEADERS",
    "TELNYX_SIGNATURE",
    "TELNYX_TIMESTAMP",
    "WEBHOOK_ID",
    "WEBHOOK_SIGNATURE",
    "WEBHOOK_TIMESTAMP",
]

TELNYX_SIGNATURE = "telnyx-signature-ed25519"
TELNYX_TIMESTAMP = "telnyx-timestamp"
TELNYX_HEADERS = frozenset({TELNYX_SIGNATURE, TELNYX_TIMESTAMP})

WEBHOOK_ID = "webhook-id"
WEBHOOK_TIMESTAMP = "webhook-timestamp"
WEBHOOK_SIGNATURE = "webhook-signature"
STANDARD_HEADERS = frozenset({WEBHOOK_ID, WEBHOOK_TIMESTAMP, WEBHOOK_SIGNATURE})
