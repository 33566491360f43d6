"""`call.payment.progress` and `call.payment.completed`: a payment taken over the phone (SDK only).

Card and account numbers arrive masked by Telnyx; nothing here unmasks them.
"""

from typing import Any, ClassVar, Literal

from pydantic import JsonValue

from ._base import CallEvent, PartiesPayload
from ._examples import SDK_IDS

__all__ = [
    "CallPaymentCompleted",
    "CallPaymentCompletedPayload",
    "CallPaymentProgress",
    "CallPaymentProgressPayload",
    "PaymentCardType",
    "PaymentErrorType",
    "PaymentResult",
    "PaymentStep",
]

PaymentCardType = Literal[
    "visa", "mastercard", "amex", "optima", "discover", "diners-club", "jcb", "maestro", "enroute"
]
"""The card brand detected. Values Telnyx adds later arrive as plain strings."""

PaymentStep = Literal[
    "payment-card-number",
    "expiration-date",
    "postal-code",
    "security-code",
    "bank-routing-number",
    "bank-account-number",
    "payment-processing",
]
"""What the caller is being asked for. Values Telnyx adds later arrive as plain strings."""

PaymentErrorType = Literal[
    "timeout",
    "invalid-card-number",
    "invalid-card-type",
    "invalid-date",
    "invalid-security-code",
    "invalid-postal-code",
    "invalid-bank-routing-number",
    "invalid-bank-account-number",
    "input-matching-failed",
]
"""What was wrong with the caller's input. Values Telnyx adds later arrive as plain strings."""

PaymentResult = Literal[
    "success", "payment-connector-error", "internal-error", "too-many-failed-attempts", "cancelled"
]
"""How the payment session ended. Values Telnyx adds later arrive as plain strings."""

_EXAMPLE_PARTIES: dict[str, Any] = {
    **SDK_IDS,
    "from": "+35319605860",
    "to": "+13129457420",
    "payment_connector": "my-stripe-connector",
    "payment_method": "credit-card",
}


class _PaymentPayload(PartiesPayload):
    payment_connector: str | None = None
    """The Pay connector used."""
    payment_method: Literal["credit-card", "ach-debit"] | str | None = None
    """What is being collected."""
    payment_card_number: str | None = None
    """The card number, masked but for its last four digits."""
    payment_card_type: PaymentCardType | str | None = None
    """The card brand, when recognized."""
    payment_card_postal_code: str | None = None
    """The billing postal code."""
    expiration_date: str | None = None
    """The card's expiry, `MMYY`."""
    security_code: str | None = None
    """The card's security code, fully masked."""
    bank_account_number: str | None = None
    """The account number, masked but for its last two digits."""
    bank_account_type: str | None = None
    """The kind of account, when known."""
    bank_routing_number: str | None = None
    """The bank routing number."""


class CallPaymentProgressPayload(_PaymentPayload):
    """Payload of `call.payment.progress`.

    Attributes:
        payment_step: The step the caller is on.
        payment_status: `processing`, `completed` or `failed`, for that step.
        attempt: Which try at the step this is, from 1.
        error_type: What was wrong with the input, when the step failed.
    """

    payment_step: PaymentStep | str | None = None
    payment_status: Literal["completed", "failed", "processing"] | str | None = None
    attempt: int | None = None
    error_type: PaymentErrorType | str | None = None


class CallPaymentProgress(CallEvent):
    """A step of a phone payment progressed. Known from the telnyx SDK only."""

    event_type: Literal["call.payment.progress"]
    payload: CallPaymentProgressPayload
    example_payload: ClassVar[dict[str, Any]] = {
        **_EXAMPLE_PARTIES,
        "payment_step": "expiration-date",
        "payment_status": "failed",
        "attempt": 1,
        "error_type": "invalid-date",
        "payment_card_number": "************4242",
        "payment_card_type": "visa",
    }


class CallPaymentCompletedPayload(_PaymentPayload):
    """Payload of `call.payment.completed`.

    Attributes:
        result: How the session ended (`success`, `cancelled`, ...).
        charge_id: The charge, after a successful charge.
        token_id: The token, after a successful tokenization.
        payment_confirmation_code: The processor's confirmation code.
        payment_error: The step's or processor's error behind a failed result.
        pay_error_code: The connector's or processor's error code.
        connector_error: More about the connector's error: text or an object.
    """

    result: PaymentResult | str | None = None
    charge_id: str | None = None
    token_id: str | None = None
    payment_confirmation_code: str | None = None
    payment_error: str | None = None
    pay_error_code: str | None = None
    connector_error: dict[str, JsonValue] | str | None = None


class CallPaymentCompleted(CallEvent):
    """A phone payment session ended, paid or not. Known from the telnyx SDK only."""

    event_type: Literal["call.payment.completed"]
    payload: CallPaymentCompletedPayload
    example_payload: ClassVar[dict[str, Any]] = {
        **_EXAMPLE_PARTIES,
        "result": "success",
        "charge_id": "ch_00000000000000000000000000",
        "payment_confirmation_code": "A1B2C3",
        "payment_card_number": "************4242",
        "payment_card_type": "visa",
        "expiration_date": "1230",
        "security_code": "***",
        "payment_card_postal_code": "60601",
    }
