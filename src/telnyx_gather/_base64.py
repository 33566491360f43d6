"""Canonical standard base64, the one form that `client_state` and webhook headers accept."""

from __future__ import annotations

import binascii

__all__ = ["decode_b64"]


def decode_b64(text: str, size: int | None = None) -> bytes | None:
    """Decode canonical standard base64 (padded, no whitespace), or return None.

    With `size`, the result must be exactly that many bytes.
    """
    if size is not None and len(text) != 4 * ((size + 2) // 3):
        return None
    if not text or len(text) % 4 or not text.isascii():
        return None
    encoded = text.encode("ascii")
    try:
        raw = binascii.a2b_base64(encoded)
    except binascii.Error:
        return None
    # Re-encoding rejects every non-canonical form at once: other alphabets,
    # whitespace, trailing data, missing padding and non-zero padding bits.
    if binascii.b2a_base64(raw, newline=False) != encoded:
        return None
    return raw if size is None or len(raw) == size else None
