"""`AsyncRedisStore` under an ASGI app: 100 concurrent deliveries, and the loop never stalls.

The app is Starlette with `serve(router)`, called over httpx's ASGI transport
on one event loop, with a real `redis-server` as the store and the commands
going over loopback HTTP to the recorder. A watcher task sleeps 5 ms at a
time and records how late it wakes: the loop's longest block.

The objects the test session made before the burst are frozen (`gc.freeze()`,
as a server does once it has started): otherwise a full collection of the
whole session's heap, which any allocation may trigger, stalls the loop for
as long as that heap takes to scan (3 s seen on a loaded 2-core machine),
whatever the deliveries do. Profiled with a `MemoryStore` as the baseline,
the longest blocks left are loop iterations that run a step of each of the
100 deliveries in turn, not any one slow call.
"""

from __future__ import annotations

import asyncio
import gc
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


async def _watch(stop: asyncio.Event, worst: list[float]) -> None:
    while not stop.is_set():
        before = time.perf_counter()
        await asyncio.sleep(0.005)
        worst.append(time.perf_counter() - before - 0.005)


def test_100_concurrent_deliveries_run_each_event_once_without_blocking_the_loop(
    verifier: WebhookVerifier, signer: WebhookSigner, recorder: Recorder, redis_server: RedisServer
) -> None:
    redis_server.client().flushdb()
    runs: Counter[str] = Counter()

    async def scenario() -> tuple[list[int], list[float]]:
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
            stop, lateness = asyncio.Event(), []
            gc.collect()
            gc.freeze()
            watcher = asyncio.create_task(_watch(stop, lateness))
            async with httpx.AsyncClient(
                transport=httpx.ASGITransport(app=app), base_url="http://app"
            ) as http:
                answers = await asyncio.gather(
                    *(http.post("/webhooks", content=b, headers=signer.sign(b)) for b in bodies)
                )
            stop.set()
            await watcher
            gc.unfreeze()
        await store.aclose()
        return [a.status_code for a in answers], lateness

    statuses, lateness = asyncio.run(scenario())

    assert statuses == [200] * (2 * EVENTS)
    assert set(runs.values()) == {1}
    assert len(runs) == EVENTS + 1
    ids = sorted(r.json()["command_id"] for r in recorder.requests[1:])
    assert ids == sorted(command_id(f"ev-{n}", 0) for n in range(EVENTS))
    worst = max(lateness)
    print(f"longest loop block: {worst * 1000:.1f} ms over {len(lateness)} ticks")
    assert worst < LEASE / 3  # never as long as one lease renewal interval
