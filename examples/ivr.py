"""A whole inbound call flow on the `Router`, shared by the Flask and FastAPI examples.

The flow: answer; a spoken menu ("press 1 to talk to someone, 2 to book a
table"); then either a transfer to an agent, with hold music while it rings
and an apology if nobody answers, or an AI gather that collects a booking
into the `Booking` model; then a spoken goodbye, and the hang-up once the
goodbye has been said (`call.speak.ended`). Each step is carried in
`client_state` (the `Flow` model), so the handlers read as a state machine.

Configuration, from the environment:
    TELNYX_PUBLIC_KEY  verifies the webhooks (required)
    TELNYX_API_KEY     sends the commands (TELNYX_BASE_URL points elsewhere)
    IVR_AGENT          the number the "talk to someone" branch transfers to
    REDIS_URL          share handled events between workers (gunicorn -w 4,
                       several hosts); without it each process keeps its own
"""

from __future__ import annotations

import inspect
import logging
import os
import uuid
from collections.abc import Sequence
from typing import Literal

from pydantic import BaseModel, Field

from telnyx_gather import (
    Answer,
    CallAIGatherEnded,
    CallAnswered,
    CallBridged,
    CallGatherEnded,
    CallHangup,
    CallInitiated,
    CallSpeakEnded,
    GatherUsingAI,
    GatherUsingSpeak,
    Hangup,
    Router,
    Speak,
    StartPlayback,
    StopPlayback,
    Transfer,
    WebhookParseError,
    WebhookVerifier,
    encode_client_state,
)
from telnyx_gather.router import Sender
from telnyx_gather.stores import AsyncStore, MemoryStore, RedisStore, Store

log = logging.getLogger("ivr")
VOICE = "Telnyx.KokoroTTS.af"
HOLD_MUSIC = "https://example.com/hold-music.mp3"
Step = Literal["menu", "transfer", "agent", "booking", "goodbye"]
NOBODY = ("timeout", "user_busy", "call_rejected", "no_answer")
"""How leg B ends when the agent never picked up."""


class Flow(BaseModel):
    """What each leg carries in `client_state`: its step (and, on the agent's leg, the caller)."""

    step: Step
    caller: str | None = None


class Booking(BaseModel):
    """What the AI gather asks the caller for, and what comes back."""

    name: str = Field(description="The caller's name")
    guests: int = Field(ge=1, le=12, description="How many people are coming")


def at(step: Step, caller: str | None = None) -> str:
    """The `client_state` for `step`."""
    return encode_client_state(Flow(step=step, caller=caller))


def say(text: str, *, then: Step | None = None, command_id: str | None = None) -> Speak:
    """Speak `text`; with `then="goodbye"` the call hangs up once it has been said."""
    return Speak(
        payload=text,
        voice=VOICE,
        stop="all",  # cuts hold music or anything else still playing
        client_state=None if then is None else at(then),
        command_id=command_id,
    )


def menu() -> GatherUsingSpeak:
    """The spoken menu."""
    return GatherUsingSpeak(
        payload="Press 1 to talk to someone, or 2 to book a table.",
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
    *,
    agent: str | None = None,
) -> Router[Flow]:
    """The flow's router: every handler below, on `client` and `store`, answering by `deadline`."""
    router = Router(verifier=verifier, client=client, store=store, state=Flow, deadline=deadline)
    agent_number = agent or os.environ.get("IVR_AGENT", "+13125550142")

    @router.on(CallInitiated)
    def initiated(event: CallInitiated) -> Answer | None:
        if event.payload.direction == "outgoing":
            return None  # the agent's leg, which the transfer dialled
        return Answer()

    @router.on(CallAnswered)
    def answered(event: CallAnswered) -> GatherUsingSpeak:
        return menu()

    @router.on(CallAnswered, step="agent")
    def agent_answered(event: CallAnswered, state: Flow) -> None:
        return None  # the agent picked up; `call.bridged` follows on both legs

    @router.on(CallGatherEnded, step="menu")
    def chose(
        event: CallGatherEnded, state: Flow
    ) -> Sequence[StartPlayback | Transfer | GatherUsingAI | GatherUsingSpeak] | None:
        if event.payload.status == "call_hangup":
            return None  # the caller hung up during the menu
        if event.payload.digits == "1":
            caller = event.payload.call_control_id
            return [
                StartPlayback(audio_url=HOLD_MUSIC, loop="infinity", client_state=at("transfer")),
                Transfer(
                    to=agent_number, timeout_secs=20, target_leg_client_state=at("agent", caller)
                ),
            ]
        if event.payload.digits == "2":
            greeting = "Hello! Who is the booking for, and how many of you are coming?"
            return [
                GatherUsingAI(parameters=Booking, greeting=greeting, client_state=at("booking"))
            ]
        return [menu()]  # no choice, or a timeout: ask again

    @router.on(CallBridged, step="transfer")
    def connected(event: CallBridged, state: Flow) -> StopPlayback:
        return StopPlayback()  # the agent is on the line: the hold music stops

    def apology(event: CallHangup, state: Flow) -> object:
        """Leg B ended unanswered: speak to the caller (leg A), who is still on the line."""
        if state.caller is None or event.payload.hangup_cause not in NOBODY:
            return None
        # Sent to the other leg, so the router cannot derive its command_id:
        # one derived from this event keeps a redelivery from repeating it.
        command_id = str(uuid.uuid5(uuid.NAMESPACE_URL, event.id))
        sorry = say(
            "Sorry, nobody can take your call right now.", then="goodbye", command_id=command_id
        )
        return client.send(state.caller, sorry)

    if inspect.iscoroutinefunction(client.send):

        @router.on(CallHangup, step="agent")
        async def no_agent(event: CallHangup, state: Flow) -> None:
            sent = apology(event, state)
            if inspect.isawaitable(sent):
                await sent

    else:

        @router.on(CallHangup, step="agent")
        def no_agent_sync(event: CallHangup, state: Flow) -> None:
            apology(event, state)

    @router.on(CallAIGatherEnded, step="booking")
    def booked(event: CallAIGatherEnded, state: Flow) -> Speak:
        try:
            booking = event.payload.result_as(Booking)
        except WebhookParseError:
            # A misfit answer (or none): say so, rather than fail every redelivery.
            return say("Sorry, I could not take that booking. Goodbye.", then="goodbye")
        log.info("booked a table for %d", booking.guests)
        return say(f"Thank you, {booking.name}. See you soon.", then="goodbye")

    @router.on(CallSpeakEnded, step="goodbye")
    def goodbye(event: CallSpeakEnded, state: Flow) -> Hangup:
        return Hangup()  # after the goodbye has been said, not over it

    @router.on(CallHangup)
    def hung_up(event: CallHangup) -> None:
        log.info("call ended (%s)", event.payload.hangup_cause)

    return router


def store_from_env() -> Store:
    """A `RedisStore` when `REDIS_URL` is set (any number of workers), else a `MemoryStore`."""
    url = os.environ.get("REDIS_URL")
    return MemoryStore() if not url else RedisStore.from_url(url)
