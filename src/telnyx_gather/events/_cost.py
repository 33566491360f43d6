"""`call.cost`: what a finished call cost (SDK only, not in the spec)."""

from typing import Any, ClassVar, Literal

from pydantic import AwareDatetime

from ._base import CallEvent, CallPayload, EventModel
from ._examples import SDK_IDS

__all__ = ["CallCost", "CallCostPayload", "CostPart"]


class CostPart(EventModel):
    """The cost of one part of the call.

    Attributes:
        call_part: The product billed (`call-control`, `sip-trunking`,
            `call-recording`, ...); new products appear as plain strings.
        billed_duration_secs: The billed duration of this part, in seconds.
        rate: The per-minute rate, as decimal text.
        cost: The amount, as decimal text.
        currency: The currency of `rate` and `cost`.
    """

    call_part: str | None = None
    billed_duration_secs: int | None = None
    rate: str | None = None
    cost: str | None = None
    currency: str | None = None


class CallCostPayload(CallPayload):
    """Payload of `call.cost`.

    Attributes:
        status: Whether the cost could be calculated: `success` or `error`.
        total_cost: The total, as decimal text.
        billed_duration_secs: The longest billed duration of the parts.
        billing_group_id: The billing group of the call.
        cost_parts: The cost, part by part.
        occurred_at: When the cost was calculated.
    """

    status: Literal["success", "error"] | str | None = None
    total_cost: str | None = None
    billed_duration_secs: int | None = None
    billing_group_id: str | None = None
    cost_parts: list[CostPart] | None = None
    occurred_at: AwareDatetime | None = None


class CallCost(CallEvent):
    """The cost of the call, sent after it ended. Known from the telnyx SDK, newer than the spec."""

    event_type: Literal["call.cost"]
    payload: CallCostPayload
    example_payload: ClassVar[dict[str, Any]] = {
        **SDK_IDS,
        "status": "success",
        "total_cost": "0.0060",
        "billed_duration_secs": 60,
        "cost_parts": [
            {
                "call_part": "call-control",
                "billed_duration_secs": 60,
                "rate": "0.0020",
                "cost": "0.0020",
                "currency": "USD",
            },
            {
                "call_part": "sip-trunking",
                "billed_duration_secs": 60,
                "rate": "0.0040",
                "cost": "0.0040",
                "currency": "USD",
            },
        ],
        "occurred_at": "2026-01-01T00:01:05Z",
    }
