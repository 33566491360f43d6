"""The delivery envelope and the parsers; the event classes load on first use.

`Webhook.data` is annotated `events.WebhookEvent`, a name resolved only when
pydantic first builds the envelope's own schema (`model_dump`, a
`TypeAdapter(Webhook)`, the parser's slow path): in the namespace of
`telnyx_gather`, the module the class is shown under, where `events` is the
events package, whose `WebhookEvent` imports every event family. The parser's
fast path never resolves it: it validates with the prepared schema of the one
event it reads, which imports only that event's module.
"""

from typing import TYPE_CHECKING, Annotated

from pydantic import BeforeValidator, StrictInt, TypeAdapter, ValidationError
from pydantic_core import from_json

from .._errors import WebhookParseError, describe_validation_error
from ._base import EventModel
from ._fast import FastParser
from ._index import EVENT_MODULES
from ._schema import load, load_member

if TYPE_CHECKING:
    from .. import events

__all__ = ["Webhook", "WebhookMeta", "parse_event", "parse_webhook"]


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

    data: "events.WebhookEvent"
    meta: WebhookMeta | None = None


# Built on first use (`defer_build`), over the whole union.
_WEBHOOK: TypeAdapter[Webhook] = TypeAdapter(Webhook)
# Each event's validator comes from its prepared schema, whose classes resolve by name.
_FAST: FastParser[Webhook] = FastParser(EVENT_MODULES, lambda: load(Webhook), load_member)


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


def parse_event(body: bytes | bytearray | str) -> "events.WebhookEvent":
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
