"""Verify Telnyx webhooks in Starlette and FastAPI (`pip install 'telnyx-gather[fastapi]'`).

`TelnyxWebhook(verifier)` is a FastAPI dependency that returns the verified,
typed event::

    telnyx_event = TelnyxWebhook(WebhookVerifier.from_env())

    @app.post("/webhooks/telnyx")
    async def webhook(event: Annotated[WebhookEvent, Depends(telnyx_event)]) -> None: ...

In a plain Starlette endpoint, `event = await verified_event(request, verifier)`.

Both read the raw body (Starlette caches it, so it is the same bytes even if
a route also takes a parsed JSON body) and the raw ASGI header pairs, so a
repeated header reaches the verifier twice and is rejected. A failed
verification raises `HTTPException(401)` (413 for a body over the limit), and
a body that verifies but does not parse `HTTPException(400)`.
"""

from __future__ import annotations

try:
    from starlette.exceptions import HTTPException
    from starlette.requests import Request
except ImportError as exc:
    raise ImportError(
        "telnyx_gather.integrations.starlette needs Starlette: "
        "pip install 'telnyx-gather[starlette]' (or 'telnyx-gather[fastapi]')"
    ) from exc

from .._errors import WebhookParseError, WebhookVerificationError
from ..events import WebhookEvent
from ._common import Verifier, rejection

__all__ = ["TelnyxWebhook", "verified_event"]


async def verified_event(request: Request, verifier: Verifier) -> WebhookEvent:
    """Verify the request's raw body and headers, and return the typed event.

    Raises:
        HTTPException: 401 (or 413) when verification fails, 400 when the
            verified body is not a Telnyx delivery.
    """
    body = await request.body()
    try:
        return verifier.unwrap(body, request.headers.raw)
    except (WebhookVerificationError, WebhookParseError) as exc:
        status, detail = rejection(exc)
        raise HTTPException(status, detail) from None


class TelnyxWebhook:
    """A FastAPI dependency: `Depends(TelnyxWebhook(verifier))` gives the verified event."""

    def __init__(self, verifier: Verifier) -> None:
        """Wrap `verifier` (a `WebhookVerifier` or `StandardWebhookVerifier`)."""
        self.verifier = verifier

    async def __call__(self, request: Request) -> WebhookEvent:
        """Verify and parse the request; see `verified_event`."""
        return await verified_event(request, self.verifier)
