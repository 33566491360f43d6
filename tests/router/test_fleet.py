"""Several workers, one delivery: the handler runs once, across threads and processes.

Workers share a real `redis-server` through `RedisStore`; commands go through
the real client over loopback HTTP to the recorder.
"""

from __future__ import annotations

import asyncio
import json
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable

import pytest

from telnyx_gather import CallGatherEnded, GatherClient, Router, StopGather, WebhookVerifier
from telnyx_gather.commands import Command
from telnyx_gather.router import Outcome, command_id
from telnyx_gather.stores import MemoryStore, RedisStore, Store
from telnyx_gather.testing import WebhookSigner, call_gather_ended
from tests.conftest import ROOT
from tests.loopback import Recorder, free_port
from tests.router.conftest import RedisStoreFactory
from tests.router.redis_server import RedisServer

BODY = call_gather_ended(event_id="ev-fleet")


def worker(
    verifier: WebhookVerifier,
    client: GatherClient,
    store: Store,
    runs: list[str],
    before_send: Callable[[], None] = lambda: None,
    busy_wait: float = 0.0,
) -> Router[None]:
    router = Router(verifier=verifier, client=client, store=store, busy_wait=busy_wait)

    @router.on(CallGatherEnded)
    def ended(event: CallGatherEnded) -> Command:
        runs.append(event.id)
        before_send()
        return StopGather()

    return router


def test_a_worker_busy_with_the_event_makes_the_other_answer_503_then_200(
    verifier: WebhookVerifier,
    client: GatherClient,
    signer: WebhookSigner,
    recorder: Recorder,
    redis_server: RedisServer,
    make_redis_store: RedisStoreFactory,
) -> None:
    redis_server.client().flushdb()
    runs: list[str] = []
    started, other_answered = threading.Event(), threading.Event()

    def hold() -> None:
        started.set()
        assert other_answered.wait(30)

    first = worker(verifier, client, make_redis_store(redis_server.url), runs, hold)
    second = worker(verifier, client, make_redis_store(redis_server.url), runs)
    outcomes: list[Outcome] = []
    thread = threading.Thread(target=lambda: outcomes.append(first.handle(BODY, signer.sign(BODY))))
    thread.start()
    assert started.wait(30)
    busy = second.handle(BODY, signer.sign(BODY))
    other_answered.set()
    thread.join()
    later = second.handle(BODY, signer.sign(BODY))

    assert (busy.status, busy.reason, busy.headers) == (503, "in_progress", {"Retry-After": "5"})
    assert (outcomes[0].status, outcomes[0].reason) == (200, "handled")
    assert (later.status, later.reason) == (200, "duplicate")
    assert runs == ["ev-fleet"]
    assert len(recorder.requests) == 1


def test_threads_racing_on_one_delivery_run_the_handler_once(
    verifier: WebhookVerifier,
    client: GatherClient,
    signer: WebhookSigner,
    recorder: Recorder,
    redis_server: RedisServer,
    make_redis_store: RedisStoreFactory,
) -> None:
    redis_server.client().flushdb()
    runs: list[str] = []
    routers = [worker(verifier, client, make_redis_store(redis_server.url), runs) for _ in range(6)]
    barrier = threading.Barrier(len(routers))
    reasons: list[str] = []

    def deliver(router: Router[None]) -> None:
        barrier.wait()
        reasons.append(router.handle(BODY, signer.sign(BODY)).reason)

    threads = [threading.Thread(target=deliver, args=(r,)) for r in routers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert reasons.count("handled") == 1
    assert set(reasons) <= {"handled", "in_progress", "duplicate"}
    assert runs == ["ev-fleet"]
    assert len(recorder.requests) == 1


def _spawn(
    redis_server: RedisServer, recorder: Recorder, signer: WebhookSigner, mode: str, **env: str
) -> subprocess.Popen[str]:
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "tests.router.fleet_worker",
            redis_server.url,
            f"{recorder.url}/v2",
            signer.public_key,
            mode,
        ],
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT), **env},
    )
    assert proc.stdin is not None
    proc.stdin.write(json.dumps({"body": BODY.decode(), "headers": signer.sign(BODY)}))
    proc.stdin.close()
    return proc


def _reason(proc: subprocess.Popen[str]) -> str:
    assert proc.stdout is not None
    reason = proc.stdout.read().strip()
    proc.stdout.close()
    proc.wait(timeout=60)
    return reason


@pytest.mark.parametrize("store", ["redis-py", "direct"])
def test_processes_sharing_redis_run_the_handler_once(
    store: str, signer: WebhookSigner, recorder: Recorder, redis_server: RedisServer
) -> None:
    redis = redis_server.client()
    redis.flushdb()
    procs = [_spawn(redis_server, recorder, signer, "ok", STORE=store) for _ in range(2)]
    redis.rpush("go", *["go"] * len(procs))
    reasons = [_reason(proc) for proc in procs]

    assert [proc.returncode for proc in procs] == [0, 0]
    assert reasons.count("handled") == 1, reasons
    assert set(reasons) <= {"handled", "in_progress", "duplicate"}
    assert redis.get("runs") == b"1"
    [request] = recorder.requests
    assert request.json()["command_id"] == command_id("ev-fleet", 0)


def test_a_worker_that_dies_mid_claim_blocks_the_event_only_until_its_lease_ends(
    verifier: WebhookVerifier,
    client: GatherClient,
    signer: WebhookSigner,
    recorder: Recorder,
    redis_server: RedisServer,
) -> None:
    redis = redis_server.client()
    redis.flushdb()
    dying = _spawn(redis_server, recorder, signer, "die", LEASE="60")
    redis.rpush("go", "go")
    assert _reason(dying) == ""
    assert dying.returncode == 3
    assert redis.get("runs") == b"1"
    runs: list[str] = []
    survivor = worker(verifier, client, RedisStore(redis), runs)

    held = survivor.handle(BODY, signer.sign(BODY))
    key = "telnyx-gather:event:ev-fleet"
    assert 0 < redis.pttl(key) <= 60_000  # the dead worker's lease carries its expiry
    redis.pexpire(key, 1)  # ...and here that time has passed
    while redis.exists(key):
        time.sleep(0.01)
    after = survivor.handle(BODY, signer.sign(BODY))

    assert (held.status, held.reason) == (503, "in_progress")
    assert (after.status, after.reason) == (200, "handled")
    assert runs == ["ev-fleet"]
    assert [r.json()["command_id"] for r in recorder.requests] == [command_id("ev-fleet", 0)]


def test_a_redelivery_to_a_worker_with_no_memory_sends_the_same_command_ids(
    verifier: WebhookVerifier, client: GatherClient, signer: WebhookSigner, recorder: Recorder
) -> None:
    runs: list[str] = []
    for _ in range(2):  # two workers, each with its own empty MemoryStore
        router = Router(verifier=verifier, client=client, store=MemoryStore())

        @router.on(CallGatherEnded)
        def ended(event: CallGatherEnded) -> list[Command]:
            runs.append(event.id)
            return [StopGather(), StopGather(client_state="e30=")]

        assert router.handle(BODY, signer.sign(BODY)).reason == "handled"

    ids = [r.json()["command_id"] for r in recorder.requests]
    assert ids == [command_id("ev-fleet", 0), command_id("ev-fleet", 1)] * 2
    assert runs == ["ev-fleet", "ev-fleet"]


def test_redis_down_answers_503_and_runs_nothing(
    verifier: WebhookVerifier, client: GatherClient, signer: WebhookSigner, recorder: Recorder
) -> None:
    store = RedisStore.from_url(f"redis://127.0.0.1:{free_port()}/0", socket_connect_timeout=1)
    runs: list[str] = []
    outcome = worker(verifier, client, store, runs).handle(BODY, signer.sign(BODY))

    assert (outcome.status, outcome.reason) == (503, "store_unavailable")
    assert runs == []
    assert recorder.requests == []


def test_redis_lost_before_finishing_answers_503_never_2xx(
    verifier: WebhookVerifier, client: GatherClient, signer: WebhookSigner, recorder: Recorder
) -> None:
    own = RedisServer()
    try:
        store = RedisStore.from_url(own.url, socket_connect_timeout=1, socket_timeout=1)
        runs: list[str] = []
        outcome = worker(verifier, client, store, runs, own.stop).handle(BODY, signer.sign(BODY))
    finally:
        own.stop()

    assert (outcome.status, outcome.reason) == (503, "store_unavailable")
    assert runs == ["ev-fleet"]
    assert [c.command_id for c in outcome.sent] == [command_id("ev-fleet", 0)]
    assert len(recorder.requests) == 1


@pytest.mark.parametrize("entry", ["handle", "handle_async"])
def test_a_handler_failing_while_redis_is_lost_still_answers_500(
    verifier: WebhookVerifier,
    client: GatherClient,
    signer: WebhookSigner,
    recorder: Recorder,
    entry: str,
) -> None:
    own = RedisServer()

    def lose_redis_then_fail() -> None:
        own.stop()
        raise LookupError("no such caller")

    try:
        store = RedisStore.from_url(own.url, socket_connect_timeout=1, socket_timeout=1)
        router = worker(verifier, client, store, [], lose_redis_then_fail)
        if entry == "handle":
            outcome = router.handle(BODY, signer.sign(BODY))
        else:
            outcome = asyncio.run(router.handle_async(BODY, signer.sign(BODY)))
    finally:
        own.stop()

    # The release failed too: the claim runs out with its lease, and the answer stays 500.
    assert (outcome.status, outcome.reason) == (500, "handler_failed")
    assert recorder.requests == []


@pytest.mark.parametrize("store", ["redis-py", "direct"])
def test_a_hung_worker_keeps_its_lease_and_a_sigkill_frees_it_within_one_lease(
    store: str,
    verifier: WebhookVerifier,
    client: GatherClient,
    signer: WebhookSigner,
    recorder: Recorder,
    redis_server: RedisServer,
) -> None:
    redis = redis_server.client()
    redis.flushdb()
    lease = 1.0
    hung = _spawn(redis_server, recorder, signer, "hang", LEASE=str(lease), STORE=store)
    redis.rpush("go", "go")
    while redis.get("runs") != b"1":
        assert hung.poll() is None
        time.sleep(0.01)
    runs: list[str] = []
    survivor = worker(verifier, client, RedisStore(redis, lease=lease), runs)
    for _ in range(6):  # three leases: renewed all along, so the event stays held
        assert survivor.handle(BODY, signer.sign(BODY)).reason == "in_progress"
        time.sleep(0.5)
    hung.send_signal(signal.SIGKILL)
    hung.wait(timeout=30)
    if hung.stdout:
        hung.stdout.close()

    answers = []
    while not answers or answers[-1] == "in_progress":  # Telnyx redelivering every 0.5 s
        answers.append(survivor.handle(BODY, signer.sign(BODY)).reason)
        if answers[-1] == "in_progress":
            time.sleep(0.5)
        assert len(answers) <= 10

    assert hung.returncode == -signal.SIGKILL
    assert answers[-1] == "handled"
    assert len(answers) - 1 <= lease / 0.5 + 1  # freed within one lease of the kill
    assert runs == ["ev-fleet"]
    assert [r.json()["command_id"] for r in recorder.requests] == [command_id("ev-fleet", 0)]
