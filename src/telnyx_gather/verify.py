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
"""

from __future__ import annotations

import hmac
import os
from collections.abc import Iterable, Mapping, Sequence
from typing import TypeAlias

from nacl.exceptions import BadSignatureError

from ._base64 import decode_b64
from ._errors import WebhookConfigError, WebhookVerificationError, safe_repr
from ._verify_input import (
    body_bytes,
    check_tolerance,
    find_headers,
    parse_timestamp,
    required,
    standard_entries,
)
from ._verify_keys import check_limits, standard_keys, telnyx_keys
from .events import WebhookEvent, parse_event

__all__ = [
    "Body",
    "Headers",
    "StandardWebhookVerifier",
    "WebhookConfigError",
    "WebhookVerificationError",
    "WebhookVerifier",
]

Body: TypeAlias = bytes | bytearray | memoryview | str
"""A raw request body, exactly as received. A `str` is encoded as strict UTF-8."""

Headers: TypeAlias = (
    Mapping[str, str | bytes]
    | Mapping[bytes, str | bytes]
    | Iterable[tuple[str | bytes, str | bytes]]
)
"""Request headers: a mapping, or (name, value) pairs as ASGI gives them."""

SIGNATURE = "telnyx-signature-ed25519"
TIMESTAMP = "telnyx-timestamp"
_TELNYX_HEADERS = frozenset({SIGNATURE, TIMESTAMP})
_ID, _SW_TIMESTAMP, _SW_SIGNATURE = "webhook-id", "webhook-timestamp", "webhook-signature"
_STANDARD_HEADERS = frozenset({_ID, _SW_TIMESTAMP, _SW_SIGNATURE})


class _Verifier:
    __slots__ = ("_max_body_bytes", "_tolerance")

    def __init__(self, tolerance: float, max_body_bytes: int) -> None:
        self._tolerance, self._max_body_bytes = check_limits(tolerance, max_body_bytes)

    @property
    def tolerance(self) -> float:
        """Allowed clock difference in seconds, in either direction (inclusive)."""
        return self._tolerance

    @property
    def max_body_bytes(self) -> int:
        """Largest body accepted; larger ones fail with `body_too_large`."""
        return self._max_body_bytes

    def verify(self, body: Body, headers: Headers, *, now: float | None = None) -> None:
        """Check one delivery's signature, timestamp and size.

        Args:
            body: The raw request body, exactly as received.
            headers: The request headers; names match case-insensitively.
            now: The current Unix time in seconds; defaults to `time.time()`.

        Raises:
            WebhookVerificationError: The delivery is not authentic, is stale,
                or is malformed; `.reason` says which. Nothing else escapes.
        """
        self._verified(body, headers, now)

    def unwrap(self, body: Body, headers: Headers, *, now: float | None = None) -> WebhookEvent:
        """Verify a delivery, as `verify` does, then parse the same bytes into its event.

        Returns:
            The event from the envelope's `data`, as `parse_event` returns it.

        Raises:
            WebhookVerificationError: As for `verify`.
            WebhookParseError: The body is authentic but not a well-formed
                webhook.
        """
        return parse_event(self._verified(body, headers, now))

    def _verified(self, body: object, headers: object, now: float | None) -> bytes:
        raise NotImplementedError


class WebhookVerifier(_Verifier):
    """Verifies Telnyx's ed25519 webhook signatures.

    Args:
        public_key: The account's public key: base64 text as the Telnyx portal
            shows it, the raw 32 bytes, or a sequence of either while keys
            rotate (any one of them may sign).
        tolerance: Allowed clock difference in seconds, both ways.
        max_body_bytes: Largest body accepted.

    Raises:
        WebhookConfigError: A key is missing or malformed, or a limit is bad.
    """

    __slots__ = ("_keys",)

    def __init__(
        self,
        public_key: str | bytes | Sequence[str | bytes],
        *,
        tolerance: float = 300,
        max_body_bytes: int = 1_048_576,
    ) -> None:
        super().__init__(tolerance, max_body_bytes)
        self._keys = telnyx_keys(public_key)

    @classmethod
    def from_env(
        cls, *, tolerance: float = 300, max_body_bytes: int = 1_048_576
    ) -> WebhookVerifier:
        """Build a verifier from the `TELNYX_PUBLIC_KEY` environment variable.

        The variable holds one base64 key, or several separated by commas or
        whitespace while keys rotate.

        Raises:
            WebhookConfigError: The variable is unset, empty or malformed.
        """
        keys = os.environ.get("TELNYX_PUBLIC_KEY", "").replace(",", " ").split()
        if not keys:
            raise WebhookConfigError("TELNYX_PUBLIC_KEY is not set or empty")
        return cls(keys, tolerance=tolerance, max_body_bytes=max_body_bytes)

    def _verified(self, body: object, headers: object, now: float | None) -> bytes:
        raw = body_bytes(body, self._max_body_bytes)
        found = find_headers(headers, _TELNYX_HEADERS)
        signature_text = required(found, SIGNATURE)
        timestamp, timestamp_bytes = parse_timestamp(TIMESTAMP, required(found, TIMESTAMP))
        signature = decode_b64(signature_text, 64)
        if signature is None:
            raise WebhookVerificationError(
                "malformed_header",
                f"the {SIGNATURE} header must be padded standard base64 of 64 bytes, "
                f"got {safe_repr(signature_text)}",
            )
        check_tolerance(TIMESTAMP, timestamp, now, self._tolerance)
        signed = signature + timestamp_bytes + b"|" + raw
        for key in self._keys:
            try:
                key.verify(signed)
            except BadSignatureError:
                continue
            return raw
        raise WebhookVerificationError(
            "bad_signature", "no configured public key signed this body and timestamp"
        )


class StandardWebhookVerifier(_Verifier):
    """Verifies Standard Webhooks signatures, as relays and gateways send them.

    Reads `webhook-id`, `webhook-timestamp` and `webhook-signature`; the signed
    message is `{id}.{timestamp}.{body}`. The signature header holds
    space-separated `v1,<base64>` (HMAC-SHA256) and `v1a,<base64>` (ed25519)
    entries: malformed ones are skipped, and any one that verifies passes.

    Args:
        key_or_keys: A `whsec_` secret (checks `v1` entries), a `whpk_` public
            key (checks `v1a` entries), or a sequence of them.
        tolerance: Allowed clock difference in seconds, both ways.
        max_body_bytes: Largest body accepted.

    Raises:
        WebhookConfigError: A key is missing or malformed, or a limit is bad.
    """

    __slots__ = ("_public_keys", "_secrets")

    def __init__(
        self,
        key_or_keys: str | Sequence[str],
        *,
        tolerance: float = 300,
        max_body_bytes: int = 1_048_576,
    ) -> None:
        super().__init__(tolerance, max_body_bytes)
        self._secrets, self._public_keys = standard_keys(key_or_keys)

    def _verified(self, body: object, headers: object, now: float | None) -> bytes:
        raw = body_bytes(body, self._max_body_bytes)
        found = find_headers(headers, _STANDARD_HEADERS)
        msg_id = required(found, _ID)
        timestamp, timestamp_bytes = parse_timestamp(_SW_TIMESTAMP, required(found, _SW_TIMESTAMP))
        header = required(found, _SW_SIGNATURE)
        v1, v1a = standard_entries(_ID, msg_id, _SW_SIGNATURE, header)
        check_tolerance(_SW_TIMESTAMP, timestamp, now, self._tolerance)
        signed = msg_id.encode("ascii") + b"." + timestamp_bytes + b"." + raw
        if v1 and self._secrets and _any_hmac(self._secrets, signed, v1):
            return raw
        for key in self._public_keys:
            for signature in v1a:
                try:
                    key.verify(signed, signature)
                except BadSignatureError:
                    continue
                return raw
        raise WebhookVerificationError(
            "bad_signature", "no configured key signed this id, timestamp and body"
        )


def _any_hmac(secrets: tuple[bytes, ...], signed: bytes, signatures: list[bytes]) -> bool:
    for secret in secrets:
        expected = hmac.digest(secret, signed, "sha256")
        if any(hmac.compare_digest(expected, signature) for signature in signatures):
            return True
    return False
