"""Figure 7: the sandbox as an API server; 7a-7c: the sandbox under 200 to 1,000 whole calls.

- 7: a `GatherClient` command to the sandbox (`benchmarks._sandbox_server`,
  in its own process) against the same command, from the same client, to the
  minimal loopback server of figure 4 (`benchmarks._server`, also its own
  process). Garbage collection stays on; the two alternate round by round
  and the figure is the median of the per-round ratios.
- 7a, 7b, 7c: 200, 500 and 1,000 calls at once against an in-process
  sandbox (its default 10 s delivery timeout and retry schedule, in call
  time at `time_scale=0.001`), each the whole call an IVR makes: the
  greeting is spoken, the app gathers digits when the speech has ended,
  transfers the caller to an agent (a scripted callee) when the gather
  ends, and hangs up once both legs are bridged, which ends leg B too. The
  app is a `Router` on Starlette in one uvicorn worker, its own process
  (`benchmarks._sandbox_app`). The figure is the number of webhooks lost:
  given up by the sandbox after its last retry. The detail names the
  webhooks retried, the calls that did not finish, and the machine's load.
  The app sends its commands with `AsyncHttpSender`; `SANDBOX_SENDER=sdk`
  runs them with the `telnyx` SDK's `AsyncGatherClient` instead, which at
  1,000 calls still stalls at times (not part of the default run).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Generator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager, suppress
from typing import TYPE_CHECKING

from ._measure import Figure, Target, child_env, fmt_seconds, load_average
from .facade import FIELDS, ROOT, loopback_server
from .throughput import uvicorn_worker

if TYPE_CHECKING:
    from telnyx_gather.testing import Sandbox

__all__ = ["run"]

CALLS = 200
VOICE = "Telnyx.KokoroTTS.af"
AGENT = "+13125550142"


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


def load_figure(key: str, calls: int, sender: str = "lean") -> Figure:
    from telnyx_gather import GatherClient
    from telnyx_gather.testing import Sandbox, UndeliveredWebhookError

    with Sandbox(time_scale=0.001) as sandbox:
        client = GatherClient(api_key=sandbox.api_key, base_url=sandbox.base_url, max_retries=0)
        sandbox.callee(AGENT, answer_after=2)
        env = {
            "SANDBOX_URL": sandbox.base_url,
            "SANDBOX_API_KEY": sandbox.api_key,
            "SANDBOX_PUBLIC_KEY": sandbox.public_key,
            "SANDBOX_AGENT": AGENT,
            "SANDBOX_SENDER": sender,
            **{k: v for k, v in os.environ.items() if k.startswith("SANDBOX_")},
        }
        with uvicorn_worker("benchmarks._sandbox_app:app", env) as port, client:
            sandbox.webhook_url = f"http://127.0.0.1:{port}/hook"
            callers = [sandbox.dial().press("12#").call_control_id for _ in range(calls)]

            def start(call_control_id: str) -> object:
                return client.call(call_control_id).speak(payload="Welcome.", voice=VOICE)

            started = time.perf_counter()
            with ThreadPoolExecutor(8) as pool:
                list(pool.map(start, callers))
            ended = _hangups(sandbox, 2 * calls, limit=60 + calls)  # each call's two legs
            with suppress(UndeliveredWebhookError):  # counted below, from the log
                sandbox.wait_idle(timeout=120)
            elapsed = time.perf_counter() - started
        logged = sandbox.deliveries
    lost = sum(not d.delivered for d in logged)
    retried = sum(len(d.attempts) > 1 for d in logged)
    return Figure(
        key,
        f"{calls} simultaneous whole calls against one worker{_WITH[sender]}: webhooks lost",
        float(lost),
        Target("<=", 0, unit=""),
        f"{len(logged)} webhooks in {elapsed:.1f} s ({len(logged) / elapsed:.0f}/s), "
        f"{retried} retried, {calls - ended // 2} calls unfinished; load {load_average()}",
        unit="lost",
        spec="g",
    )


def _hangups(sandbox: Sandbox, wanted: int, limit: float) -> int:
    """Wait (up to `limit` seconds) until `wanted` call.hangup webhooks were delivered."""
    give_up = time.monotonic() + limit
    ended = 0
    while ended < wanted and time.monotonic() < give_up:
        time.sleep(0.5)
        ended = sum(d.delivered and d.event_type == "call.hangup" for d in sandbox.deliveries)
    return ended


_WITH = {"lean": "", "sdk": " (SDK client)"}


def run(*, rounds: int, calls: int = CALLS) -> list[Figure]:
    """Measure figure 7, and 7a-7c: `calls`, 2.5 and 5 times as many whole calls."""
    scales = {"7a": calls, "7b": calls * 5 // 2, "7c": calls * 5}
    return [command_figure(rounds)] + [load_figure(k, n) for k, n in scales.items()]
