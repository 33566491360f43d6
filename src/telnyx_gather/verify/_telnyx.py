"""Telnyx's own scheme: an ed25519 signature over the timestamp, a `|`, and the body.

The `telnyx-signature-ed25519` header holds base64 of the 64-byte signature;
`telnyx-timestamp` holds Unix seconds, signed as its exact bytes. The public
key is the account's, as the Telnyx portal shows it (base64 of 32 bytes).
"""

from __future__ import annotations

import os
from collections.abc import Sequence

from nacl.exceptions import BadSignatureError
from nacl.signing import VerifyKey

from .._base64 import decode_b64
from .._errors import WebhookConfigError, WebhookVerificationError, safe_repr
from ._base import VerifierBase
from ._config import ed25519_key, key_list, where
from ._delivery import body_bytes, check_tolerance, find_headers, parse_timestamp, required
from ._headers import TELNYX_HEADERS, TELNYX_SIGNATURE, TELNYX_TIMESTAMP

__all__ = ["WebhookVerifier"]


class WebhookVerifier(VerifierBase):
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
        self._keys = _public_keys(public_key)

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
        found = find_headers(headers, TELNYX_HEADERS)
        signature_text = required(found, TELNYX_SIGNATURE)
        timestamp, timestamp_bytes = parse_timestamp(
            TELNYX_TIMESTAMP, required(found, TELNYX_TIMESTAMP)
        )
        signature = decode_b64(signature_text, 64)
        if signature is None:
            raise WebhookVerificationError(
                "malformed_header",
                f"the {TELNYX_SIGNATURE} header must be padded standard base64 of 64 bytes, "
                f"got {safe_repr(signature_text)}",
            )
        check_tolerance(TELNYX_TIMESTAMP, timestamp, now, self._tolerance)
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


def _public_keys(public_key: object) -> tuple[VerifyKey, ...]:
    """Read Telnyx public keys: base64 text, 32 raw bytes, or a sequence of either."""
    keys = key_list(public_key, "public key")
    result: list[VerifyKey] = []
    for i, key in enumerate(keys):
        name = where("public_key", i, keys)
        if isinstance(key, str):
            result.append(ed25519_key(decode_b64(key, 32), name))
        elif isinstance(key, (bytes, bytearray)):
            result.append(ed25519_key(bytes(key) if len(key) == 32 else None, name))
        else:
            raise WebhookConfigError(
                f"{name}: expected base64 str or 32 raw bytes, not {type(key).__name__}"
            )
    return tuple(result)
