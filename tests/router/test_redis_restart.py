"""Redis down, then back: nothing runs while it is down, and what it remembers decides the rest.

A real `redis-server` is killed (SIGKILL, as a crash or an OOM kill would)
and started again on the same port and directory. With AOF on
(`appendonly yes`), every finished event is still known after the restart and
its redelivery is answered `duplicate`; without persistence the store has
forgotten it, and the redelivery runs the handler again: the re-run risk the
"Running in production" page states. Its commands carry the same
`command_id`s, so Telnyx ignores the repeats.
"""

from __future__ import annotations

import pytest

from telnyx_gather import CallGatherEnded, GatherClient, Router, StopGather, WebhookVerifier
from telnyx_gather.commands import Command
from telnyx_gather.router import command_id
from telnyx_gather.testing import WebhookSigner, call_gather_ended
from tests.loopback import Recorder
from tests.router.conftest import RedisStoreFactory
from tests.router.redis_server import RedisServer

DONE = call_gather_ended(event_id="ev-done")
"""Handled before the crash."""
DURING = call_gather_ended(event_id="ev-during")
"""Delivered while Redis is down, then again after the restart."""


@pytest.mark.parametrize("aof", [True, False], ids=["aof", "no-persistence"])
def test_redis_killed_and_restarted(
    aof: bool,
    verifier: WebhookVerifier,
    client: GatherClient,
    signer: WebhookSigner,
    recorder: Recorder,
    make_redis_store: RedisStoreFactory,
) -> None:
    server = RedisServer(appendonly=aof)
    try:
        store = make_redis_store(
            server.url, socket_connect_timeout=1, socket_timeout=1, check_persistence=False
        )
        runs: list[str] = []
        router = Router(verifier=verifier, client=client, store=store, busy_wait=0)

        @router.on(CallGatherEnded)
        def ended(event: CallGatherEnded) -> Command:
            runs.append(event.id)
            return StopGather()

        def deliver(body: bytes) -> tuple[int, str]:
            outcome = router.handle(body, signer.sign(body))
            return outcome.status, outcome.reason

        before = deliver(DONE)
        server.kill()
        down = deliver(DURING)
        server.start()
        after = [deliver(DURING), deliver(DONE)]
    finally:
        server.stop()

    assert before == (200, "handled")
    assert down == (503, "store_unavailable")  # nothing ran: Telnyx retries it later
    assert after[0] == (200, "handled")
    if aof:
        assert after[1] == (200, "duplicate")
        assert runs == ["ev-done", "ev-during"]
    else:
        assert after[1] == (200, "handled")  # forgotten: the handler runs a second time
        assert runs == ["ev-done", "ev-during", "ev-done"]
    ids = [r.json()["command_id"] for r in recorder.requests]
    repeat = [] if aof else [command_id("ev-done", 0)]
    assert ids == [command_id("ev-done", 0), command_id("ev-during", 0), *repeat]
