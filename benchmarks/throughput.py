"""Figure 8: a Router app's deliveries per second and p99 at 1, 8, 32 and 128 in flight.

One uvicorn worker serves `benchmarks._router_app` (a `Router` on Starlette
with a `MemoryStore`) in its own process, once per variant:

- none: the handler answers without a command (the baseline);
- lean: it sends one command with `AsyncHttpSender`;
- sdk: it sends the same command with `AsyncGatherClient` (the `telnyx` SDK).

Commands go to the loopback API of figure 4 (`benchmarks._server`, its own
process), which answers at once. The load is signed `call.gather.ended`
deliveries, each with its own event id, posted over keep-alive connections
by an asyncio client holding a fixed number in flight; every run is a
bounded number of deliveries. The variants take turns level by level, round
by round, so load on the shared machine hits them alike; each figure is the
median over rounds. Garbage collection stays on in every process.

Figure 8e is the router's deliveries/s at 128 in flight against its best
level; 8ee gives the same for the app without a command, which loses
throughput there too, on a machine whose two cores also run the load and
the API.
"""

from __future__ import annotations

import asyncio
import itertools
import os
import socket
import statistics
import subprocess
import sys
import time
from collections.abc import Generator, Iterator
from contextlib import ExitStack, contextmanager

from ._deliveries import Delivery, benchmark_signer, gather_ended
from ._measure import Figure, Target, child_env, rotations
from .facade import ROOT, loopback_server
from .router import free_port

__all__ = ["LEVELS", "run", "uvicorn_worker"]

LEVELS = (1, 8, 32, 128)
VARIANTS = ("none", "lean", "sdk")


@contextmanager
def router_app(variant: str, api_url: str) -> Generator[int, None, None]:
    """Serve `benchmarks._router_app` with one uvicorn worker; yield its port."""
    env = {"ROUTER_VARIANT": variant, "ROUTER_API_URL": api_url}
    with uvicorn_worker("benchmarks._router_app:app", env) as port:
        yield port


@contextmanager
def uvicorn_worker(app: str, env: dict[str, str]) -> Generator[int, None, None]:
    """Serve the ASGI `app` (`module:name`) with one uvicorn worker; yield its port."""
    port = free_port()
    argv = [sys.executable, "-m", "uvicorn", app, "--port", str(port)]
    argv += ["--log-level", "warning", "--no-access-log", "--backlog", "4096"]
    with subprocess.Popen(
        argv, cwd=ROOT, env={**child_env(), **env}, stdout=subprocess.DEVNULL
    ) as proc:
        try:
            for _ in range(600):
                try:
                    socket.create_connection(("127.0.0.1", port), timeout=1).close()
                    break
                except OSError:
                    if proc.poll() is not None:
                        raise RuntimeError(f"{app} did not start") from None
                    time.sleep(0.05)
            yield port
        finally:
            proc.terminate()
            proc.wait(timeout=30)


def _requests(count: int, ids: Iterator[int]) -> list[bytes]:
    """`count` signed deliveries as raw HTTP requests, each with a fresh event id."""
    signer = benchmark_signer()
    requests: list[bytes] = []
    for _ in range(count):
        delivery = Delivery(signer, gather_ended(next(ids)))
        head = "".join(
            f"{name}: {value}\r\n"
            for name, value in delivery.headers.items()
            if name not in ("host", "content-length")
        )
        requests.append(
            f"POST /hook HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-length: {len(delivery.body)}\r\n"
            f"{head}\r\n".encode()
            + delivery.body
        )
    return requests


async def _load(port: int, requests: list[bytes], in_flight: int) -> tuple[float, list[float]]:
    """Post every request, `in_flight` at a time; return seconds taken and each latency."""
    pending = iter(requests)
    latencies: list[float] = []
    failures = 0

    async def connection() -> None:
        nonlocal failures
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        try:
            for request in pending:
                start = time.perf_counter()
                writer.write(request)
                head = await reader.readuntil(b"\r\n\r\n")
                length = next(
                    int(line.split(b":", 1)[1])
                    for line in head.split(b"\r\n")
                    if line.lower().startswith(b"content-length:")
                )
                await reader.readexactly(length)
                latencies.append(time.perf_counter() - start)
                failures += not head.startswith(b"HTTP/1.1 200")
        finally:
            writer.close()

    started = time.perf_counter()
    await asyncio.gather(*(connection() for _ in range(in_flight)))
    elapsed = time.perf_counter() - started
    if failures:
        raise RuntimeError(f"{failures} deliveries were not answered 200")
    return elapsed, latencies


def _p99(latencies: list[float]) -> float:
    ordered = sorted(latencies)
    return ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]


def measure(rounds: int, per_level: int) -> dict[tuple[str, int], list[tuple[float, float]]]:
    """Deliveries per second and p99 latency of each variant at each level, per round."""
    ids = itertools.count(1)
    results: dict[tuple[str, int], list[tuple[float, float]]] = {}
    with loopback_server() as api_url, ExitStack() as stack:
        ports = {v: stack.enter_context(router_app(v, api_url)) for v in VARIANTS}
        for port in ports.values():  # warm up: first validators, connections
            asyncio.run(_load(port, _requests(20, ids), 4))
        for order in rotations(list(VARIANTS), rounds):
            for level in LEVELS:
                for variant in order:
                    count = max(per_level, level)
                    elapsed, latencies = asyncio.run(
                        _load(ports[variant], _requests(count, ids), level)
                    )
                    rate = count / elapsed
                    results.setdefault((variant, level), []).append((rate, _p99(latencies)))
    return results


def run(*, rounds: int, per_level: int) -> list[Figure]:
    """Measure figure 8: with a command against without, at each level; flat past saturation."""
    results = measure(rounds, per_level)

    def median(variant: str, level: int) -> tuple[float, float]:
        runs = results[(variant, level)]
        return statistics.median(r for r, _ in runs), statistics.median(p for _, p in runs)

    def ratio(variant: str, level: int) -> float:
        runs = zip(results[(variant, level)], results[("none", level)], strict=True)
        return statistics.median(a[0] / b[0] for a, b in runs)

    figures: list[Figure] = []
    for letter, level in zip("abcd", LEVELS, strict=True):
        rates = {v: median(v, level) for v in VARIANTS}
        detail = ", ".join(
            f"{v} {rates[v][0]:.0f}/s p99 {rates[v][1] * 1e3:.0f} ms" for v in VARIANTS
        )
        figures.append(
            Figure(
                f"8{letter}",
                f"Router + AsyncHttpSender vs no command, deliveries/s at {level} in flight",
                ratio("lean", level),
                Target(">=", 0.5),
                detail,
            )
        )
        figures.append(
            Figure(
                f"8{letter}s",
                f"Router + AsyncGatherClient (SDK) vs no command, at {level} in flight",
                ratio("sdk", level),
                None,
                f"lean vs sdk {ratio('lean', level) / ratio('sdk', level):.2f}x",
            )
        )

    def past_peak(variant: str) -> tuple[float, float]:
        """`variant`'s deliveries/s at the last level, and at its best level."""
        return median(variant, LEVELS[-1])[0], max(median(variant, lv)[0] for lv in LEVELS)

    last, peak = past_peak("lean")
    bare_last, bare_peak = past_peak("none")
    figures += [
        Figure(
            "8e",
            f"Router + AsyncHttpSender: deliveries/s at {LEVELS[-1]} in flight vs its peak",
            last / peak,
            Target(">=", 0.9),
            f"{last:.0f}/s at {LEVELS[-1]}, peak {peak:.0f}/s; one uvicorn worker,"
            f" {os.cpu_count()} cores shared with the load and the API",
        ),
        Figure(
            "8ee",
            f"The app without a command: deliveries/s at {LEVELS[-1]} in flight vs its peak",
            bare_last / bare_peak,
            None,
            f"{bare_last:.0f}/s at {LEVELS[-1]}, peak {bare_peak:.0f}/s: what the machine"
            " itself loses there; 8e over this is "
            f"{last / peak / (bare_last / bare_peak):.2f}",
        ),
    ]
    return figures
