"""Pydantic models a user might gather with `GatherUsingAI(parameters=Model)`."""

from __future__ import annotations

import datetime
import enum
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field


class Seating(enum.Enum):
    """Where the party sits."""

    INDOOR = "indoor"
    TERRACE = "terrace"


class Contact(BaseModel):
    """How to reach the guest."""

    model_config = ConfigDict(use_attribute_docstrings=True)

    phone: str = Field(pattern=r"^\+[1-9][0-9]{6,14}$")
    """The guest's number in E.164 form."""
    email: str | None = None


class Card(BaseModel):
    method: Literal["card"]
    last_four: str = Field(min_length=4, max_length=4)


class Cash(BaseModel):
    method: Literal["cash"]


class Booking(BaseModel):
    """A table booking at the restaurant."""

    model_config = ConfigDict(use_attribute_docstrings=True, extra="forbid")

    name: str = Field(description="The guest's full name.", min_length=1)
    party_size: int = Field(ge=1, le=12)
    """How many people are coming."""
    day: datetime.date
    seating: Seating = Seating.INDOOR
    contact: Contact = Field(description="How the restaurant can reach the guest.")
    allergies: list[str] = Field(default_factory=list)
    payment: Annotated[Card | Cash, Field(discriminator="method")] | None = None
    occasion: Literal["birthday", "anniversary", "business"] | None = None


BOOKING = Booking(
    name="Ada Lovelace",
    party_size=4,
    day=datetime.date(2026, 12, 24),
    seating=Seating.TERRACE,
    contact=Contact(phone="+35319605860"),
    allergies=["peanuts"],
    payment=Card(method="card", last_four="4242"),
    occasion="birthday",
)
"""A complete `Booking`, as the assistant might gather it."""
