"""Shared pieces of every event model: config, envelope fields, call identifiers."""

from collections.abc import Generator
from typing import Any, ClassVar, Literal

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, JsonValue

from ._index import PUBLISHED
from ._lean import install, views

_SHOWN = {f"{__package__}.{cls}": public for public, names in PUBLISHED.items() for cls in names}

__all__ = [
    "CallEvent",
    "CallIdentifiers",
    "CallPayload",
    "EventModel",
    "PartiesPayload",
    "UnknownEvent",
]


class EventModel(BaseModel):
    """Base of every event and payload model.

    Models are frozen, and fields that Telnyx adds after this library was
    written are kept in `model_extra` rather than dropped or rejected.

    Validators are built on first use (`defer_build`): importing the events
    only defines the classes, and `parse_event` builds the validator of an
    event type the first time it meets that type.

    Each public class names its public module (`telnyx_gather.CallHangup`,
    `telnyx_gather.events.CallHangupPayload`, from `_index.PUBLISHED`) from
    the moment it is defined, whichever way its module was imported, so reprs,
    tracebacks and pickles show the import path users write.
    """

    model_config: ClassVar[ConfigDict] = ConfigDict(
        extra="allow",
        frozen=True,
        populate_by_name=True,
        allow_inf_nan=False,
        hide_input_in_errors=True,
        defer_build=True,
    )
    _lean: ClassVar[tuple[str, ...]] = ()

    @classmethod
    def __pydantic_init_subclass__(cls, **kwargs: Any) -> None:
        super().__pydantic_init_subclass__(**kwargs)
        cls._lean = install(cls)
        # Event annotations are evaluated at definition (no `from __future__ import
        # annotations`, the generator checks), so the module they resolve in no longer matters.
        cls.__module__ = _SHOWN.get(f"{cls.__module__}.{cls.__qualname__}", cls.__module__)

    def __eq__(self, other: object) -> bool:
        equal = super().__eq__(other)
        if equal is not False or not self._lean or type(other) is not type(self):
            return equal
        # A transcript is held as the dicts it arrived as; compare what it reads as.
        return self.__pydantic_extra__ == other.__pydantic_extra__ and all(
            getattr(self, name) == getattr(other, name) for name in type(self).model_fields
        )

    def __iter__(self) -> Generator[tuple[str, Any], None, None]:
        yield from views(self, self._lean, super().__iter__())

    def __repr_args__(self) -> Generator[tuple[str | None, Any], None, None]:
        yield from views(self, self._lean, super().__repr_args__())


class CallIdentifiers(EventModel):
    """The call identifiers an event may carry besides `call_control_id`.

    The spec marks none of them required, so each may be absent.

    Attributes:
        call_leg_id: Unique to this call leg; correlates webhook events.
        call_session_id: Groups related legs (for example both legs of a
            transfer).
        connection_id: The Call Control application the call belongs to.
        client_state: The state set by the last command, if any (Telnyx sends
            `null` when none was set). Decode it with `decode_client_state`.
    """

    call_leg_id: str | None = None
    call_session_id: str | None = None
    connection_id: str | None = None
    client_state: str | None = None


class CallPayload(CallIdentifiers):
    """The payload of a call event: the id to command the call, and the other identifiers.

    Attributes:
        call_control_id: The id to issue further commands on this call; every
            call event carries it.
    """

    call_control_id: str


class CallEvent(EventModel):
    """Fields every call event carries; subclasses add `event_type` and `payload`.

    Every known event but `CallConversationEnded` is a `CallEvent`: that one
    has a variant without `id`, `occurred_at` or call ids.

    Attributes:
        id: Unique to this event. Telnyx retries deliveries and may send the
            same event twice, so deduplicate on it.
        occurred_at: When the event happened, timezone-aware.
        record_type: Always `"event"` today.
    """

    id: str
    occurred_at: AwareDatetime
    record_type: Literal["event"] | str = "event"


class PartiesPayload(CallPayload):
    """Call identifiers plus the two parties of the call."""

    from_: str | None = Field(default=None, alias="from")
    """Number or SIP URI placing the call."""
    to: str | None = None
    """Destination number or SIP URI of the call."""


class UnknownEvent(EventModel):
    """Any event whose `event_type` this version does not know.

    Nothing is lost: `payload` keeps the raw payload and every other field is
    in `model_extra`. Handlers should acknowledge these (return 2xx) so that
    Telnyx does not retry them.
    """

    event_type: str
    id: str | None = None
    occurred_at: AwareDatetime | None = None
    record_type: str | None = None
    payload: dict[str, JsonValue] | None = None
