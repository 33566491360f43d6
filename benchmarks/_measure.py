"""Measurement helpers: interleaved rounds, paired ratios, targets and figures.

A shared 2-core machine is noisy, so every comparison runs its variants in
alternating order, round after round, and a ratio is the median of the
per-round ratios: both sides of one round see the same load. The garbage
collector stays on while timing (unlike `timeit`'s default), as in a real
process.
"""

from __future__ import annotations

import gc
import os
import statistics
import time
import timeit
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Literal

__all__ = [
    "Figure",
    "Target",
    "child_env",
    "fmt_bytes",
    "fmt_seconds",
    "interleave",
    "load_average",
    "paired_ratio",
    "rotations",
    "timer",
]


@dataclass(frozen=True)
class Target:
    """A bound on a figure, such as `<= 1.25` (times the baseline)."""

    op: Literal["<=", ">="]
    limit: float
    unit: str = "x"

    def met(self, value: float) -> bool:
        """Return whether `value` is within this bound."""
        return value <= self.limit if self.op == "<=" else value >= self.limit

    def __str__(self) -> str:
        return f"{self.op} {self.limit:g}{self.unit}"


@dataclass(frozen=True)
class Figure:
    """One measured figure of the report: a value, its target and how it was measured."""

    key: str
    title: str
    value: float
    target: Target | None
    detail: str
    unit: str = "x"
    spec: str = ".3g"

    @property
    def verdict(self) -> str:
        """`PASS` or `MISS` against the target, or `info` for a figure without one."""
        if self.target is None:
            return "info"
        return "PASS" if self.target.met(self.value) else "MISS"

    @property
    def shown(self) -> str:
        """The value as printed, with its unit."""
        if self.unit == "x":
            return f"{self.value:.2f}x"
        return f"{self.value:{self.spec}} {self.unit}"


def rotations(names: list[str], rounds: int) -> list[list[str]]:
    """The run order of each round: the names rotated by one place per round."""
    return [names[r % len(names) :] + names[: r % len(names)] for r in range(rounds)]


Clock = Callable[[], float]


def timer(fn: Callable[[], object], clock: Clock = time.perf_counter) -> timeit.Timer:
    """A `timeit.Timer` of `fn` on `clock` that keeps the garbage collector on while it times."""
    return timeit.Timer(fn, "gc.enable()", clock, globals={"gc": gc})


def _calibrate(fn: Callable[[], object], batch_seconds: float, clock: Clock) -> int:
    timer_ = timer(fn, clock)
    timer_.timeit(3)  # the first calls may build validators or import lazily
    number = 1
    while True:
        elapsed = timer_.timeit(number)
        if elapsed >= batch_seconds / 4 or number >= 1 << 20:
            return max(1, round(number * batch_seconds / max(elapsed, 1e-9)))
        number *= 4


def interleave(
    variants: Mapping[str, Callable[[], object]],
    *,
    rounds: int,
    batch_seconds: float,
    clock: Clock = time.perf_counter,
) -> dict[str, list[float]]:
    """Time each variant per call, alternating their order round by round.

    Each batch calls one variant enough times to take about `batch_seconds`,
    with the garbage collector on. One unmeasured round runs first. Work
    done in this process alone is best timed with `clock=time.process_time`
    (CPU time), which a busy machine's preemption does not inflate; work
    that waits on another process needs the default wall clock.

    Returns:
        For each variant, its per-call time in seconds in each round.
    """
    numbers = {name: _calibrate(fn, batch_seconds, clock) for name, fn in variants.items()}
    for name, fn in variants.items():  # one unmeasured round warms the caches
        timer(fn, clock).timeit(numbers[name])
    times: dict[str, list[float]] = {name: [] for name in variants}
    for order in rotations(list(variants), rounds):
        for name in order:
            elapsed = timer(variants[name], clock).timeit(numbers[name])
            times[name].append(elapsed / numbers[name])
    return times


def paired_ratio(times: Mapping[str, list[float]], numerator: str, denominator: str) -> float:
    """The median over rounds of `numerator / denominator` timed in the same round."""
    return statistics.median(
        a / b for a, b in zip(times[numerator], times[denominator], strict=True)
    )


def fmt_seconds(seconds: float) -> str:
    """Format a duration with a unit that keeps three significant digits."""
    if seconds >= 1:
        return f"{seconds:.2f} s"
    if seconds >= 1e-3:
        return f"{seconds * 1e3:.1f} ms"
    return f"{seconds * 1e6:.1f} µs"


def fmt_bytes(size: float) -> str:
    """Format a byte count in MiB (or KiB when small)."""
    if abs(size) >= 1 << 20:
        return f"{size / (1 << 20):.1f} MiB"
    return f"{size / 1024:.0f} KiB"


def load_average() -> str:
    """The 1, 5 and 15-minute load averages, as `ps` prints them."""
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def child_env() -> dict[str, str]:
    """The environment for benchmark child processes: no `PYTHON*` variables.

    Bytecode caches stay on, as in any deployed function, and nothing from
    the calling shell changes how the child interpreter starts.
    """
    return {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
