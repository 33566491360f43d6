"""The answer to a delivery that is refused: its HTTP status and a short message, logged once.

The integrations and the router share it. Records go to the
`telnyx_gather.integrations` logger, where the docs say rejections are logged.
"""

from __future__ import annotations

from .._errors import WebhookParseError, WebhookVerificationError
from .._log import get_logger

__all__ = ["rejection"]

logger = get_logger("integrations")


def rejection(exc: WebhookVerificationError | WebhookParseError) -> tuple[int, str]:
    """The HTTP status and a short message for a rejected delivery, logged once here.

    A verification failure is 401 (413 for `body_too_large`), so Telnyx does not
    treat it as delivered; a body that verified but does not parse is 400.
    """
    if isinstance(exc, WebhookVerificationError):
        logger.warning("rejected a webhook delivery (%s): %s", exc.reason, exc)
        status = 413 if exc.reason == "body_too_large" else 401
        return status, f"webhook verification failed: {exc.reason}"
    logger.warning("rejected a verified webhook delivery that does not parse: %s", exc)
    return 400, "webhook body is not a valid Telnyx delivery"
