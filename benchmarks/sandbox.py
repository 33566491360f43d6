"""Figure 7: the sandbox as an API server, and the sandbox under a 200-call load.

- 7: a `GatherClient` command to the sandbox (`benchmarks._sandbox_server`,
  in its own process) against the same command, from the same client, to the
  minimal loopback server of figure 4 (`benchmarks._server`, also its own
  process). Garbage collection stays on; the two alternate round by round
  and the figure is the median of the per-round ratios.
- 7a: 200 calls at once against an in-process sandbox, each the whole call
  an IVR makes: the app speaks a greeting, gathers digits when the speech has
  ended, transfers the caller to an agent (a scripted callee) when the
  gather ends, and hangs up once both legs are bridged, which ends leg B too.
  The app is a loopback receiver that verifies every webhook. The figure is the number of
  webhooks lost: each one the sandbox logged must have been delivered,
  verified and seen by the app exactly once.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Generator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager

from ._measure import Figure, Target, child_env, fmt_seconds
from .facade import FIELDS, ROOT, loopback_server

__all__ = ["run"]

CALLS = 200
VOICE = "Telnyx.KokoroTTS.af"


@contextmanager
def sandbox_server() -> Generator[tuple[str, str], None, None]:
    """Start `benchmarks._sandbox_server` in a child process; yield its base URL and a call id."""
    command = [sys.executable, "-m", "benchmarks._sandbox_server"]
    with subprocess.Popen(
        command, cwd=ROOT, env=child_env(), stdout=subprocess.PIPE, text=True
    ) as proc:
        try:
            assert proc.stdout is not None
            base_url, call_control_id = proc.stdout.readline().split()
            yield base_url, call_control_id
        finally:
            proc.terminate()


def _alternate(
    variants: dict[str, Callable[[], object]], rounds: int, per_round: int
) -> dict[str, list[float]]:
    """Per-call seconds of each variant in each round; GC stays on.

    Within a round the variants take turns call by call (the order flipping
    each time), so a burst of load on the machine hits both alike.
    """
    names = list(variants)
    for fn in variants.values():
        for _ in range(per_round):
            fn()
    times: dict[str, list[float]] = {name: [] for name in names}
    for _ in range(rounds):
        spent = dict.fromkeys(names, 0.0)
        for index in range(per_round):
            for name in names[index % 2 :] + names[: index % 2]:
                start = time.perf_counter()
                variants[name]()
                spent[name] += time.perf_counter() - start
        for name in names:
            times[name].append(spent[name] / per_round)
    return times


def command_figure(rounds: int) -> Figure:
    from telnyx_gather import GatherClient

    with sandbox_server() as (sandbox_url, call_id), loopback_server() as plain_url:
        sandbox = GatherClient(api_key="benchmark", base_url=sandbox_url, max_retries=0)
        plain = GatherClient(api_key="benchmark", base_url=plain_url, max_retries=0)
        with sandbox, plain:
            to_sandbox, to_plain = sandbox.call(call_id), plain.call(call_id)
            times = _alternate(
                {
                    "sandbox": lambda: to_sandbox.gather(**FIELDS),
                    "plain": lambda: to_plain.gather(**FIELDS),
                },
                rounds=rounds,
                per_round=40,
            )
    ratio = statistics.median(a / b for a, b in zip(times["sandbox"], times["plain"], strict=True))
    best = {name: fmt_seconds(min(samples)) for name, samples in times.items()}
    return Figure(
        "7",
        "facade command: sandbox vs minimal loopback server",
        ratio,
        Target("<=", 1.5),
        f"sandbox {best['sandbox']}, plain loopback server {best['plain']} per command",
    )


def load_figure(calls: int) -> Figure:
    from telnyx_gather import (
        CallBridged,
        CallGatherEnded,
        CallHangup,
        CallSpeakEnded,
        GatherClient,
        WebhookEvent,
    )
    from telnyx_gather.testing import Sandbox
    from telnyx_gather.testing._receiver import WebhookReceiver
    from telnyx_gather.verify import WebhookVerifier

    agent = "+13125550142"
    with Sandbox(time_scale=0.001, delivery_timeout=30) as sandbox:
        client = GatherClient(api_key=sandbox.api_key, base_url=sandbox.base_url, max_retries=0)
        sandbox.callee(agent, answer_after=2)
        callers: set[str] = set()
        done = threading.Semaphore(0)

        def handle(event: WebhookEvent) -> None:
            if isinstance(event, CallHangup):
                done.release()
                return
            call_control_id = getattr(event.payload, "call_control_id", None)
            if call_control_id not in callers:
                return
            call = client.call(call_control_id)
            if isinstance(event, CallSpeakEnded):
                call.gather(maximum_digits=2)
            elif isinstance(event, CallGatherEnded):
                call.transfer(to=agent)
            elif isinstance(event, CallBridged):
                call.hangup()

        with WebhookReceiver(WebhookVerifier(sandbox.public_key).unwrap, handle) as app, client:
            sandbox.webhook_url = app.url
            callers.update(sandbox.dial().press("12#").call_control_id for _ in range(calls))

            def start(call_control_id: str) -> object:
                return client.call(call_control_id).speak(payload="Welcome.", voice=VOICE)

            started = time.perf_counter()
            with ThreadPoolExecutor(8) as pool:
                list(pool.map(start, sorted(callers)))
            for _ in range(2 * calls):  # each call's two legs hang up
                done.acquire(timeout=120)
            sandbox.wait_idle(timeout=120)
            elapsed = time.perf_counter() - started
        logged = sandbox.deliveries
        seen = [json.loads(r.body)["data"]["id"] for r in app.received if r.event is not None]
        lost = sum(not d.delivered for d in logged) + len({d.event_id for d in logged} - set(seen))
        lost += sum(1 for r in app.received if r.error is not None)
    return Figure(
        "7a",
        f"{calls} concurrent calls (speak, gather, transfer, hang up): webhooks lost",
        float(lost),
        Target("<=", 0, unit=""),
        f"{len(logged)} webhooks verified in {elapsed:.2f} s ({len(logged) / elapsed:.0f}/s)",
        unit="lost",
        spec="g",
    )


def run(*, rounds: int, calls: int = CALLS) -> list[Figure]:
    """Measure figures 7 and 7a."""
    return [command_figure(rounds), load_figure(calls)]
