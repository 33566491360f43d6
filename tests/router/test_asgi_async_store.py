"""`AsyncRedisStore` under an ASGI app: 100 concurrent deliveries, and Redis never blocks the loop.

The app is Starlette with `serve(router)`, called over httpx's ASGI transport
on one event loop, with a real `redis-server` as the store and the commands
going over loopback HTTP to the recorder. A watcher task counts the loop's
turns. The burst starts with Redis frozen (SIGSTOP): every delivery is then
waiting on Redis, and a loop that made a blocking Redis call would stop
turning until the socket timed out. The loop must keep turning, no delivery
may finish while Redis is frozen, and once it thaws each event runs once.
"""

from __future__ import annotations

import asyncio
import threading
import time
from collections import Counter

import httpx
from starlette.applications import Starlette

from telnyx_gather import AsyncGatherClient, CallGatherEnded, Router, StopGather, WebhookVerifier
from telnyx_gather.commands import Command
from telnyx_gather.integrations.starlette import serve
from telnyx_gather.router import command_id
from telnyx_gather.stores import AsyncRedisStore
from telnyx_gather.testing import WebhookSigner, call_gather_ended
from tests.loopback import Recorder
from tests.router.conftest import API_KEY
from tests.router.redis_server import RedisServer

EVENTS = 50  # each delivered twice at once: 100 concurrent deliveries
LEASE = 5.0  # the default: renewed every 1.67 s
TURNS = 20  # loop turns to see while Redis is frozen
RUNS: Counter[str] = Counter()  # handler runs per event id
FROZEN_AT_MOST = 3.0  # below the store's 5 s socket timeout, after which a blocked loop runs on


async def _count_turns(stop: asyncio.Event, turns: list[int]) -> None:
    while not stop.is_set():
        await asyncio.sleep(0.005)
        turns[0] += 1


def _thaw_once_the_loop_turns(
    redis_server: RedisServer, frozen: threading.Event, turns: list[int], seen: list[int]
) -> None:
    """Once Redis is frozen, wait for the loop to turn `TURNS` times, then thaw Redis.

    Appends the turns seen while Redis was frozen.
    """
    frozen.wait(30)
    before = turns[0]
    deadline = time.monotonic() + FROZEN_AT_MOST
    while turns[0] < before + TURNS and time.monotonic() < deadline:
        time.sleep(0.01)
    seen.append(turns[0] - before)
    seen.append(len(RUNS))
    redis_server.resume()


def test_100_concurrent_deliveries_run_each_event_once_without_blocking_the_loop(
    verifier: WebhookVerifier, signer: WebhookSigner, recorder: Recorder, redis_server: RedisServer
) -> None:
    redis_server.client().flushdb()
    runs = RUNS
    runs.clear()

    async def scenario() -> tuple[list[int], list[int]]:
        store = AsyncRedisStore.from_url(redis_server.url, lease=LEASE, check_persistence=False)
        async with AsyncGatherClient(
            api_key=API_KEY, base_url=f"{recorder.url}/v2", max_retries=0
        ) as api:
            router = Router(verifier=verifier, client=api, store=store, busy_wait=5.0)

            @router.on(CallGatherEnded)
            async def ended(event: CallGatherEnded) -> Command:
                runs[event.id] += 1
                await asyncio.sleep(0.05)
                return StopGather()

            app = Starlette()
            app.add_route("/webhooks", serve(router), methods=["POST"])
            bodies = [call_gather_ended(event_id=f"ev-{n}") for n in range(EVENTS)] * 2
            async with httpx.AsyncClient(
                transport=httpx.ASGITransport(app=app), base_url="http://app"
            ) as http:  # a first delivery builds the event validators: a one-off, not measured
                warm = call_gather_ended(event_id="ev-warm")
                assert (
                    await http.post("/webhooks", content=warm, headers=signer.sign(warm))
                ).is_success
            stop, turns, seen = asyncio.Event(), [0], []
            frozen = threading.Event()
            thaw = threading.Thread(
                target=_thaw_once_the_loop_turns, args=(redis_server, frozen, turns, seen)
            )
            thaw.start()
            watcher = asyncio.create_task(_count_turns(stop, turns))
            redis_server.pause()
            frozen.set()
            try:
                async with httpx.AsyncClient(
                    transport=httpx.ASGITransport(app=app), base_url="http://app"
                ) as http:
                    answers = await asyncio.gather(
                        *(http.post("/webhooks", content=b, headers=signer.sign(b)) for b in bodies)
                    )
            finally:
                frozen.set()
                thaw.join()
                redis_server.resume()
            stop.set()
            await watcher
        await store.aclose()
        return [a.status_code for a in answers], seen

    statuses, seen = asyncio.run(scenario())

    assert statuses == [200] * (2 * EVENTS)
    assert set(runs.values()) == {1}
    assert len(runs) == EVENTS + 1
    ids = sorted(r.json()["command_id"] for r in recorder.requests[1:])
    assert ids == sorted(command_id(f"ev-{n}", 0) for n in range(EVENTS))
    turned, finished = seen
    assert turned >= TURNS  # the loop turned while every delivery waited on Redis
    assert finished == 1  # only the warm-up delivery ran before Redis thawed
