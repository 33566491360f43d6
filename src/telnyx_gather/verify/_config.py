"""Readers for a verifier's configuration that both schemes share: its limits and key lists.

They run once, when a verifier is built, and raise `WebhookConfigError`
naming the bad argument. Messages never echo key material.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import cast

from nacl.signing import VerifyKey

from .._errors import WebhookConfigError

__all__ = ["check_limits", "ed25519_key", "key_list", "where"]


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


def key_list(keys: object, what: str) -> tuple[object, ...]:
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


def where(name: str, index: int, keys: tuple[object, ...]) -> str:
    """How an error names one key: the argument alone, or indexed within a list."""
    return name if len(keys) == 1 else f"{name}[{index}]"


def ed25519_key(raw: bytes | None, where: str) -> VerifyKey:
    """An ed25519 public key from its 32 raw bytes; None (not decodable) is a config error."""
    if raw is None:
        raise WebhookConfigError(
            f"{where}: not an ed25519 public key (32 bytes, or base64 of them: 44 characters "
            "ending in '=', as the Telnyx portal shows it)"
        )
    return VerifyKey(raw)
