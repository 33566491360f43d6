"""The recipes of docs/recipes.md as Router apps: each function registers one recipe's handlers.

`Apps` serves whichever recipe a test picks, as one WSGI app whose commands
go to the sandbox through the facade.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable
from types import TracebackType
from typing import Any, Literal

from pydantic import BaseModel

from telnyx_gather import (
    Answer,
    CallAIGatherEnded,
    CallAnswered,
    CallBridged,
    CallGatherEnded,
    CallHangup,
    CallInitiated,
    CallRecordingSaved,
    CallSpeakEnded,
    GatherUsingAI,
    GatherUsingSpeak,
    Hangup,
    Speak,
    StartPlayback,
    StartRecording,
    StopPlayback,
    Transfer,
    WebhookVerifier,
    decode_client_state,
    encode_client_state,
)
from telnyx_gather.client import GatherClient
from telnyx_gather.commands import Command
from telnyx_gather.integrations.wsgi import request_parts
from telnyx_gather.router import Router
from telnyx_gather.testing import Sandbox

VOICE = "Telnyx.KokoroTTS.af"
AGENT = "+13125550142"
HOLD_MUSIC = "https://example.com/hold.mp3"

Recipe = Callable[[Router, GatherClient], None]


def speak_then_hang_up(router: Router, client: GatherClient) -> None:
    """Say goodbye, and hang up when the speech has ended (not right behind the prompt)."""

    @router.on(CallInitiated)
    def ring(event: CallInitiated) -> Answer:
        return Answer()

    @router.on(CallAnswered)
    def greet(event: CallAnswered) -> Speak:
        return Speak(payload="Thanks for calling. Goodbye!", voice=VOICE)

    @router.on(CallSpeakEnded)
    def done(event: CallSpeakEnded) -> Hangup | None:
        return Hangup() if event.payload.status == "completed" else None


class Leg(BaseModel):
    """The `client_state` of the transfer recipe: which leg, and leg A's id on leg B."""

    role: Literal["caller", "agent", "goodbye"]
    caller: str | None = None


def leg(role: Literal["caller", "agent", "goodbye"], caller: str | None = None) -> str:
    return encode_client_state(Leg(role=role, caller=caller))


def role_of(client_state: str | None) -> Leg | None:
    if client_state is None:
        return None
    return Leg.model_validate(decode_client_state(client_state))


def transfer_with_hold_music_and_fallback(router: Router, client: GatherClient) -> None:
    """Transfer the caller to an agent with hold music; if nobody answers, apologise and hang up."""

    @router.on(CallInitiated)
    def ring(event: CallInitiated) -> Answer | None:
        if event.payload.direction != "incoming":
            return None  # leg B, which the transfer dialled
        return Answer(client_state=leg("caller"))

    @router.on(CallAnswered)
    def connect(event: CallAnswered) -> list[Command] | None:
        state = role_of(event.payload.client_state)
        if state is None or state.role != "caller":
            return None
        agent_leg = leg("agent", caller=event.payload.call_control_id)
        return [
            StartPlayback(audio_url=HOLD_MUSIC, loop="infinity"),
            Transfer(to=AGENT, timeout_secs=20, target_leg_client_state=agent_leg),
        ]

    @router.on(CallBridged)
    def connected(event: CallBridged) -> StopPlayback | None:
        state = role_of(event.payload.client_state)
        return StopPlayback() if state is not None and state.role == "caller" else None

    @router.on(CallHangup)
    def fallback(event: CallHangup) -> None:
        state = role_of(event.payload.client_state)
        if state is None or state.role != "agent" or state.caller is None:
            return
        if event.payload.hangup_cause in ("timeout", "user_busy", "call_rejected"):
            # Leg B failed: leg A is still up. A command_id derived from this
            # event makes a redelivery's repeat harmless.
            sorry = Speak(
                payload="Sorry, nobody can take your call. Goodbye.",
                voice=VOICE,
                stop="all",  # ends the hold music
                client_state=leg("goodbye"),
                command_id=str(uuid.uuid5(uuid.NAMESPACE_URL, event.id)),
            )
            client.send(state.caller, sorry)

    @router.on(CallSpeakEnded)
    def goodbye(event: CallSpeakEnded) -> Hangup | None:
        state = role_of(event.payload.client_state)
        return Hangup() if state is not None and state.role == "goodbye" else None


def voicemail(router: Router, client: GatherClient, saved: list[str]) -> None:
    """Ask for a message, record it after a beep, and keep its URL once it is saved."""

    @router.on(CallInitiated)
    def ring(event: CallInitiated) -> Answer:
        return Answer()

    @router.on(CallAnswered)
    def prompt(event: CallAnswered) -> Speak:
        return Speak(payload="Please leave a message after the beep.", voice=VOICE)

    @router.on(CallSpeakEnded)
    def record(event: CallSpeakEnded) -> StartRecording | None:
        if event.payload.status != "completed":
            return None
        return StartRecording(format="mp3", channels="single", play_beep=True, max_length=120)

    @router.on(CallRecordingSaved)
    def keep(event: CallRecordingSaved) -> None:
        urls = event.payload.recording_urls
        if urls is not None and urls.mp3 is not None:
            saved.append(urls.mp3)


DEPARTMENTS: dict[str, Any] = {
    "type": "object",
    "properties": {"department": {"type": "string", "enum": ["sales", "support"]}},
    "required": ["department"],
}


def dtmf_or_speech_menu(router: Router, client: GatherClient, chosen: list[str]) -> None:
    """Press a key, or say what you need: keys first, then `GatherUsingAI` for speech."""

    @router.on(CallInitiated)
    def ring(event: CallInitiated) -> Answer:
        return Answer()

    @router.on(CallAnswered)
    def menu(event: CallAnswered) -> GatherUsingSpeak:
        return GatherUsingSpeak(
            payload="Press 1 for sales or 2 for support, or stay on the line to speak.",
            voice=VOICE,
            valid_digits="12",
            maximum_digits=1,
            maximum_tries=1,
        )

    @router.on(CallGatherEnded)
    def pressed(event: CallGatherEnded) -> Speak | GatherUsingAI:
        if event.payload.status == "valid":
            return department({"1": "sales", "2": "support"}[event.payload.digits or "1"])
        return GatherUsingAI(greeting="How can I help you today?", parameters=DEPARTMENTS)

    @router.on(CallAIGatherEnded)
    def said(event: CallAIGatherEnded) -> Speak | Hangup:
        result = event.payload.result or {}
        name = result.get("department")
        return department(name) if name in ("sales", "support") else Hangup()

    def department(name: str) -> Speak:
        chosen.append(name)
        return Speak(payload=f"Connecting you to {name}.", voice=VOICE)

    @router.on(CallSpeakEnded)
    def done(event: CallSpeakEnded) -> Hangup:
        return Hangup()


RECIPES = (
    speak_then_hang_up,
    transfer_with_hold_music_and_fallback,
    voicemail,
    dtmf_or_speech_menu,
)
"""The recipes docs/recipes.md shows, verbatim."""


class Apps:
    """One WSGI app that serves the recipe a test picks, sending through the facade."""

    def __init__(self, sandbox: Sandbox) -> None:
        self.client = GatherClient(
            api_key=sandbox.api_key, base_url=sandbox.base_url, max_retries=0
        )
        self.verifier = WebhookVerifier(sandbox.public_key)
        self.router: Router = Router(verifier=self.verifier, client=self.client)

    def use(self, recipe: Callable[[Router, GatherClient], None]) -> None:
        self.router = Router(verifier=self.verifier, client=self.client)
        recipe(self.router, self.client)

    def wsgi(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        outcome = self.router.handle(*request_parts(environ))
        start_response(f"{outcome.status} {outcome.reason}", [("Content-Length", "0")])
        return [b""]

    def __enter__(self) -> Apps:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.client.close()
