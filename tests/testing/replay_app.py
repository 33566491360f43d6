"""A small Router app for the record and replay tests: answer, a menu, then a goodbye.

`prompt` is the menu's text, so a test can change the app between the
recording and the replay.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from telnyx_gather import (
    Answer,
    CallAnswered,
    CallGatherEnded,
    CallHangup,
    CallInitiated,
    GatherUsingSpeak,
    Hangup,
    WebhookVerifier,
    encode_client_state,
)
from telnyx_gather.client import GatherClient
from telnyx_gather.integrations.wsgi import request_parts
from telnyx_gather.router import Router
from telnyx_gather.testing import CassetteRecorder, Sandbox
from telnyx_gather.testing._apps import serve_app

MENU = "Press 1 for sales."


class Flow(BaseModel):
    step: str


def make_app(
    base_url: str, api_key: str, public_key: str, *, prompt: str = MENU
) -> tuple[Callable[..., Any], Router[Flow]]:
    """The WSGI app and its router, talking to the API at `base_url`."""
    client = GatherClient(api_key=api_key, base_url=base_url, max_retries=0)
    router = Router(verifier=WebhookVerifier(public_key), client=client, state=Flow)

    @router.on(CallInitiated)
    def ring(event: CallInitiated) -> Answer:
        return Answer()

    @router.on(CallAnswered)
    def menu(event: CallAnswered) -> GatherUsingSpeak:
        return GatherUsingSpeak(
            payload=prompt,
            voice="female",
            valid_digits="12",
            maximum_digits=1,
            client_state=encode_client_state(Flow(step="menu")),
        )

    @router.on(CallGatherEnded, step="menu")
    def chose(event: CallGatherEnded, state: Flow) -> list[GatherUsingSpeak | Hangup]:
        said = f"You chose {event.payload.digits}. Goodbye."
        return [GatherUsingSpeak(payload=said, voice="female", maximum_digits=1), Hangup()]

    @router.on(CallGatherEnded, step="account")
    def account(event: CallGatherEnded, state: Flow) -> Hangup:
        return Hangup()  # never reached in these tests: the coverage report names it

    @router.on(CallHangup)
    def gone(event: CallHangup) -> None:
        return None

    def wsgi(environ: dict[str, Any], start_response: Callable[..., Any]) -> list[bytes]:
        outcome = router.handle(*request_parts(environ))
        start_response(f"{outcome.status} {outcome.reason}", [("Content-Length", "0")])
        return [b""]

    return wsgi, router


def record_call(directory: Path) -> Path:
    """Record one sandbox call into `directory`: the menu, the caller presses 1, goodbye."""
    recorder = CassetteRecorder(directory)
    with Sandbox(time_scale=0.01) as sandbox:
        wsgi, router = make_app(sandbox.base_url, sandbox.api_key, sandbox.public_key)
        router.recorder = recorder
        with serve_app(wsgi) as base_url:
            sandbox.webhook_url = base_url + "/webhooks/telnyx"
            call = sandbox.ring(from_="+13125550101", patience=3000).press("1")
            sandbox.wait_for("call.hangup", call_control_id=call.call_control_id, timeout=10)
            sandbox.wait_idle(timeout=10)
    recorder.close()
    return recorder.paths[call.call_control_id]
