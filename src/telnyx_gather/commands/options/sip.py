"""SIP headers that `answer` and `hangup` add to the messages they send."""

from typing import Literal

from .._base import StrictModel

__all__ = ["CustomSipHeader", "SipHeader"]


class CustomSipHeader(StrictModel):
    """A custom header added to the SIP message (the INVITE response, or the BYE).

    Attributes:
        name: The header's name.
        value: The header's value.
    """

    name: str
    value: str


class SipHeader(StrictModel):
    """A standard SIP header added to the INVITE response; only `User-to-User` is supported.

    Attributes:
        name: `User-to-User`.
        value: The header's value.
    """

    name: Literal["User-to-User"]
    value: str
