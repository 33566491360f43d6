"""`telnyx-gather demo`: a two-step IVR, end to end, with no account and no network.

The sandbox plays the Telnyx API and the caller; a local receiver plays the
service's webhook endpoint, verifying every delivery with `WebhookVerifier`
and answering through `GatherClient`:

1. `gather_using_speak` reads the menu; the caller presses 2 (support).
2. On `call.gather.ended`, the service asks for an account number with
   `gather_using_audio`; the caller types it and ends with `#`.
"""

from __future__ import annotations

import argparse
import sys
import threading
from typing import TYPE_CHECKING

from ..client_state import decode_client_state, encode_client_state
from ..events import CallDtmfReceived, CallGatherEnded, CallPlaybackEnded, WebhookEvent
from ..testing import Sandbox
from ..testing._receiver import WebhookReceiver
from ..verify import WebhookVerifier
from ._io import EXIT_FAILED, EXIT_OK

if TYPE_CHECKING:
    from .. import Call, CommandResult

__all__ = ["run_demo"]

MENU = "Welcome to Acme. For sales, press 1. For support, press 2."
ACCOUNT_PROMPT = "https://example.com/prompts/enter-account-number.wav"
DEPARTMENTS = {"1": "sales", "2": "support"}


class _Timeline:
    """What happened, by call time, printed once the call is over."""

    def __init__(self) -> None:
        self.rows: list[tuple[float, str, str, str]] = []
        self.origin = 0.0
        """Call time of the first command; rows are shown relative to it."""
        self._lock = threading.Lock()

    def add(self, at: float, arrow: str, name: str, detail: str) -> None:
        with self._lock:
            self.rows.append((at - self.origin, arrow, name, detail))

    def print(self) -> None:
        print(" call time")
        for at, arrow, name, detail in sorted(self.rows, key=lambda row: row[0]):
            print(f"  {at:6.2f}s  {arrow}  {name:<24} {detail}")


class _Ivr:
    """The service under test: a menu, then an account number, steered by `client_state`."""

    def __init__(self, call: Call, sandbox: Sandbox, timeline: _Timeline) -> None:
        self.call = call
        self.sandbox = sandbox
        self.timeline = timeline
        self.done = threading.Event()
        self.outcome: dict[str, str] = {}

    def _sent(self, at: float, name: str, detail: str, result: CommandResult) -> None:
        self.timeline.add(at, "->", name, f"{detail} ({result.result})")

    def start(self) -> None:
        at = self.timeline.origin = self.sandbox.now
        result = self.call.gather_using_speak(
            payload=MENU,
            voice="Telnyx.KokoroTTS.af",
            valid_digits="12",
            maximum_digits=1,
            client_state=encode_client_state("menu"),
        )
        self._sent(at, "gather_using_speak", f'menu "{MENU}"', result)

    def handle(self, event: WebhookEvent) -> None:
        at = self.sandbox.call_time(event.occurred_at) if event.occurred_at else self.sandbox.now
        self.timeline.add(at, "<-", event.event_type, _describe(event) + "  [verified]")
        if not isinstance(event, CallGatherEnded):
            return
        payload = event.payload
        if decode_client_state(payload.client_state) == "menu" and payload.status == "valid":
            choice = payload.digits or ""
            self.outcome["department"] = f"{DEPARTMENTS.get(choice, '?')} ({choice})"
            at = self.sandbox.now
            result = self.call.gather_using_audio(
                audio_url=ACCOUNT_PROMPT,
                minimum_digits=4,
                maximum_digits=12,
                terminating_digit="#",
                client_state=encode_client_state("account"),
            )
            self._sent(at, "gather_using_audio", "account number prompt", result)
        else:
            self.outcome["account"] = f"{payload.digits or '-'} ({payload.status})"
            self.done.set()


def run_demo(args: argparse.Namespace) -> int:
    """Run the IVR; exit 0 if it completed and every webhook verified and parsed."""
    try:
        from ..client import GatherClient
    except ImportError as exc:
        print(f"telnyx-gather demo: {exc}", file=sys.stderr)
        return EXIT_FAILED

    timeline = _Timeline()
    with Sandbox(time_scale=args.time_scale) as sandbox:
        client = GatherClient(api_key=sandbox.api_key, base_url=sandbox.base_url, max_retries=0)
        caller = sandbox.dial().press("2", delay=1.5).press("12345678#", delay=1.0, gap=0.4)
        ivr = _Ivr(client.call(caller.call_control_id), sandbox, timeline)
        verifier = WebhookVerifier(sandbox.public_key)
        with WebhookReceiver(verifier.unwrap, ivr.handle) as receiver:
            sandbox.webhook_url = receiver.url
            print("telnyx-gather demo: an IVR against the offline sandbox (no account, no network)")
            print(f"  API      {sandbox.base_url}  (call time x{1 / args.time_scale:g})")
            print(f"  webhooks {receiver.url}  (ed25519 key {sandbox.public_key})")
            print()
            ivr.start()
            finished = ivr.done.wait(args.timeout)
            if finished:
                sandbox.wait_idle(timeout=args.timeout)
        timeline.print()
        print()
        refused = [r.error for r in receiver.received if r.error is not None]
        for reason in refused:
            print(f"FAILED: a webhook was refused: {reason}", file=sys.stderr)
        if not finished:
            print(f"FAILED: the IVR did not finish within {args.timeout}s", file=sys.stderr)
        if refused or not finished:
            return EXIT_FAILED
    print(f"OK: {len(receiver.received)} webhooks received, each signed, verified and parsed.")
    print(
        f"The caller chose {ivr.outcome['department']} and entered account"
        f" {ivr.outcome['account']}."
    )
    return EXIT_OK


def _describe(event: WebhookEvent) -> str:
    if isinstance(event, CallDtmfReceived):
        return f"digit {event.payload.digit}"
    if isinstance(event, CallGatherEnded):
        return f"status {event.payload.status}, digits {event.payload.digits!r}"
    if isinstance(event, CallPlaybackEnded):
        return f"status {event.payload.status}"
    payload = getattr(event, "payload", None)
    media = getattr(payload, "media_url", None)
    return f"media {media}" if media else ""
