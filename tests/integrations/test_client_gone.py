"""Under Starlette, a delivery whose client went away is cancelled; past its bound, shed.

The router runs under uvicorn on loopback; a raw socket posts a signed
delivery whose handler waits (or whose second send waits on a slow API),
then closes (FIN) or aborts (RST) before the answer. The handler or the send
is cancelled, the claim released, and the redelivery runs the handler again
and sends the same `command_id`s. A router at `max_in_flight` answers 503 at
once over HTTP.
"""

from __future__ import annotations

import asyncio
import logging
import socket
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

import httpx
import pytest
from starlette.applications import Starlette

from telnyx_gather import (
    AsyncGatherClient,
    CallGatherEnded,
    CallInitiated,
    Hangup,
    Router,
    StopGather,
)
from telnyx_gather.commands import Command
from telnyx_gather.integrations import starlette
from telnyx_gather.stores import MemoryStore
from telnyx_gather.testing import Sandbox, WebhookSigner, call_gather_ended
from telnyx_gather.verify import WebhookVerifier
from tests.loopback import Recorder, Reply, free_port, serve_asgi

BODY = call_gather_ended(event_id="ev-gone")
SIGNER = WebhookSigner(b"client gone tests key 0000000000")


@dataclass
class App:
    """The served router, its store, and what its handler saw."""

    port: int
    store: MemoryStore
    recorder: Recorder
    hold: bool = True
    runs: list[str] = field(default_factory=list[str])
    inside: threading.Event = field(default_factory=threading.Event)
    cancelled: threading.Event = field(default_factory=threading.Event)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/webhooks"


@pytest.fixture
def app() -> Iterator[App]:
    store = MemoryStore()
    with Recorder() as recorder:
        client = AsyncGatherClient(api_key="KEY", base_url=f"{recorder.url}/v2", max_retries=0)
        router = Router(
            verifier=WebhookVerifier(SIGNER.public_key),
            client=client,
            store=store,
            max_in_flight=1,
        )
        web = Starlette()
        web.add_route("/webhooks", starlette.serve(router), methods=["POST"])
        port = free_port()
        state = App(port, store, recorder)

        @router.on(CallGatherEnded)
        async def gathered(event: CallGatherEnded) -> list[Command]:
            state.runs.append(event.id)
            if state.hold and len(state.runs) == 1:
                state.inside.set()
                try:
                    await asyncio.sleep(3600)
                except asyncio.CancelledError:
                    state.cancelled.set()
                    raise
            return [StopGather(), Hangup()]

        with serve_asgi(web, port):
            yield state


def _post_and_leave(app: App, abort: bool, ready: Callable[[], bool]) -> None:
    """Post the delivery from a raw socket, and close it once `ready()` holds."""
    headers = "".join(f"{k}: {v}\r\n" for k, v in SIGNER.sign(BODY).items())
    head = (
        f"POST /webhooks HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
        f"Content-Length: {len(BODY)}\r\n{headers}\r\n"
    ).encode()
    with socket.create_connection(("127.0.0.1", app.port), timeout=30) as conn:
        conn.sendall(head + BODY)
        for _ in range(3000):  # a bound on waiting, not a timing
            if ready():
                break
            time.sleep(0.01)
        if abort:
            conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01" + b"\x00" * 7)


def _redeliver(app: App) -> httpx.Response:
    """Redeliver until the cancelled run has let go (Telnyx retries a 503 too)."""
    for _ in range(100):
        answer = httpx.post(app.url, content=BODY, headers=SIGNER.sign(BODY), timeout=30)
        if answer.status_code != 503:
            break
    return answer


def _command_ids(recorder: Recorder) -> list[str]:
    return [r.json()["command_id"] for r in recorder.requests]


@pytest.mark.parametrize("abort", [False, True], ids=["close", "reset"])
def test_a_client_gone_mid_handler_cancels_it_and_the_redelivery_runs_it(
    app: App, abort: bool, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="telnyx_gather")
    _post_and_leave(app, abort, app.inside.is_set)

    assert app.cancelled.wait(30)
    again = _redeliver(app)

    assert (again.status_code, again.text) == (200, "handled")
    assert app.runs == ["ev-gone", "ev-gone"]
    assert len(app.recorder.requests) == 2  # only the redelivery's run sent its commands
    outcomes = [getattr(r, "outcome", None) for r in caplog.records]
    assert outcomes.count("cancelled") == 1
    assert outcomes.count("handled") == 1
    assert "in_progress" not in outcomes  # the claim was released, not left to its lease


def test_a_client_gone_mid_send_keeps_what_was_sent_and_the_retry_sends_the_same_ids(
    app: App,
) -> None:
    app.hold = False
    app.recorder.reply(Reply(), Reply(delay=10))  # the second command's answer comes too late
    _post_and_leave(app, True, lambda: len(app.recorder.requests) >= 2)

    again = _redeliver(app)

    assert (again.status_code, again.text) == (200, "handled")
    first, second, *retried = _command_ids(app.recorder)
    assert retried == [first, second]  # Telnyx ignores the repeat of the one already sent


def test_past_max_in_flight_a_delivery_is_answered_503_over_http(app: App) -> None:
    leave = threading.Event()
    holder = threading.Thread(target=_post_and_leave, args=(app, False, leave.is_set))
    holder.start()
    assert app.inside.wait(30)
    other = call_gather_ended(event_id="ev-other")

    shed = httpx.post(app.url, content=other, headers=SIGNER.sign(other), timeout=30)

    leave.set()
    holder.join(30)
    assert (shed.status_code, shed.text, shed.headers["retry-after"]) == (503, "overloaded", "1")
    assert app.cancelled.wait(30)
    assert app.runs == ["ev-gone"]


def test_a_sandbox_retry_after_its_timeout_never_overlaps_the_first_attempt() -> None:
    steps: list[str] = []
    with Sandbox(time_scale=0.001, delivery_timeout=2) as sandbox:
        client = AsyncGatherClient(
            api_key=sandbox.api_key, base_url=sandbox.base_url, max_retries=0
        )
        router = Router(verifier=WebhookVerifier(sandbox.public_key), client=client)

        @router.on(CallInitiated)
        async def initiated(event: CallInitiated) -> None:
            steps.append("run")
            if len(steps) == 1:  # the first attempt outlives the sandbox's timeout
                try:
                    await asyncio.sleep(3600)
                except asyncio.CancelledError:
                    steps.append("cancelled")
                    raise

        web = Starlette()
        web.add_route("/webhooks", starlette.serve(router), methods=["POST"])
        port = free_port()
        with serve_asgi(web, port):
            sandbox.webhook_url = f"http://127.0.0.1:{port}/webhooks"
            sandbox.ring()
            sandbox.wait_idle(timeout=60)
        [delivery] = [d for d in sandbox.deliveries if d.event_type == "call.initiated"]

    # The sandbox closed the first attempt's connection before posting the retry; the app
    # cancelled that attempt's handler and let go of the event, and only then ran it again.
    assert steps == ["run", "cancelled", "run"]
    assert [a.status for a in delivery.attempts] == [None, 200]
