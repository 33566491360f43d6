"""Where a cold start's time and memory go: step by step, in one fresh process.

`python -m benchmarks --explain` prints this. The child imports what the
cold-start job imports, one layer at a time, and reports the wall time and
resident-set growth of each step. The step marked `pydantic` is what any
program pays the first time it defines a pydantic model; the floor job
(which only imports `BaseModel`) never pays it. The last line says whether
anything imported `importlib.metadata` (pydantic's plugin loader does, when
pydantic builds a validator; the prepared schema avoids it).
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys

from ._deliveries import Delivery, benchmark_signer, gather_ended
from ._measure import child_env, fmt_bytes
from .cold_start import run_job

__all__ = ["STEPS", "phases", "render"]

STEPS: list[tuple[str, str]] = [
    ("floor: from pydantic import BaseModel", "from pydantic import BaseModel"),
    ("floor: import nacl.signing", "import nacl.signing"),
    ("pydantic: fields and types (first model class)", "import pydantic.fields"),
    (
        "telnyx-gather: import verify and the event models",
        "from telnyx_gather import WebhookVerifier",
    ),
    ("telnyx-gather: build the verifier", "verifier = WebhookVerifier(KEY)"),
    ("telnyx-gather: first unwrap (builds the one validator)", "verifier.unwrap(BODY, HEADERS)"),
]

_CHILD = """
import json, os, sys, time
def rss():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
steps = {steps!r}
KEY, BODY, HEADERS = {key!r}, {body!r}, {headers!r}
out = [("interpreter startup (spawn to exit of `python -I -c pass`)", 0.0, rss())]
for label, code in steps:
    start = time.perf_counter()
    exec(code)
    out.append((label, time.perf_counter() - start, rss()))
out.append(("importlib.metadata imported: " + str("importlib.metadata" in sys.modules), 0.0, rss()))
print(json.dumps(out))
"""


def phases(repeat: int = 5) -> list[tuple[str, float, int]]:
    """Run the steps in fresh processes; return `(label, seconds, RSS after)` per step.

    Each figure is the median over `repeat` processes.
    """
    signer = benchmark_signer()
    delivery = Delivery(signer, gather_ended())
    code = _CHILD.format(
        steps=STEPS, key=signer.public_key, body=delivery.body, headers=delivery.headers
    )
    argv = [sys.executable, "-I", "-c", code]
    subprocess.run(argv, env=child_env(), capture_output=True, check=True)  # writes bytecode
    runs = [
        json.loads(
            subprocess.run(argv, env=child_env(), capture_output=True, text=True, check=True).stdout
        )
        for _ in range(repeat)
    ]
    startup = statistics.median(run_job("pass").wall for _ in range(repeat))
    rows = [
        (
            label,
            statistics.median(run[i][1] for run in runs),
            statistics.median(run[i][2] for run in runs),
        )
        for i, (label, _, _) in enumerate(runs[0])
    ]
    return [(rows[0][0], startup, rows[0][2]), *rows[1:]]


def render(rows: list[tuple[str, float, int]]) -> str:
    """Format `phases()` as a table of time and RSS growth per step."""
    lines = [f"{'step':64} {'time':>9} {'RSS +':>9} {'RSS':>9}"]
    previous = rows[0][2]
    for label, seconds, rss in rows:
        lines.append(
            f"{label:64} {seconds * 1e3:7.1f}ms {fmt_bytes(rss - previous):>9} {fmt_bytes(rss):>9}"
        )
        previous = rss
    return "\n".join(lines)
