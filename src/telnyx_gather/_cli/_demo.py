"""`telnyx-gather demo`: a real app, written with the `Router`, takes a whole call.

The app is a WSGI app served on 127.0.0.1 with its own router: it verifies
every webhook, dedupes it, and answers through `GatherClient`. The sandbox
plays Telnyx and the caller, and injects two delivery faults on the way:

1. `call.initiated`: the app answers the call.
2. `call.answered` (its first answer is dropped, so it comes again): a spoken
   menu; the caller presses 2 (support).
3. `call.gather.ended` at the menu: an account number prompt; the caller
   types it and ends with `#`.
4. `call.gather.ended` at the account: an AI gather of a `Booking`; the
   caller answers with one.
5. `call.ai_gather.ended` (sent twice): the app reads `result_as(Booking)`
   and hangs up; `call.hangup` ends the call.
"""

from __future__ import annotations

import argparse
import json
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, Field

from ..client_state import encode_client_state
from ..commands import Answer, Command, GatherUsingAI, GatherUsingAudio, GatherUsingSpeak, Hangup
from ..events import CallAIGatherEnded, CallAnswered, CallGatherEnded, CallHangup, CallInitiated
from ..integrations.wsgi import request_parts
from ..router import Router
from ..testing import Faults, Sandbox
from ..testing._apps import serve_app
from ..testing._timeline import print_timeline, timeline_rows
from ..verify import WebhookVerifier
from ._io import EXIT_FAILED, EXIT_OK

if TYPE_CHECKING:
    from ..router import Outcome

__all__ = ["Booking", "DemoApp", "run_demo"]

MENU = "Welcome to Acme. For sales, press 1. For support, press 2."
ACCOUNT_PROMPT = "https://example.com/prompts/enter-account-number.wav"
DEPARTMENTS = {"1": "sales", "2": "support"}
FAULTS = Faults(fail_first={"call.answered"}, duplicate={"call.ai_gather.ended"})


class Step(BaseModel):
    """Where the call is in the flow, carried in `client_state`."""

    step: str


class Booking(BaseModel):
    """A table booking the assistant collects."""

    name: str = Field(description="The caller's name")
    party_size: int = Field(description="How many people are coming")


def _at(step: str) -> str:
    return encode_client_state(Step(step=step))


class DemoApp:
    """The app under test: a router, its handlers, and a WSGI entry point."""

    def __init__(self, sandbox: Sandbox) -> None:
        from ..client import GatherClient

        self.client = GatherClient(api_key=sandbox.api_key, base_url=sandbox.base_url)
        verifier = WebhookVerifier(sandbox.public_key)
        self.router = Router(verifier=verifier, client=self.client, state=Step)
        self.runs: Counter[str] = Counter()
        """Handler runs per event id: each must be 1."""
        self.outcomes: dict[tuple[str, int], str] = {}
        self.result: dict[str, str] = {}
        self.done = threading.Event()
        self._routes()

    def _ran(self, event: Any) -> None:
        self.runs[str(event.id)] += 1

    def _routes(self) -> None:
        on = self.router.on

        @on(CallInitiated)
        def ring(event: CallInitiated) -> Command:
            self._ran(event)
            return Answer(client_state=_at("answered"))

        @on(CallAnswered)
        def menu(event: CallAnswered) -> Command:
            self._ran(event)
            return GatherUsingSpeak(
                payload=MENU,
                voice="Telnyx.KokoroTTS.af",
                valid_digits="12",
                maximum_digits=1,
                client_state=_at("menu"),
            )

        @on(CallGatherEnded, step="menu")
        def chose(event: CallGatherEnded, state: Step) -> Command:
            self._ran(event)
            choice = event.payload.digits or ""
            self.result["department"] = f"{DEPARTMENTS.get(choice, '?')} ({choice})"
            if event.payload.status != "valid":
                return Hangup()
            return GatherUsingAudio(
                audio_url=ACCOUNT_PROMPT,
                minimum_digits=4,
                maximum_digits=12,
                terminating_digit="#",
                client_state=_at("account"),
            )

        @on(CallGatherEnded, step="account")
        def account(event: CallGatherEnded, state: Step) -> Command:
            self._ran(event)
            self.result["account"] = f"{event.payload.digits or '-'} ({event.payload.status})"
            return GatherUsingAI(
                parameters=Booking,
                greeting="Who is the booking for, and how many of you are coming?",
                client_state=_at("booking"),
            )

        @on(CallAIGatherEnded, step="booking")
        def booked(event: CallAIGatherEnded, state: Step) -> Command:
            self._ran(event)
            self.result["booking"] = repr(event.payload.result_as(Booking))
            return Hangup(client_state=_at("bye"))

        @on(CallHangup)
        def gone(event: CallHangup) -> None:
            self._ran(event)
            self.result["hangup"] = f"{event.payload.hangup_cause} by {event.payload.hangup_source}"
            self.done.set()

    def __call__(
        self, environ: dict[str, Any], start_response: Callable[..., Any]
    ) -> Iterable[bytes]:
        body, headers = request_parts(environ)
        outcome: Outcome = self.router.handle(body, headers)
        try:
            sent = json.loads(body)
            self.outcomes[(sent["data"]["id"], int(sent["meta"]["attempt"]))] = outcome.reason
        except (ValueError, KeyError, TypeError):
            pass
        start_response(f"{outcome.status} {outcome.reason}", [("Content-Length", "0")])
        return [b""]


def run_demo(args: argparse.Namespace) -> int:
    """Take one whole call; exit 0 if it completed, every webhook arrived and ran once."""
    started = time.perf_counter()
    with Sandbox(time_scale=args.time_scale, faults=FAULTS) as sandbox:
        app = DemoApp(sandbox)
        with serve_app(app) as base_url, app.client:
            sandbox.webhook_url = base_url + "/webhooks/telnyx"
            print("telnyx-gather demo: a Router app takes a whole call against the offline sandbox")
            speed = f"call time runs {1 / args.time_scale:g} times faster than real time"
            print(f"  Telnyx API  {sandbox.base_url}  ({speed})")
            print(f"  app         {sandbox.webhook_url}  (verifies with {sandbox.public_key})")
            print("  faults      the first answer to call.answered is dropped;")
            print("              call.ai_gather.ended is sent twice")
            print()
            call = sandbox.ring(patience=600)
            call.press("2", delay=1.5).press("12345678#", delay=1.0, gap=0.4)
            call.answer_ai(Booking(name="Ada Lovelace", party_size=4), delay=1.0)
            finished = app.done.wait(args.timeout)
            if finished:
                sandbox.wait_idle(timeout=args.timeout)
        log = sandbox.log()
        print_timeline(log, app.outcomes)
        rows = timeline_rows(log)
        call_seconds = rows[-1][0] if rows else 0.0
        print()
        seconds = call_seconds, time.perf_counter() - started
        return _summary(sandbox, app, finished, seconds, args.timeout)


def _summary(
    sandbox: Sandbox, app: DemoApp, finished: bool, seconds: tuple[float, float], timeout: float
) -> int:
    """Print the outcome; `seconds` is the call's length in call time, then the real run time."""
    deliveries = sandbox.deliveries
    posts = sum(len(d.attempts) for d in deliveries)
    retried = sum(1 for d in deliveries if any(a.fault == "fail_first" for a in d.attempts))
    duplicated = sum(1 for d in deliveries if any(a.fault == "duplicate" for a in d.attempts))
    twice = [event_id for event_id, runs in app.runs.items() if runs > 1]
    problems: list[str] = []
    if not finished:
        problems.append(f"the call did not end within {timeout}s")
    problems += [f"never delivered: {d.summary()}" for d in deliveries if not d.delivered]
    problems += [f"a handler ran twice for event {event_id}" for event_id in twice]
    for problem in problems:
        print(f"FAILED: {problem}", file=sys.stderr)
    if problems:
        return EXIT_FAILED
    print(
        f"OK: {seconds[0]:.2f} s of call time in {seconds[1]:.2f} s of real time:"
        f" {len(deliveries)} webhooks in {posts} posts, each signed and"
        f" verified; {retried} retried after a dropped answer and {duplicated} sent twice,"
        f" and every event handled once ({sum(app.runs.values())} handler runs)."
    )
    print(
        f"The caller chose {app.result['department']}, entered account {app.result['account']}"
        f" and booked {app.result['booking']}; the call ended: {app.result['hangup']}."
    )
    return EXIT_OK
