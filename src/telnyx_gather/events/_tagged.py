"""The `WebhookEvent` union over every known event.

Importing this module imports every event family (through `_registry`), so
only what needs the whole union imports it: `telnyx_gather.events.WebhookEvent`,
which pydantic resolves the first time it builds the envelope's own schema.
"""

from typing import Annotated, cast

from pydantic import Discriminator

from ._fast import UNKNOWN
from ._index import EVENT_MODULES
from ._registry import TaggedEvent

__all__ = ["WebhookEvent"]


def _event_tag(value: object) -> str | None:
    if isinstance(value, dict):
        event_type = cast("dict[str, object]", value).get("event_type")
    else:
        event_type = getattr(value, "event_type", None)
    if not isinstance(event_type, str):
        return None
    return event_type if event_type in EVENT_MODULES else UNKNOWN


WebhookEvent = Annotated[
    TaggedEvent,
    Discriminator(
        _event_tag,
        custom_error_type="invalid_event_type",
        custom_error_message="event_type is missing or not a string",
    ),
]
"""Any webhook event: one of the known classes (`EVENT_TYPES`), or `UnknownEvent`."""
