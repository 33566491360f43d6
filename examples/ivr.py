"""A whole inbound call flow on the `Router`, shared by the Flask and FastAPI examples.

The flow: answer; a spoken menu ("press 1 for your account, 2 to book");
then either the account number as digits, or an AI gather that collects a
booking into the `Booking` model; then goodbye and hang up. Each prompt
carries the next step in `client_state` (the `Flow` model), so the handlers
read as a state machine.

Configuration, from the environment:
    TELNYX_PUBLIC_KEY  verifies the webhooks (required)
    TELNYX_API_KEY     sends the commands (TELNYX_BASE_URL points elsewhere)
    REDIS_URL          share handled events between workers (gunicorn -w 4,
                       several hosts); without it each process keeps its own
"""

from __future__ import annotations

import logging
import os
from collections.abc import Sequence
from typing import Literal

from pydantic import BaseModel, Field

from telnyx_gather import (
    Answer,
    CallAIGatherEnded,
    CallAnswered,
    CallGatherEnded,
    CallHangup,
    CallInitiated,
    Gather,
    GatherUsingAI,
    GatherUsingSpeak,
    Hangup,
    Router,
    WebhookVerifier,
    encode_client_state,
)
from telnyx_gather.commands import Command
from telnyx_gather.router import Sender
from telnyx_gather.stores import AsyncStore, MemoryStore, RedisStore, Store

log = logging.getLogger("ivr")
VOICE = "Telnyx.KokoroTTS.af"
Step = Literal["menu", "account", "booking", "goodbye"]


class Flow(BaseModel):
    """What every prompt carries in `client_state`: the step the caller is at."""

    step: Step


class Booking(BaseModel):
    """What the AI gather asks the caller for, and what comes back."""

    name: str = Field(description="The caller's name")
    guests: int = Field(ge=1, le=12, description="How many people are coming")


def at(step: Step) -> str:
    """The `client_state` for `step`."""
    return encode_client_state(Flow(step=step))


def goodbye(text: str) -> GatherUsingSpeak:
    """Speak `text` before hanging up; nothing routes the "goodbye" step's gather."""
    return GatherUsingSpeak(
        payload=text, voice=VOICE, maximum_digits=1, timeout_millis=1000, client_state=at("goodbye")
    )


def menu() -> GatherUsingSpeak:
    """The spoken menu."""
    return GatherUsingSpeak(
        payload="Press 1 for your account, or 2 to book a table.",
        invalid_payload="Sorry, that was not 1 or 2.",
        voice=VOICE,
        maximum_digits=1,
        valid_digits="12",
        client_state=at("menu"),
    )


def build(
    verifier: WebhookVerifier,
    client: Sender,
    store: Store | AsyncStore | None = None,
    deadline: float = 8.0,
) -> Router[Flow]:
    """The flow's router: every handler below, on `client` and `store`, answering by `deadline`."""
    router = Router(verifier=verifier, client=client, store=store, state=Flow, deadline=deadline)

    @router.on(CallInitiated)
    def initiated(event: CallInitiated) -> Command | None:
        if event.payload.direction == "outgoing":
            return None
        return Answer()

    @router.on(CallAnswered)
    def answered(event: CallAnswered) -> Command:
        return menu()

    @router.on(CallGatherEnded, step="menu")
    def chose(event: CallGatherEnded, state: Flow) -> Command | None:
        if event.payload.status == "call_hangup":
            return None  # the caller hung up during the menu
        if event.payload.digits == "1":
            return Gather(
                minimum_digits=4,
                maximum_digits=8,
                terminating_digit="#",
                timeout_millis=20_000,
                client_state=at("account"),
            )
        if event.payload.digits == "2":
            return GatherUsingAI(
                parameters=Booking,
                greeting="Hello! Who is the booking for, and how many of you are coming?",
                client_state=at("booking"),
            )
        return menu()  # no choice, or a timeout: ask again

    @router.on(CallGatherEnded, step="account")
    def account(event: CallGatherEnded, state: Flow) -> Sequence[Command]:
        if event.payload.status == "call_hangup":
            return []
        log.info("account number entered (%d digits)", len(event.payload.digits or ""))
        return [goodbye("Thank you. Goodbye."), Hangup()]

    @router.on(CallAIGatherEnded, step="booking")
    def booked(event: CallAIGatherEnded, state: Flow) -> Sequence[Command]:
        booking = event.payload.result_as(Booking)
        log.info("booked a table for %d", booking.guests)
        return [goodbye(f"Thank you, {booking.name}. See you soon."), Hangup()]

    @router.on(CallHangup)
    def hung_up(event: CallHangup) -> None:
        log.info("call ended (%s)", event.payload.hangup_cause)

    return router


def store_from_env() -> Store:
    """A `RedisStore` when `REDIS_URL` is set (any number of workers), else a `MemoryStore`."""
    url = os.environ.get("REDIS_URL")
    return MemoryStore() if not url else RedisStore.from_url(url)
