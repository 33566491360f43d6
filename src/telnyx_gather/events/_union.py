"""The `WebhookEvent` union, the delivery envelope, and the parsers."""

from typing import Annotated, cast

from pydantic import BeforeValidator, Discriminator, StrictInt, TypeAdapter, ValidationError
from pydantic_core import from_json

from .._errors import WebhookParseError, describe_validation_error
from ._base import EventModel
from ._fast import FastParser
from ._registry import EVENT_TYPES, TaggedEvent
from ._schema import load

__all__ = ["EVENT_TYPES", "Webhook", "WebhookEvent", "WebhookMeta", "parse_event", "parse_webhook"]


def _event_tag(value: object) -> str | None:
    if isinstance(value, dict):
        event_type = cast("dict[str, object]", value).get("event_type")
    else:
        event_type = getattr(value, "event_type", None)
    if not isinstance(event_type, str):
        return None
    return event_type if event_type in EVENT_TYPES else "unknown"


WebhookEvent = Annotated[
    TaggedEvent,
    Discriminator(
        _event_tag,
        custom_error_type="invalid_event_type",
        custom_error_message="event_type is missing or not a string",
    ),
]
"""Any webhook event: one of the known classes (`EVENT_TYPES`), or `UnknownEvent`."""


def _attempt(value: object) -> object:
    # Captures show `attempt` both as 1 and as "1"; accept only plain decimal text.
    if isinstance(value, str):
        if not (value.isascii() and value.isdigit() and len(value) <= 9):
            raise ValueError("attempt must be a whole number")
        return int(value)
    return value


class WebhookMeta(EventModel):
    """Delivery metadata that Telnyx adds to most webhooks.

    Attributes:
        attempt: Which delivery attempt this is, starting at 1.
        delivered_to: The URL Telnyx delivered to.
    """

    attempt: Annotated[StrictInt, BeforeValidator(_attempt)] | None = None
    delivered_to: str | None = None


class Webhook(EventModel):
    """A whole webhook delivery: the event in `data`, plus optional `meta`."""

    data: WebhookEvent
    meta: WebhookMeta | None = None


_WEBHOOK: TypeAdapter[Webhook] = TypeAdapter(Webhook)
_FAST: FastParser[Webhook] = FastParser(EVENT_TYPES, lambda: load(Webhook))


def parse_webhook(body: bytes | bytearray | str) -> Webhook:
    """Parse a webhook body into its envelope, validating it in one pass.

    Verify the signature first (`WebhookVerifier.unwrap` does both).

    Args:
        body: The raw request body, exactly as received.

    Returns:
        The envelope, with the typed event in `.data`.

    Raises:
        WebhookParseError: For any body that is not a well-formed delivery:
            bad UTF-8, not JSON, NaN or Infinity, absurd nesting, or the
            wrong shape. No other exception escapes.
    """
    webhook = _FAST.parse(body)
    if webhook is not None:
        return webhook
    # The union's own validator: for unknown shapes, and for every error's exact text.
    try:
        webhook = _WEBHOOK.validate_json(body)
        if _may_hold_non_finite(body):
            from_json(body, allow_inf_nan=False)
    except ValidationError as exc:
        raise WebhookParseError(f"invalid webhook: {describe_validation_error(exc)}") from None
    except ValueError as exc:
        detail = str(exc) if str(exc).isascii() and str(exc).isprintable() else "malformed"
        raise WebhookParseError(
            f"invalid webhook: Invalid JSON: NaN and Infinity are not allowed ({detail[:120]})"
        ) from None
    return webhook


def parse_event(body: bytes | bytearray | str) -> WebhookEvent:
    """Parse a webhook body and return its event (the envelope's `data`).

    Args:
        body: The raw request body, exactly as received.

    Returns:
        A `CallGatherEnded`, `CallHangup`, ..., or `UnknownEvent` for an unknown type.

    Raises:
        WebhookParseError: As for `parse_webhook`.
    """
    return parse_webhook(body).data


def _may_hold_non_finite(body: bytes | bytearray | str) -> bool:
    # The JSON parser used for validation accepts NaN and Infinity; a second,
    # strict parse runs only when such a token might be present.
    if isinstance(body, str):
        return "NaN" in body or "Infinity" in body
    return b"NaN" in body or b"Infinity" in body
