"""Tools an AI assistant can use during `gather_using_ai`, discriminated on `type`.

Each tool is `{"type": <name>, <name>: <settings>}` on the wire.
"""

from typing import TYPE_CHECKING, Annotated, Literal

from pydantic import Discriminator
from typing_extensions import TypedDict

from .._base import StrictModel
from .tool_params import (
    BookAppointmentToolParams,
    BookAppointmentToolParamsDict,
    BucketIds,
    BucketIdsDict,
    CheckAvailabilityToolParams,
    CheckAvailabilityToolParamsDict,
    HangupToolParams,
    HangupToolParamsDict,
    TransferToolParams,
    TransferToolParamsDict,
    WebhookToolParams,
    WebhookToolParamsDict,
)

__all__ = [
    "BookAppointmentTool",
    "BookAppointmentToolDict",
    "CheckAvailabilityTool",
    "CheckAvailabilityToolDict",
    "HangupTool",
    "HangupToolDict",
    "RetrievalTool",
    "RetrievalToolDict",
    "Tool",
    "ToolDict",
    "TransferTool",
    "TransferToolDict",
    "WebhookTool",
    "WebhookToolDict",
]


class BookAppointmentTool(StrictModel):
    """Book a Cal.com appointment."""

    type: Literal["book_appointment"] = "book_appointment"
    book_appointment: BookAppointmentToolParams

    if TYPE_CHECKING:

        def __init__(
            self,
            *,
            type: Literal["book_appointment"] = ...,
            book_appointment: BookAppointmentToolParams | BookAppointmentToolParamsDict,
        ) -> None: ...


class BookAppointmentToolDict(TypedDict):
    """`BookAppointmentTool` as a plain dict."""

    type: Literal["book_appointment"]
    book_appointment: BookAppointmentToolParams | BookAppointmentToolParamsDict


class CheckAvailabilityTool(StrictModel):
    """Check Cal.com availability."""

    type: Literal["check_availability"] = "check_availability"
    check_availability: CheckAvailabilityToolParams

    if TYPE_CHECKING:

        def __init__(
            self,
            *,
            type: Literal["check_availability"] = ...,
            check_availability: CheckAvailabilityToolParams | CheckAvailabilityToolParamsDict,
        ) -> None: ...


class CheckAvailabilityToolDict(TypedDict):
    """`CheckAvailabilityTool` as a plain dict."""

    type: Literal["check_availability"]
    check_availability: CheckAvailabilityToolParams | CheckAvailabilityToolParamsDict


class WebhookTool(StrictModel):
    """Call an external HTTP endpoint."""

    type: Literal["webhook"] = "webhook"
    webhook: WebhookToolParams

    if TYPE_CHECKING:

        def __init__(
            self,
            *,
            type: Literal["webhook"] = ...,
            webhook: WebhookToolParams | WebhookToolParamsDict,
        ) -> None: ...


class WebhookToolDict(TypedDict):
    """`WebhookTool` as a plain dict."""

    type: Literal["webhook"]
    webhook: WebhookToolParams | WebhookToolParamsDict


class HangupTool(StrictModel):
    """Let the assistant hang up the call."""

    type: Literal["hangup"] = "hangup"
    hangup: HangupToolParams

    if TYPE_CHECKING:

        def __init__(
            self,
            *,
            type: Literal["hangup"] = ...,
            hangup: HangupToolParams | HangupToolParamsDict,
        ) -> None: ...


class HangupToolDict(TypedDict):
    """`HangupTool` as a plain dict."""

    type: Literal["hangup"]
    hangup: HangupToolParams | HangupToolParamsDict


class TransferTool(StrictModel):
    """Let the assistant transfer the call."""

    type: Literal["transfer"] = "transfer"
    transfer: TransferToolParams

    if TYPE_CHECKING:

        def __init__(
            self,
            *,
            type: Literal["transfer"] = ...,
            transfer: TransferToolParams | TransferToolParamsDict,
        ) -> None: ...


class TransferToolDict(TypedDict):
    """`TransferTool` as a plain dict."""

    type: Literal["transfer"]
    transfer: TransferToolParams | TransferToolParamsDict


class RetrievalTool(StrictModel):
    """Let the assistant retrieve context from embedded storage buckets."""

    type: Literal["retrieval"] = "retrieval"
    retrieval: BucketIds

    if TYPE_CHECKING:

        def __init__(
            self,
            *,
            type: Literal["retrieval"] = ...,
            retrieval: BucketIds | BucketIdsDict,
        ) -> None: ...


class RetrievalToolDict(TypedDict):
    """`RetrievalTool` as a plain dict."""

    type: Literal["retrieval"]
    retrieval: BucketIds | BucketIdsDict


Tool = Annotated[
    BookAppointmentTool
    | CheckAvailabilityTool
    | WebhookTool
    | HangupTool
    | TransferTool
    | RetrievalTool,
    Discriminator("type"),
]
"""One entry of `Assistant.tools`."""

ToolDict = (
    BookAppointmentToolDict
    | CheckAvailabilityToolDict
    | WebhookToolDict
    | HangupToolDict
    | TransferToolDict
    | RetrievalToolDict
)
"""`Tool` as a plain dict."""
