"""Figures 6c and 6d: OpenTelemetry left unconfigured, and an async store under an ASGI app.

- 6c, in a child process that has imported `opentelemetry` but set no
  provider (the worst unconfigured case: the router then records through the
  API's no-op instruments): `Router.handle` with a `MemoryStore` recording
  telemetry, against the same router with the recording switched off, the
  named baseline, interleaved round by round in CPU time. An app that never
  imports `opentelemetry` pays one dictionary lookup (figure 6 includes it).
- 6d: deliveries per second through a Starlette app, called over raw ASGI
  on one event loop, 32 deliveries at a time: `serve(router)` with an
  `AsyncRedisStore(write_behind=True)` on a loopback `redis-server` (the
  claims of a burst go in one script call, carrying the finish marks of the
  burst before) and a no-op handler, against the named baseline, the same
  app that only verifies (`verified_event`, then 200). Wall clock.
- 6dd: the same with the default `AsyncRedisStore`, whose answers wait for
  the finish marks (the burst's finishes in a second script call).
"""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
from collections.abc import Awaitable, Callable
from typing import Any

from ._deliveries import Delivery, benchmark_signer, gather_ended
from ._measure import Figure, Target, child_env, fmt_seconds, interleave, paired_ratio
from .router import redis_server

__all__ = ["run"]

CONCURRENT = 32
"""Deliveries in flight at once through the ASGI app."""

_CHILD = "benchmarks.delivery"


def run(*, rounds: int, batch_seconds: float, pool: int) -> list[Figure]:
    """Measure figures 6c (in a child process) and 6d."""
    return [_otel_figure(rounds, batch_seconds, pool), *_asgi_figures(rounds, batch_seconds, pool)]


def _otel_figure(rounds: int, batch_seconds: float, pool: int) -> Figure:
    out = subprocess.run(
        [sys.executable, "-m", _CHILD, str(rounds), str(batch_seconds), str(pool)],
        check=True,
        capture_output=True,
        text=True,
        env=child_env(),
    ).stdout
    times: dict[str, list[float]] = json.loads(out.strip().splitlines()[-1])
    best = {name: min(samples) for name, samples in times.items()}
    return Figure(
        "6c",
        "Router.handle, OpenTelemetry imported but unconfigured, vs without",
        paired_ratio(times, "otel", "plain"),
        Target("<=", 1.05),
        f"with {fmt_seconds(best['otel'])}, without {fmt_seconds(best['plain'])} (CPU); "
        "no provider set: the API's no-op instruments",
    )


def _child(rounds: int, batch_seconds: float, pool: int) -> dict[str, list[float]]:
    """In the child: time `handle` recording telemetry and not, one router."""
    import importlib
    import time

    from telnyx_gather import CallGatherEnded, Router, WebhookVerifier
    from telnyx_gather.router import _observe
    from telnyx_gather.stores import MemoryStore

    for name in ("opentelemetry.trace", "opentelemetry.metrics"):
        importlib.import_module(name)  # imported, never configured
    signer = benchmark_signer()
    verifier = WebhookVerifier(signer.public_key)
    deliveries = [Delivery(signer, gather_ended(i)) for i in range(pool)]
    router = Router(verifier=verifier, client=_NoSends(), store=MemoryStore())
    router.on(CallGatherEnded)(lambda event: None)
    slot: list[Any] = _observe._telemetry  # pyright: ignore[reportPrivateUsage]
    position = [0]
    first = router.handle(deliveries[0].body, deliveries[0].headers)  # loads the telemetry
    telemetry = slot[0]
    assert first.reason == "handled"
    assert telemetry is not None

    def following() -> Delivery:
        if position[0] == len(deliveries):
            position[0] = 0
            router.store = MemoryStore()
        position[0] += 1
        return deliveries[position[0] - 1]

    def plain() -> object:
        slot[0] = None  # the switch, flipped in both variants alike
        delivery = following()
        return router.handle(delivery.body, delivery.headers)

    def otel() -> object:
        slot[0] = telemetry
        delivery = following()
        return router.handle(delivery.body, delivery.headers)

    return interleave(
        {"plain": plain, "otel": otel},
        rounds=rounds,
        batch_seconds=batch_seconds,
        clock=time.process_time,
    )


class _NoSends:
    def send(self, call_control_id: str, command: object, /) -> object:
        raise AssertionError("the benchmark handler sends nothing")


Asgi = Callable[[dict[str, Any], Any, Any], Awaitable[None]]


async def _post(app: Asgi, delivery: Delivery) -> int:
    """POST `delivery` to `app` over raw ASGI; return the status."""
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "POST",
        "scheme": "http",
        "path": "/hook",
        "raw_path": b"/hook",
        "query_string": b"",
        "root_path": "",
        "headers": [(k.encode(), v.encode()) for k, v in delivery.headers.items()],
        "client": ("127.0.0.1", 1),
        "server": ("127.0.0.1", 80),
    }
    sent = False
    status = [0]

    async def receive() -> dict[str, Any]:
        nonlocal sent
        if sent:
            await asyncio.sleep(3600)
        sent = True
        return {"type": "http.request", "body": delivery.body, "more_body": False}

    async def send(message: dict[str, Any]) -> None:
        if message["type"] == "http.response.start":
            status[0] = message["status"]

    await app(scope, receive, send)
    return status[0]


def _asgi_figures(rounds: int, batch_seconds: float, pool: int) -> list[Figure]:
    from starlette.applications import Starlette
    from starlette.requests import Request
    from starlette.responses import PlainTextResponse

    from telnyx_gather import CallGatherEnded, Router, WebhookVerifier
    from telnyx_gather.integrations.starlette import serve, verified_event
    from telnyx_gather.stores import AsyncRedisStore

    signer = benchmark_signer()
    verifier = WebhookVerifier(signer.public_key)
    deliveries = [Delivery(signer, gather_ended(i)) for i in range(max(pool, CONCURRENT))]
    loop = asyncio.new_event_loop()

    async def only_verify(request: Request) -> PlainTextResponse:
        return PlainTextResponse((await verified_event(request, verifier)).event_type)

    verifying = Starlette()
    verifying.add_route("/hook", only_verify, methods=["POST"])

    with redis_server() as url:
        wraps = iter(range(1 << 40))

        apps: dict[str, Asgi] = {"verify": verifying}
        stores: dict[str, AsyncRedisStore] = {}
        for name, write_behind in (("route", False), ("behind", True)):
            store = AsyncRedisStore.from_url(
                url,
                prefix=f"bench{next(wraps)}:",
                check_persistence=False,
                write_behind=write_behind,
            )
            router = Router(verifier=verifier, client=_NoSends(), store=store)
            router.on(CallGatherEnded)(lambda event: None)
            app = Starlette()
            app.add_route("/hook", serve(router), methods=["POST"])
            apps[name], stores[name] = app, store
        positions = dict.fromkeys(apps, 0)

        def batch(name: str) -> Callable[[], object]:
            app = apps[name]

            def one_batch() -> object:
                start = positions[name]
                if start + CONCURRENT > len(deliveries):
                    start = 0
                    if name in stores:  # the same connections, a fresh key space
                        # Pending marks go under the old prefix before it changes.
                        loop.run_until_complete(stores[name].flush())
                        stores[name].prefix = f"bench{next(wraps)}:"
                positions[name] = start + CONCURRENT
                chunk = deliveries[start : start + CONCURRENT]
                statuses = loop.run_until_complete(_burst(app, chunk))
                assert set(statuses) == {200}, (name, statuses)
                return statuses

            return one_batch

        try:
            times = interleave(
                {name: batch(name) for name in apps},
                rounds=rounds,
                batch_seconds=batch_seconds,
            )
        finally:
            for store in stores.values():  # no connection outlives its loop
                loop.run_until_complete(store.aclose())
            loop.close()
    best = {name: CONCURRENT / min(samples) for name, samples in times.items()}
    how = f"{CONCURRENT} at a time on one loop, redis-server on loopback"
    return [
        Figure(
            "6d",
            "Deliveries/s through an ASGI app: AsyncRedisStore(write_behind=True) router "
            "vs verify-only",
            paired_ratio(times, "verify", "behind"),  # deliveries/s, routed over verify-only
            Target(">=", 0.7),
            f"router {best['behind']:,.0f}/s, verify-only {best['verify']:,.0f}/s (wall); "
            f"{how}; one script call per burst",
        ),
        Figure(
            "6dd",
            "Deliveries/s through an ASGI app: AsyncRedisStore (default) router vs verify-only",
            paired_ratio(times, "verify", "route"),
            None,
            f"router {best['route']:,.0f}/s (wall); {how}; two script calls per burst",
        ),
    ]


async def _burst(app: Asgi, chunk: list[Delivery]) -> list[int]:
    """Post every delivery of `chunk` at once; their statuses."""
    return list(await asyncio.gather(*(_post(app, d) for d in chunk)))


if __name__ == "__main__":
    args = sys.argv[1:]
    print(json.dumps(_child(int(args[0]), float(args[1]), int(args[2]))))
