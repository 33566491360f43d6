"""The `WebhookEvent` union, the delivery envelope, and the parsers."""

from __future__ import annotations

from typing import Annotated, Union, cast, get_args

from pydantic import BeforeValidator, Discriminator, StrictInt, Tag, TypeAdapter, ValidationError
from pydantic_core import from_json

from .._errors import WebhookParseError, describe_validation_error
from ._ai_gather import (
    CallAIGatherEnded,
    CallAIGatherMessageHistoryUpdated,
    CallAIGatherPartialResults,
)
from ._base import EventModel, UnknownEvent
from ._conversation import CallConversationEnded
from ._fast import FastParser
from ._gather import CallDtmfReceived, CallGatherEnded
from ._lifecycle import CallAnswered, CallHangup, CallInitiated
from ._playback import CallPlaybackEnded, CallPlaybackStarted
from ._schema import load

__all__ = ["EVENT_TYPES", "Webhook", "WebhookEvent", "WebhookMeta", "parse_event", "parse_webhook"]

_KNOWN: tuple[type[EventModel], ...] = (
    CallGatherEnded,
    CallAIGatherEnded,
    CallAIGatherMessageHistoryUpdated,
    CallAIGatherPartialResults,
    CallConversationEnded,
    CallPlaybackStarted,
    CallPlaybackEnded,
    CallDtmfReceived,
    CallInitiated,
    CallAnswered,
    CallHangup,
)
EVENT_TYPES: dict[str, type[EventModel]] = {
    get_args(cls.model_fields["event_type"].annotation)[0]: cls for cls in _KNOWN
}
"""Each known `event_type` string, mapped to its model class."""


def _event_tag(value: object) -> str | None:
    if isinstance(value, dict):
        event_type = cast("dict[str, object]", value).get("event_type")
    else:
        event_type = getattr(value, "event_type", None)
    if not isinstance(event_type, str):
        return None
    return event_type if event_type in EVENT_TYPES else "unknown"


WebhookEvent = Annotated[
    Union[  # noqa: UP007 -- one tagged member per line reads better than a chain of |
        Annotated[CallGatherEnded, Tag("call.gather.ended")],
        Annotated[CallAIGatherEnded, Tag("call.ai_gather.ended")],
        Annotated[CallAIGatherMessageHistoryUpdated, Tag("call.ai_gather.message_history_updated")],
        Annotated[CallAIGatherPartialResults, Tag("call.ai_gather.partial_results")],
        Annotated[CallConversationEnded, Tag("call.conversation.ended")],
        Annotated[CallPlaybackStarted, Tag("call.playback.started")],
        Annotated[CallPlaybackEnded, Tag("call.playback.ended")],
        Annotated[CallDtmfReceived, Tag("call.dtmf.received")],
        Annotated[CallInitiated, Tag("call.initiated")],
        Annotated[CallAnswered, Tag("call.answered")],
        Annotated[CallHangup, Tag("call.hangup")],
        Annotated[UnknownEvent, Tag("unknown")],
    ],
    Discriminator(
        _event_tag,
        custom_error_type="invalid_event_type",
        custom_error_message="event_type is missing or not a string",
    ),
]
"""Any webhook event: one of the eleven known classes, or `UnknownEvent`."""


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
