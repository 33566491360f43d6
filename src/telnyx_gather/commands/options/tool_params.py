"""The settings of each tool an AI assistant can use."""

import re
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Annotated, Literal

from pydantic import Field, JsonValue, model_validator
from typing_extensions import NotRequired, Self, TypedDict

from .._base import StrictModel
from .._fields import HttpUrl, ListOf

__all__ = [
    "BookAppointmentToolParams",
    "BookAppointmentToolParamsDict",
    "BucketIds",
    "BucketIdsDict",
    "CheckAvailabilityToolParams",
    "CheckAvailabilityToolParamsDict",
    "HangupToolParams",
    "HangupToolParamsDict",
    "ToolParametersSchema",
    "ToolParametersSchemaDict",
    "TransferTarget",
    "TransferTargetDict",
    "TransferToolParams",
    "TransferToolParamsDict",
    "WebhookToolHeader",
    "WebhookToolHeaderDict",
    "WebhookToolParams",
    "WebhookToolParamsDict",
]


class BookAppointmentToolParams(StrictModel):
    """Book a Cal.com appointment.

    Attributes:
        event_type_id: The Cal.com event type to book.
        api_key_ref: Identifier of the integration secret holding your Cal.com key.
        attendee_name: Asked for by the assistant when not set.
        attendee_timezone: Asked for by the assistant when not set.
    """

    event_type_id: int
    api_key_ref: str
    attendee_name: str | None = None
    attendee_timezone: str | None = None


class BookAppointmentToolParamsDict(TypedDict):
    """`BookAppointmentToolParams` as a plain dict."""

    event_type_id: int
    api_key_ref: str
    attendee_name: NotRequired[str]
    attendee_timezone: NotRequired[str]


class CheckAvailabilityToolParams(StrictModel):
    """Check Cal.com availability for an event type."""

    event_type_id: int
    api_key_ref: str


class CheckAvailabilityToolParamsDict(TypedDict):
    """`CheckAvailabilityToolParams` as a plain dict."""

    event_type_id: int
    api_key_ref: str


class WebhookToolHeader(StrictModel):
    """A header sent to a webhook tool; `value` may use mustache templating."""

    name: str | None = None
    value: str | None = None


class WebhookToolHeaderDict(TypedDict, total=False):
    """`WebhookToolHeader` as a plain dict."""

    name: str
    value: str


class ToolParametersSchema(StrictModel):
    """A JSON Schema object describing a webhook tool's body, path or query parameters.

    Attributes:
        properties: Property name to its JSON Schema.
        required: The names of the required properties.
        type: Always `"object"` when set.
    """

    properties: dict[str, JsonValue] | None = None
    required: list[str] | None = None
    type: Literal["object"] | None = None


class ToolParametersSchemaDict(TypedDict, total=False):
    """`ToolParametersSchema` as a plain dict."""

    properties: dict[str, JsonValue]
    required: list[str]
    type: Literal["object"]


_PLACEHOLDER = re.compile(r"(?<!\{)\{([A-Za-z_][A-Za-z0-9_]*)\}(?!\})")


class WebhookToolParams(StrictModel):
    """Call an external HTTP endpoint.

    Attributes:
        name: The tool's name.
        description: What the tool does, for the model.
        url: The endpoint. A `{name}` placeholder is filled from the path
            parameter of that name, so it must be declared in
            `path_parameters.properties`.
        method: Telnyx uses `POST` when it is not set.
    """

    name: str
    description: str
    url: HttpUrl
    method: Literal["GET", "POST", "PUT", "DELETE", "PATCH"] | None = None
    headers: ListOf[WebhookToolHeader] | None = None
    body_parameters: ToolParametersSchema | None = None
    path_parameters: ToolParametersSchema | None = None
    query_parameters: ToolParametersSchema | None = None

    if TYPE_CHECKING:

        def __init__(
            self,
            *,
            name: str,
            description: str,
            url: str,
            method: Literal["GET", "POST", "PUT", "DELETE", "PATCH"] | None = None,
            headers: Sequence[WebhookToolHeader | WebhookToolHeaderDict] | None = None,
            body_parameters: ToolParametersSchema | ToolParametersSchemaDict | None = None,
            path_parameters: ToolParametersSchema | ToolParametersSchemaDict | None = None,
            query_parameters: ToolParametersSchema | ToolParametersSchemaDict | None = None,
        ) -> None: ...

    @model_validator(mode="after")
    def _placeholders_declared(self) -> Self:
        declared: Mapping[str, object] = (
            self.path_parameters.properties or {} if self.path_parameters else {}
        )
        missing = [p for p in _PLACEHOLDER.findall(self.url) if p not in declared]
        if missing:
            raise ValueError(
                "url: every {placeholder} must be declared in path_parameters.properties"
                f" (missing {len(missing)}: {', '.join(missing[:5])})"
            )
        return self


class WebhookToolParamsDict(TypedDict):
    """`WebhookToolParams` as a plain dict."""

    name: str
    description: str
    url: str
    method: NotRequired[Literal["GET", "POST", "PUT", "DELETE", "PATCH"]]
    headers: NotRequired[Sequence[WebhookToolHeader | WebhookToolHeaderDict]]
    body_parameters: NotRequired[ToolParametersSchema | ToolParametersSchemaDict]
    path_parameters: NotRequired[ToolParametersSchema | ToolParametersSchemaDict]
    query_parameters: NotRequired[ToolParametersSchema | ToolParametersSchemaDict]


class HangupToolParams(StrictModel):
    """Let the assistant hang up.

    Attributes:
        description: Tells the model when to use it (Telnyx has a default).
    """

    description: str | None = None


class HangupToolParamsDict(TypedDict, total=False):
    """`HangupToolParams` as a plain dict."""

    description: str


class TransferTarget(StrictModel):
    """A place the assistant may transfer the call to.

    Attributes:
        name: The target's name, for the model.
        to: Destination number or SIP URI.
    """

    name: str | None = None
    to: str | None = None


class TransferTargetDict(TypedDict, total=False):
    """`TransferTarget` as a plain dict."""

    name: str
    to: str


class TransferToolParams(StrictModel):
    """Let the assistant transfer the call to one of `targets`.

    Attributes:
        targets: The targets the assistant chooses from.
        from_: Number or SIP URI placing the transfer (`from` on the wire).
    """

    targets: ListOf[TransferTarget]
    from_: str = Field(alias="from")

    if TYPE_CHECKING:

        def __init__(
            self, *, targets: Sequence[TransferTarget | TransferTargetDict], from_: str
        ) -> None: ...


TransferToolParamsDict = TypedDict(
    "TransferToolParamsDict",
    {"targets": Sequence[TransferTarget | TransferTargetDict], "from": str},
)
"""`TransferToolParams` as a plain dict (`from` is its wire name)."""


class BucketIds(StrictModel):
    """Embedded storage buckets the assistant retrieves context from.

    Attributes:
        bucket_ids: The buckets to search.
        max_num_results: How many results to give the model as context, at
            least 1.
    """

    bucket_ids: list[str]
    max_num_results: Annotated[int, Field(ge=1)] | None = None


class BucketIdsDict(TypedDict):
    """`BucketIds` as a plain dict."""

    bucket_ids: list[str]
    max_num_results: NotRequired[int]
