"""The app figure 8 serves with uvicorn: a `Router` answering `call.gather.ended`.

`ROUTER_VARIANT` picks what the handler does: `none` answers without a
command; `sdk` sends one command with `AsyncGatherClient` (the `telnyx` SDK);
`lean` sends the same command with `AsyncHttpSender`. Commands go to the
loopback API at `ROUTER_API_URL` (`benchmarks._server`), which answers at once.
"""

from __future__ import annotations

import os

from starlette.applications import Starlette
from starlette.routing import Route

from telnyx_gather import (
    AsyncGatherClient,
    AsyncHttpSender,
    CallGatherEnded,
    Router,
    WebhookVerifier,
)
from telnyx_gather.commands import Command, Hangup
from telnyx_gather.integrations.starlette import serve
from telnyx_gather.stores import MemoryStore

from ._deliveries import benchmark_signer

__all__ = ["app"]

VARIANT = os.environ.get("ROUTER_VARIANT", "none")
API_URL = os.environ.get("ROUTER_API_URL", "http://127.0.0.1:9")

client: AsyncGatherClient | AsyncHttpSender
if VARIANT == "sdk":
    client = AsyncGatherClient(api_key="benchmark", base_url=API_URL, max_retries=0)
else:
    client = AsyncHttpSender("benchmark", base_url=API_URL, max_retries=0)
router: Router[None] = Router(
    verifier=WebhookVerifier(benchmark_signer().public_key), client=client, store=MemoryStore()
)


@router.on(CallGatherEnded)
def gathered(event: CallGatherEnded) -> Command | None:
    return None if VARIANT == "none" else Hangup()


app = Starlette(routes=[Route("/hook", serve(router), methods=["POST"])])
