"""Verify webhook deliveries: Telnyx ed25519 signatures, and Standard Webhooks.

`WebhookVerifier` checks what Telnyx sends: the `telnyx-signature-ed25519`
header holds an ed25519 signature over the `telnyx-timestamp` header's exact
bytes, a `|`, and the raw body. `StandardWebhookVerifier` checks the Standard
Webhooks format that relays and gateways re-sign in.

Both are strict and fail closed. Every rejected delivery raises
`WebhookVerificationError` with a stable `.reason`, checked in this order:

1. The body: `body_too_large` if it is over `max_body_bytes` (before any
   crypto), or `bad_signature` if it cannot be the signed bytes at all (a
   `str` with a lone surrogate, a released buffer, a wrong type).
2. `missing_header` / `ambiguous_header`: a header is absent or empty, or one
   name is given twice (in any mix of cases).
3. `malformed_header`: a value is not canonical: the timestamp must be ASCII
   digits with no sign, space or leading zero; a signature must be padded
   standard base64 of the exact length, with no whitespace or trailing data.
4. `timestamp_out_of_tolerance`: more than `tolerance` seconds from now, in
   either direction. A skew of exactly `tolerance` is accepted.
5. `bad_signature`: no configured key signed these exact bytes.

A bad key or limit raises `WebhookConfigError` when the verifier is built.

The modules: `_telnyx` and `_standard` hold one scheme each; `_delivery` the
checks they share (body, headers, timestamp, clock); `_config` the checks of
their configuration; `_headers` the header names; `_base` the shared methods.
"""

from __future__ import annotations

from .._errors import WebhookConfigError, WebhookVerificationError
from .._lazy import publish
from ._base import Body, Headers, Verifier
from ._standard import StandardWebhookVerifier
from ._telnyx import WebhookVerifier

__all__ = [
    "Body",
    "Headers",
    "StandardWebhookVerifier",
    "Verifier",
    "WebhookConfigError",
    "WebhookVerificationError",
    "WebhookVerifier",
]

publish("telnyx_gather", WebhookVerifier, StandardWebhookVerifier)
publish(__name__, Verifier)
