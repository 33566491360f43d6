"""Reading what the commands take: bodies, headers and keys."""

from __future__ import annotations

import string
import sys
from base64 import b64decode
from pathlib import Path

from .._errors import safe_repr

__all__ = [
    "EXIT_FAILED",
    "EXIT_OK",
    "EXIT_USAGE",
    "UsageError",
    "read_body",
    "read_headers",
    "seed",
]

EXIT_OK = 0
EXIT_FAILED = 1
"""Verification, parsing or the demo failed."""
EXIT_USAGE = 2
"""The command line was wrong: a missing argument, an unreadable file, a malformed key."""


class UsageError(Exception):
    """The command line cannot be carried out as given; exits with `EXIT_USAGE`."""


def read_body(source: str) -> bytes:
    """The exact bytes of a file, or of standard input for `-`."""
    if source == "-":
        return sys.stdin.buffer.read()
    try:
        return Path(source).read_bytes()
    except OSError as exc:
        raise UsageError(f"cannot read {safe_repr(source)}: {exc.strerror}") from None


def read_headers(pairs: list[str], files: list[str]) -> list[tuple[str, str]]:
    """Headers from `Name: value` arguments and from files of such lines (`-` is stdin)."""
    lines = list(pairs)
    for source in files:
        text = read_body(source).decode("utf-8", "replace")
        lines.extend(line for line in text.splitlines() if line.strip())
    headers: list[tuple[str, str]] = []
    for line in lines:
        name, colon, value = line.partition(":")
        if not colon or not name.strip():
            raise UsageError(f"a header must look like 'Name: value', not {safe_repr(line)}")
        headers.append((name.strip(), value.strip()))
    return headers


def seed(text: str) -> bytes:
    """A 32-byte ed25519 seed from hex or base64 text.

    A 64-byte private key (the seed followed by the public key, as libsodium
    stores it) is accepted too; its first half is the seed.
    """
    text = text.strip()
    raw: bytes | None = None
    if len(text) in (64, 128) and all(c in string.hexdigits for c in text):
        raw = bytes.fromhex(text)
    else:
        try:
            raw = b64decode(text, validate=True)
        except ValueError:  # binascii.Error, or text that is not ASCII
            raw = None
    if raw is None or len(raw) not in (32, 64):
        raise UsageError("a seed is 32 bytes (or a 64-byte private key), in hex or base64")
    return raw[:32]
