"""What every verifier shares: the body and header types, the limits, `verify` and `unwrap`.

A scheme subclasses `VerifierBase` and implements `_verified`, which checks
one delivery and returns the body's exact bytes.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Protocol, TypeAlias

from ..events import parse_event
from ._config import check_limits

if TYPE_CHECKING:
    from ..events import WebhookEvent

__all__ = ["Body", "Headers", "Verifier", "VerifierBase"]

Body: TypeAlias = bytes | bytearray | memoryview | str
"""A raw request body, exactly as received. A `str` is encoded as strict UTF-8."""

Headers: TypeAlias = (
    Mapping[str, str | bytes]
    | Mapping[bytes, str | bytes]
    | Iterable[tuple[str | bytes, str | bytes]]
)
"""Request headers: a mapping, or (name, value) pairs as ASGI gives them."""


class Verifier(Protocol):
    """What verifies and parses a delivery: `WebhookVerifier` or `StandardWebhookVerifier`."""

    def verify(self, body: Body, headers: Headers) -> None:
        """Verify a delivery that is not an event envelope (an assistant's tool call)."""
        ...

    def unwrap(self, body: Body, headers: Headers) -> WebhookEvent:
        """Verify the delivery's signature, then parse its body into the typed event."""
        ...


class VerifierBase:
    """The limits and the public methods; a scheme supplies `_verified`."""

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
