"""Sign webhook bodies the way Telnyx (ed25519) and Standard Webhooks senders do."""

from __future__ import annotations

import base64
import hmac
import os
import time
import uuid

from nacl.signing import SigningKey

__all__ = ["StandardWebhookSigner", "WebhookSigner"]


class WebhookSigner:
    """Signs bodies as Telnyx does, with an ed25519 key of its own.

    Give `public_key` to a `WebhookVerifier`, and the headers `sign` returns to
    the handler under test.

    Args:
        seed: A 32-byte ed25519 seed for a reproducible key; a fresh random
            key when omitted.
    """

    __slots__ = ("_key",)

    def __init__(self, seed: bytes | None = None) -> None:
        self._key = _signing_key(seed)

    @property
    def public_key(self) -> str:
        """The public key in base64, as the Telnyx portal shows it."""
        return _b64(self._key.verify_key.encode())

    def sign(self, body: bytes | str, *, timestamp: int | str | None = None) -> dict[str, str]:
        """Sign a body and return the two Telnyx headers.

        Args:
            body: The exact body to deliver; a `str` is encoded as UTF-8.
            timestamp: Unix seconds; defaults to now. A `str` is signed
                verbatim, to build deliveries with non-canonical timestamps.

        Returns:
            `telnyx-signature-ed25519` and `telnyx-timestamp`.
        """
        stamp = _stamp(timestamp)
        signature = self._key.sign(stamp.encode() + b"|" + _raw(body)).signature
        return {"telnyx-signature-ed25519": _b64(signature), "telnyx-timestamp": stamp}


class StandardWebhookSigner:
    """Signs bodies in the Standard Webhooks format, for relays that re-sign.

    `StandardWebhookSigner(secret)` signs `v1` (HMAC-SHA256) entries;
    `StandardWebhookSigner.ed25519(seed)` signs `v1a` (ed25519) entries. Give
    `key` to a `StandardWebhookVerifier`.

    Args:
        secret: A `whsec_` secret; a fresh random one when omitted.
    """

    __slots__ = ("_ed25519", "_secret")

    def __init__(self, secret: str | None = None) -> None:
        if secret is None:
            secret = "whsec_" + _b64(os.urandom(32))
        if not secret.startswith("whsec_"):
            raise ValueError("a Standard Webhooks secret starts with whsec_")
        self._secret = base64.b64decode(secret[6:], validate=True)
        self._ed25519: SigningKey | None = None

    @classmethod
    def ed25519(cls, seed: bytes | None = None) -> StandardWebhookSigner:
        """A signer of `v1a` (ed25519) entries, from a 32-byte seed or a random key."""
        signer = cls()
        signer._ed25519 = _signing_key(seed)
        return signer

    @property
    def key(self) -> str:
        """What the verifier needs: the `whsec_` secret, or the `whpk_` public key."""
        if self._ed25519 is not None:
            return "whpk_" + _b64(self._ed25519.verify_key.encode())
        return "whsec_" + _b64(self._secret)

    def sign(
        self,
        body: bytes | str,
        *,
        msg_id: str | None = None,
        timestamp: int | str | None = None,
    ) -> dict[str, str]:
        """Sign a body and return the three `webhook-*` headers.

        Args:
            body: The exact body to deliver; a `str` is encoded as UTF-8.
            msg_id: The `webhook-id`; a fresh `msg_...` id when omitted.
            timestamp: Unix seconds; defaults to now. A `str` is signed verbatim.

        Returns:
            `webhook-id`, `webhook-timestamp` and `webhook-signature`.
        """
        msg_id = f"msg_{uuid.uuid4().hex}" if msg_id is None else msg_id
        stamp = _stamp(timestamp)
        message = f"{msg_id}.{stamp}.".encode() + _raw(body)
        if self._ed25519 is not None:
            signature = "v1a," + _b64(self._ed25519.sign(message).signature)
        else:
            signature = "v1," + _b64(hmac.digest(self._secret, message, "sha256"))
        return {"webhook-id": msg_id, "webhook-timestamp": stamp, "webhook-signature": signature}


def _signing_key(seed: bytes | None) -> SigningKey:
    if seed is None:
        return SigningKey.generate()
    if len(seed) != 32:
        raise ValueError("seed must be exactly 32 bytes")
    return SigningKey(seed)


def _stamp(timestamp: int | str | None) -> str:
    return str(int(time.time()) if timestamp is None else timestamp)


def _raw(body: bytes | str) -> bytes:
    return body.encode() if isinstance(body, str) else bytes(body)


def _b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode("ascii")
