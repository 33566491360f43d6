"""Readers for a verifier's configuration: its keys and limits.

They run once, when a verifier is built, and raise `WebhookConfigError`
naming the bad argument. Messages never echo key material.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import cast

from nacl.signing import VerifyKey

from ._base64 import decode_b64
from ._errors import WebhookConfigError

__all__ = ["check_limits", "standard_keys", "telnyx_keys"]


def telnyx_keys(public_key: object) -> tuple[VerifyKey, ...]:
    """Read Telnyx public keys: base64 text, 32 raw bytes, or a sequence of either."""
    keys = _key_list(public_key, "public key")
    result: list[VerifyKey] = []
    for i, key in enumerate(keys):
        where = _where("public_key", i, keys)
        if isinstance(key, str):
            result.append(_ed25519_key(decode_b64(key, 32), where))
        elif isinstance(key, (bytes, bytearray)):
            result.append(_ed25519_key(bytes(key) if len(key) == 32 else None, where))
        else:
            raise WebhookConfigError(
                f"{where}: expected base64 str or 32 raw bytes, not {type(key).__name__}"
            )
    return tuple(result)


def standard_keys(key_or_keys: object) -> tuple[tuple[bytes, ...], tuple[VerifyKey, ...]]:
    """Read Standard Webhooks keys: `whsec_` HMAC secrets and `whpk_` ed25519 public keys."""
    keys = _key_list(key_or_keys, "key")
    secrets: list[bytes] = []
    public_keys: list[VerifyKey] = []
    for i, key in enumerate(keys):
        where = _where("key_or_keys", i, keys)
        if isinstance(key, str) and key.startswith("whsec_"):
            secret = decode_b64(key[6:])
            if secret is None or not 24 <= len(secret) <= 64:
                raise WebhookConfigError(
                    f"{where}: a whsec_ secret must be base64 of 24 to 64 bytes"
                )
            secrets.append(secret)
        elif isinstance(key, str) and key.startswith("whpk_"):
            public_keys.append(_ed25519_key(decode_b64(key[5:], 32), where))
        elif isinstance(key, str) and key.startswith("whsk_"):
            raise WebhookConfigError(
                f"{where}: whsk_ is a signing key; give the verifier the whpk_ public key"
            )
        else:
            raise WebhookConfigError(f"{where}: expected a str starting with whsec_ or whpk_")
    return tuple(secrets), tuple(public_keys)


def _key_list(keys: object, what: str) -> tuple[object, ...]:
    """Turn one key or a sequence of keys into a non-empty tuple."""
    if keys is None:
        raise WebhookConfigError(f"no {what} given")
    if isinstance(keys, (str, bytes, bytearray)):
        return (keys,)
    if not isinstance(keys, Iterable):
        raise WebhookConfigError(
            f"{what} must be a key or a sequence of keys, not {type(keys).__name__}"
        )
    items = tuple(cast("Iterable[object]", keys))
    if not items:
        raise WebhookConfigError(f"the list of {what}s is empty; give at least one")
    return items


def check_limits(tolerance: object, max_body_bytes: object) -> tuple[float, int]:
    """Validate a verifier's `tolerance` (seconds) and `max_body_bytes`."""
    if (
        isinstance(tolerance, bool)
        or not isinstance(tolerance, (int, float))
        or (isinstance(tolerance, float) and not math.isfinite(tolerance))
        or tolerance < 0
    ):
        raise WebhookConfigError("tolerance must be a finite number of seconds, 0 or more")
    if (
        isinstance(max_body_bytes, bool)
        or not isinstance(max_body_bytes, int)
        or max_body_bytes < 1
    ):
        raise WebhookConfigError("max_body_bytes must be a positive int")
    return tolerance, max_body_bytes


def _where(name: str, index: int, keys: tuple[object, ...]) -> str:
    return name if len(keys) == 1 else f"{name}[{index}]"


def _ed25519_key(raw: bytes | None, where: str) -> VerifyKey:
    if raw is None:
        raise WebhookConfigError(
            f"{where}: not an ed25519 public key (32 bytes, or base64 of them: 44 characters "
            "ending in '=', as the Telnyx portal shows it)"
        )
    return VerifyKey(raw)
