"""Build webhook bodies: `webhook_body` for any event, `example_factory` for an event class.

Every factory returns the body as bytes, exactly as Telnyx would deliver it,
so it can be signed with `WebhookSigner` and fed to a handler. A factory's
payload defaults to its event class's `example_payload` (the spec's example
delivery); keyword arguments override or add payload fields (`from_` sets
`from`); pass a field as `None` to send JSON `null`. `event_id`,
`occurred_at` and `attempt` set the envelope, as for `webhook_body`. The
factory of each event is written by `scripts/generate.py` in
`_call_factories.py`.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Mapping
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Protocol, get_args

if TYPE_CHECKING:
    from ..events._base import EventModel

__all__ = ["EventFactory", "example_factory", "webhook_body"]


def webhook_body(
    event_type: str,
    payload: Mapping[str, object],
    *,
    event_id: str | None = None,
    occurred_at: datetime | str | None = None,
    attempt: int | None = 1,
    delivered_to: str = "https://example.com/webhooks",
) -> bytes:
    """Build a delivery body for any event type, including ones this library does not know.

    Args:
        event_type: The `data.event_type`.
        payload: The `data.payload` object, sent as given.
        event_id: The `data.id`; a fresh UUID4 when omitted.
        occurred_at: When it happened; now (UTC) when omitted. A `str` is sent
            verbatim.
        attempt: The `meta.attempt`; `None` leaves `meta` out, as some
            deliveries do.
        delivered_to: The `meta.delivered_to`, the URL the delivery is posted to.

    Returns:
        The JSON body as UTF-8 bytes.
    """
    when = datetime.now(timezone.utc) if occurred_at is None else occurred_at
    data: dict[str, object] = {
        "record_type": "event",
        "event_type": event_type,
        "id": str(uuid.uuid4()) if event_id is None else event_id,
        "occurred_at": when if isinstance(when, str) else _iso(when),
        "payload": dict(payload),
    }
    envelope: dict[str, object] = {"data": data}
    if attempt is not None:
        envelope["meta"] = {"attempt": attempt, "delivered_to": delivered_to}
    return json.dumps(envelope, ensure_ascii=False, separators=(",", ":")).encode()


def _iso(when: datetime) -> str:
    return when.isoformat(timespec="microseconds").replace("+00:00", "Z")


class EventFactory(Protocol):
    """Builds one event's body; keyword arguments override payload fields."""

    def __call__(
        self,
        *,
        event_id: str | None = None,
        occurred_at: datetime | str | None = None,
        attempt: int | None = 1,
        **payload: object,
    ) -> bytes: ...


def example_factory(event: type[EventModel]) -> EventFactory:
    """A factory of `event`'s bodies whose payload defaults to `event.example_payload`.

    Args:
        event: An event class: an `event_type` literal and an `example_payload`.

    Returns:
        The factory, named after the `event_type` (dots made underscores).
    """
    (event_type,) = get_args(event.model_fields["event_type"].annotation)
    defaults: dict[str, object] = getattr(event, "example_payload", {})

    def build(
        *,
        event_id: str | None = None,
        occurred_at: datetime | str | None = None,
        attempt: int | None = 1,
        **payload: object,
    ) -> bytes:
        if "from_" in payload:
            payload["from"] = payload.pop("from_")
        return webhook_body(
            event_type,
            {**defaults, **payload},
            event_id=event_id,
            occurred_at=occurred_at,
            attempt=attempt,
        )

    build.__name__ = build.__qualname__ = event_type.replace(".", "_")
    build.__doc__ = (
        f"A `{event_type}` body: the payload of `{event.__name__}.example_payload`."
        " See `webhook_body` for the envelope."
    )
    return build
