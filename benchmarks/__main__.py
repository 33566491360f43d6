"""Run the benchmarks and print every figure against its target.

Usage: `python -m benchmarks [--quick] [--only GROUP ...] [--explain] [--markdown]`,
from the repository root (`bash scripts/bench.sh` sets everything up).
`--markdown` also prints the figures as the table in docs/performance.md.
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from importlib.metadata import version

from . import (
    cold_start,
    delivery,
    dynamodb,
    explain,
    facade,
    hot_path,
    router,
    sandbox,
    scaling,
    stores,
    throughput,
)
from ._measure import Figure, load_average

__all__ = ["PROFILES", "Profile", "idling", "machine", "main", "markdown", "render"]


@dataclass(frozen=True)
class Profile:
    """How many samples each group takes."""

    rounds: int
    batch_seconds: float
    cold_rounds: int
    http_rounds: int
    unwraps: int
    pool: int = 2000
    calls: int = 200
    per_level: int = 400
    store_events: int = 1_000_000
    warm_up: bool = True
    explain_repeat: int = 5


PROFILES = {
    "full": Profile(rounds=21, batch_seconds=0.05, cold_rounds=15, http_rounds=21, unwraps=100_000),
    "quick": Profile(
        rounds=7, batch_seconds=0.02, cold_rounds=5, http_rounds=9, unwraps=20_000, per_level=150
    ),
    # Each benchmark once with tiny counts, so the smoke test proves they still run.
    "smoke": Profile(
        rounds=1,
        batch_seconds=0.001,
        cold_rounds=1,
        http_rounds=1,
        unwraps=200,
        pool=5,
        calls=5,
        warm_up=False,
        explain_repeat=1,
        per_level=1,
        store_events=2_000,
    ),
}

GROUPS: dict[str, Callable[[Profile], list[Figure]]] = {
    "hot": lambda p: hot_path.run(rounds=p.rounds, batch_seconds=p.batch_seconds),
    "cold": lambda p: cold_start.run(rounds=p.cold_rounds, warm_up=p.warm_up),
    "facade": lambda p: facade.run(rounds=p.http_rounds, batch_seconds=p.batch_seconds * 2),
    "router": lambda p: router.run(rounds=3 * p.rounds, batch_seconds=p.batch_seconds, pool=p.pool),
    "dynamodb": lambda p: dynamodb.run(
        rounds=3 * p.rounds, batch_seconds=p.batch_seconds, pool=p.pool
    ),
    "delivery": lambda p: delivery.run(
        rounds=3 * p.rounds, batch_seconds=p.batch_seconds, pool=p.pool
    ),
    "scaling": lambda p: scaling.run(
        rounds=p.rounds, batch_seconds=p.batch_seconds, unwraps=p.unwraps
    ),
    "sandbox": lambda p: sandbox.run(rounds=p.http_rounds, calls=p.calls),
    "stores": lambda p: stores.run(
        events=p.store_events,
        rounds=p.rounds,
        batch=max(10, p.store_events // 100),
        redis_events=max(10, p.store_events // 100),
    ),
    "throughput": lambda p: throughput.run(rounds=max(1, p.rounds // 7), per_level=p.per_level),
}


def machine() -> str:
    """One line naming the machine and the versions the figures were taken with."""
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo") as info:
            cpu = next(line.split(":", 1)[1].strip() for line in info if "model name" in line)
    except (OSError, StopIteration):
        pass
    packages = ", ".join(
        f"{name} {version(name)}"
        for name in ("telnyx-gather", "pydantic", "pydantic-core", "pynacl", "telnyx")
    )
    return (
        f"{os.cpu_count()} cores ({cpu}), {platform.system()}, "
        f"Python {platform.python_version()}; {packages}\n{idling()}"
    )


def _read(path: str) -> str | None:
    try:
        with open(path) as file:
            return file.read().strip()
    except OSError:
        return None


def idling() -> str:
    """The load average now, and how an idle core waits for work, where Linux says.

    A round trip on loopback wakes the other side and then ourselves from an
    idle core: a guest kernel that polls before it halts (`haltpoll`, with
    `guest_halt_poll_ns` above 0) wakes in microseconds, one that halts at
    once pays a wake-up through the hypervisor (tens of microseconds) each
    time, which decides figures 6a, 6aa and 8a on an idle machine.
    """
    driver = _read("/sys/devices/system/cpu/cpuidle/current_driver")
    poll = _read("/sys/module/haltpoll/parameters/guest_halt_poll_ns")
    waits = "idle driver unknown" if driver is None else f"idle driver {driver}"
    if poll is not None:
        waits += f", guest_halt_poll_ns {poll}"
    return f"load average {load_average()} at the start; {waits}"


def render(figures: list[Figure]) -> str:
    """Format figures as an aligned table with a PASS/MISS column."""
    rows = [("fig", "measure", "value", "target", "result", "how")]
    rows += [
        (f.key, f.title, f.shown, str(f.target) if f.target else "-", f.verdict, f.detail)
        for f in figures
    ]
    widths = [max(len(row[i]) for row in rows) for i in range(5)]
    return "\n".join(
        "  ".join(cell.ljust(width) for cell, width in zip(row[:5], widths, strict=True))
        + "  "
        + row[5]
        for row in rows
    )


def markdown(figures: list[Figure]) -> str:
    """Format figures as the table in docs/performance.md."""
    rows = ["| # | Figure | Measured | Target | Result | How |", "|---|---|---|---|---|---|"]
    for f in figures:
        bound = str(f.target).replace("<=", "≤").replace(">=", "≥") if f.target else "-"
        rows.append(f"| {f.key} | {f.title} | {f.shown} | {bound} | {f.verdict} | {f.detail} |")
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    """Parse arguments, run the chosen groups and print the report."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="fewer samples (about a minute)")
    parser.add_argument("--only", nargs="+", choices=list(GROUPS), help="run only these groups")
    parser.add_argument(
        "--explain", action="store_true", help="also break a cold start down step by step"
    )
    parser.add_argument(
        "--markdown",
        action="store_true",
        help="also print the figures as the table in docs/performance.md",
    )
    parser.add_argument("--smoke", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    name = "smoke" if args.smoke else "quick" if args.quick else "full"
    profile = PROFILES[name]
    print(f"telnyx-gather benchmarks ({name} run)")
    print(machine())
    print()
    started = time.perf_counter()
    figures: list[Figure] = []
    for name in args.only or list(GROUPS):
        figures += GROUPS[name](profile)
    print(render(figures))
    targets = [f for f in figures if f.target is not None]
    met = sum(f.verdict == "PASS" for f in targets)
    print(f"\n{met} of {len(targets)} targets met in {time.perf_counter() - started:.0f} s.")
    print(f"load average {load_average()} at the end")
    if args.markdown:
        print(f"\n{markdown(figures)}")
    if args.explain:
        repeat = profile.explain_repeat
        print(f"\nCold start, step by step (median of {repeat} fresh processes):")
        print(explain.render(explain.phases(repeat)))
    sys.stdout.flush()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
