"""Standard Webhooks: `v1` (HMAC-SHA256) and `v1a` (ed25519) signatures, as gateways re-sign.

The signed message is `{webhook-id}.{webhook-timestamp}.{body}`. The
`webhook-signature` header holds space-separated `version,base64` entries;
any one that a configured key verifies passes. A `whsec_` secret checks `v1`
entries, a `whpk_` public key checks `v1a` entries.

What a conforming sender sends verifies as the reference libraries verify it:
any `webhook-id` (a `.` included), signed as the UTF-8 of its text. The
strictness is on our own configuration: a secret must carry its `whsec_`
prefix, be canonical padded base64 and hold 24 to 64 bytes, as the
specification says, or the verifier is not built.
"""

from __future__ import annotations

import hmac
from collections.abc import Sequence

from nacl.exceptions import BadSignatureError
from nacl.signing import VerifyKey

from .._base64 import decode_b64
from .._errors import WebhookConfigError, WebhookVerificationError, safe_repr
from ._base import VerifierBase
from ._config import ed25519_key, key_list, where
from ._delivery import body_bytes, check_tolerance, find_headers, parse_timestamp, required
from ._headers import STANDARD_HEADERS, WEBHOOK_ID, WEBHOOK_SIGNATURE, WEBHOOK_TIMESTAMP

__all__ = ["StandardWebhookVerifier"]

_MAX_HEADER_CHARS = 4096  # for the id and the signature list: bounds one delivery's work


class StandardWebhookVerifier(VerifierBase):
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
        self._secrets, self._public_keys = _keys(key_or_keys)

    def _verified(self, body: object, headers: object, now: float | None) -> bytes:
        raw = body_bytes(body, self._max_body_bytes)
        found = find_headers(headers, STANDARD_HEADERS)
        msg_id = required(found, WEBHOOK_ID)
        timestamp, timestamp_bytes = parse_timestamp(
            WEBHOOK_TIMESTAMP, required(found, WEBHOOK_TIMESTAMP)
        )
        header = required(found, WEBHOOK_SIGNATURE)
        signed_id = _signed_id(msg_id)
        v1, v1a = _entries(header)
        check_tolerance(WEBHOOK_TIMESTAMP, timestamp, now, self._tolerance)
        signed = signed_id + b"." + timestamp_bytes + b"." + raw
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


def _keys(key_or_keys: object) -> tuple[tuple[bytes, ...], tuple[VerifyKey, ...]]:
    """Read Standard Webhooks keys: `whsec_` HMAC secrets and `whpk_` ed25519 public keys."""
    keys = key_list(key_or_keys, "key")
    secrets: list[bytes] = []
    public_keys: list[VerifyKey] = []
    for i, key in enumerate(keys):
        name = where("key_or_keys", i, keys)
        if isinstance(key, str) and key.startswith("whsec_"):
            secret = decode_b64(key[6:])
            if secret is None or not 24 <= len(secret) <= 64:
                raise WebhookConfigError(
                    f"{name}: a whsec_ secret must be canonical padded base64 of 24 to 64 bytes"
                )
            secrets.append(secret)
        elif isinstance(key, str) and key.startswith("whpk_"):
            public_keys.append(ed25519_key(decode_b64(key[5:], 32), name))
        elif isinstance(key, str) and key.startswith("whsk_"):
            raise WebhookConfigError(
                f"{name}: whsk_ is a signing key; give the verifier the whpk_ public key"
            )
        else:
            raise WebhookConfigError(
                f"{name}: expected a str starting with whsec_ or whpk_ "
                "(give a bare secret its whsec_ prefix)"
            )
    return tuple(secrets), tuple(public_keys)


def _signed_id(msg_id: str) -> bytes:
    """The id as the reference libraries sign it: the UTF-8 of its text, whatever it holds."""
    _check_length(WEBHOOK_ID, msg_id)
    return msg_id.encode("utf-8", "surrogatepass")  # a lone surrogate cannot match; never raises


def _check_length(name: str, value: str) -> None:
    if len(value) > _MAX_HEADER_CHARS:
        raise WebhookVerificationError(
            "malformed_header", f"the {name} header is too long ({len(value)} chars)"
        )


def _entries(header: str) -> tuple[list[bytes], list[bytes]]:
    """Split the signature header into v1 and v1a signatures.

    Malformed entries are skipped; a header with no well-formed entry is malformed.
    """
    _check_length(WEBHOOK_SIGNATURE, header)
    v1: list[bytes] = []
    v1a: list[bytes] = []
    for entry in header.split(" "):
        if entry.startswith("v1,") and (signature := decode_b64(entry[3:], 32)):
            v1.append(signature)
        elif entry.startswith("v1a,") and (signature := decode_b64(entry[4:], 64)):
            v1a.append(signature)
    if not v1 and not v1a:
        raise WebhookVerificationError(
            "malformed_header",
            f"the {WEBHOOK_SIGNATURE} header has no well-formed v1 or v1a entry, "
            f"got {safe_repr(header)}",
        )
    return v1, v1a


def _any_hmac(secrets: tuple[bytes, ...], signed: bytes, signatures: list[bytes]) -> bool:
    for secret in secrets:
        expected = hmac.digest(secret, signed, "sha256")
        if any(hmac.compare_digest(expected, signature) for signature in signatures):
            return True
    return False
