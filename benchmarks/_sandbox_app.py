"""The app figures 7a-7c serve with one uvicorn worker: the whole IVR call, as a `Router`.

It speaks nothing itself (the benchmark starts each call's greeting), then
gathers digits when the greeting ends, transfers the caller to the agent when
the gather ends, and hangs up the caller once both legs are bridged, which
ends the agent's leg too. Commands go to the sandbox at `SANDBOX_URL` with
`AsyncHttpSender`; deliveries verify against `SANDBOX_PUBLIC_KEY`; the
agent is `SANDBOX_AGENT`.
`SANDBOX_MAX_IN_FLIGHT` sets the router's `max_in_flight` (empty: none);
`SANDBOX_SENDER=sdk` sends with `AsyncGatherClient` (the `telnyx` SDK) instead.
"""

from __future__ import annotations

import os

from starlette.applications import Starlette
from starlette.routing import Route

from telnyx_gather import (
    AsyncGatherClient,
    AsyncHttpSender,
    CallBridged,
    CallGatherEnded,
    CallSpeakEnded,
    Gather,
    Hangup,
    Router,
    Transfer,
    WebhookVerifier,
)
from telnyx_gather.commands import Command
from telnyx_gather.integrations.starlette import serve

__all__ = ["AGENT", "app"]

AGENT = os.environ.get("SANDBOX_AGENT", "")
_bound = os.environ.get("SANDBOX_MAX_IN_FLIGHT", "")

_key = os.environ.get("SANDBOX_API_KEY", "")
_url = os.environ.get("SANDBOX_URL", "http://127.0.0.1:9")
client: AsyncGatherClient | AsyncHttpSender
if os.environ.get("SANDBOX_SENDER") == "sdk":
    client = AsyncGatherClient(api_key=_key, base_url=_url, max_retries=0)
else:
    client = AsyncHttpSender(_key, base_url=_url, max_retries=0)
router: Router[None] = Router(
    verifier=WebhookVerifier(os.environ.get("SANDBOX_PUBLIC_KEY", "")),
    client=client,
    max_in_flight=int(_bound) if _bound else None,
)


@router.on(CallSpeakEnded)
def spoken(event: CallSpeakEnded) -> Command:
    return Gather(maximum_digits=2)


@router.on(CallGatherEnded)
def gathered(event: CallGatherEnded) -> Command:
    return Transfer(to=AGENT)


@router.on(CallBridged)
def bridged(event: CallBridged) -> Command | None:
    return None if event.payload.to == AGENT else Hangup()


app = Starlette(routes=[Route("/hook", serve(router), methods=["POST"])])
