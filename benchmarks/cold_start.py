"""Figure 3: cold start, one webhook handled by a fresh process.

Each job is a new interpreter (`python -I -c ...`) that imports what it
needs and handles one freshly signed delivery:

- ours: import the library, build a `WebhookVerifier`, unwrap the delivery.
- floor: import pydantic's `BaseModel` and PyNaCl, verify, `json.loads`.
- sdk: import `telnyx`, build a client with the public key, and call
  `client.webhooks.unwrap`.
- floor + 1 model (reference, no target): the floor, plus one one-field
  pydantic model validating the parsed dict. It shows what defining any
  pydantic model costs on top of importing `BaseModel`.

Wall time is measured around spawn and exit; peak RSS is the child's own
high-water mark (`VmHWM`). The jobs run interleaved, round after round,
after one unmeasured warm-up round that also writes the bytecode caches.
"""

from __future__ import annotations

import resource
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass

from telnyx_gather.testing import WebhookSigner

from ._deliveries import Delivery, benchmark_signer, gather_ended
from ._measure import Figure, Target, child_env, fmt_bytes, fmt_seconds, rotations

__all__ = ["JOBS", "Sample", "job_code", "run", "run_job"]

JOBS: dict[str, str] = {
    "ours": """
from telnyx_gather import WebhookVerifier
event = WebhookVerifier(KEY).unwrap(BODY, HEADERS)
assert event.event_type == "call.gather.ended"
""",
    "floor": """
import base64, json
from pydantic import BaseModel
from nacl.signing import VerifyKey
VerifyKey(base64.b64decode(KEY)).verify(
    HEADERS["telnyx-timestamp"].encode() + b"|" + BODY,
    base64.b64decode(HEADERS["telnyx-signature-ed25519"]),
)
data = json.loads(BODY)
assert data["data"]["event_type"] == "call.gather.ended"
""",
    "sdk": """
import telnyx
client = telnyx.Telnyx(api_key="unused", public_key=KEY)
event = client.webhooks.unwrap(BODY.decode(), headers=HEADERS)
assert event.data.event_type == "call.gather.ended"
""",
    "floor + 1 model": """
import base64, json
from pydantic import BaseModel
from nacl.signing import VerifyKey
class Data(BaseModel):
    event_type: str
VerifyKey(base64.b64decode(KEY)).verify(
    HEADERS["telnyx-timestamp"].encode() + b"|" + BODY,
    base64.b64decode(HEADERS["telnyx-signature-ed25519"]),
)
data = Data.model_validate(json.loads(BODY)["data"])
assert data.event_type == "call.gather.ended"
""",
}


@dataclass(frozen=True)
class Sample:
    """One run of a job: wall and CPU seconds, and peak resident set size in bytes."""

    wall: float
    cpu: float
    peak_rss: int


def job_code(job: str, signer: WebhookSigner) -> str:
    """The source of `job`, with a delivery signed just now."""
    delivery = Delivery(signer, gather_ended())
    return (
        f"KEY = {signer.public_key!r}\nBODY = {delivery.body!r}\n"
        f"HEADERS = {delivery.headers!r}\n{JOBS[job]}"
    )


_REPORT_PEAK = """
with open("/proc/self/status") as _status:
    print(next(line for line in _status if line.startswith("VmHWM:")).split()[1])
"""


def run_job(code: str) -> Sample:
    """Run `code` in a fresh interpreter and measure its wall time and peak RSS.

    The peak is the child's own `VmHWM` (Linux), read as its last act: a
    child's `ru_maxrss` would also count the parent's pages from before the
    exec.

    Raises:
        RuntimeError: The job failed; its stderr is in the message.
    """
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-I", "-c", code + _REPORT_PEAK],
        env=child_env(),
        capture_output=True,
        text=True,
        check=False,
    )
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise RuntimeError(f"benchmark job failed:\n{done.stderr}")
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    return Sample(wall, cpu, int(done.stdout.split()[-1]) * 1024)


def measure(jobs: list[str], *, rounds: int, warm_up: bool = True) -> dict[str, list[Sample]]:
    """Run each job `rounds` times, interleaved, after one unmeasured run of each."""
    signer = benchmark_signer()
    for job in jobs if warm_up else []:  # the smoke test skips the warm-up
        run_job(job_code(job, signer))
    samples: dict[str, list[Sample]] = {job: [] for job in jobs}
    for order in rotations(jobs, rounds):
        for job in order:
            samples[job].append(run_job(job_code(job, signer)))
    return samples


def _value(sample: Sample, field: str) -> float:
    return float(getattr(sample, field))


def _ratio(samples: dict[str, list[Sample]], a: str, b: str, field: str) -> float:
    return statistics.median(
        _value(x, field) / _value(y, field) for x, y in zip(samples[a], samples[b], strict=True)
    )


def run(*, rounds: int, warm_up: bool = True) -> list[Figure]:
    """Measure figure 3: our cold start against the floor and against the SDK.

    Ratios are medians of per-round ratios; the times and sizes shown are
    medians over the rounds.
    """
    samples = measure(list(JOBS), rounds=rounds, warm_up=warm_up)

    def median(job: str, field: str) -> float:
        return statistics.median(_value(s, field) for s in samples[job])

    def shown(job: str) -> str:
        return (
            f"{job} {fmt_seconds(median(job, 'wall'))} "
            f"(CPU {fmt_seconds(median(job, 'cpu'))}), {fmt_bytes(median(job, 'peak_rss'))}"
        )

    one_model = "floor + 1 model"
    return [
        Figure(
            "3a",
            "cold start wall time vs floor",
            _ratio(samples, "ours", "floor", "wall"),
            Target("<=", 1.4),
            f"{shown('ours')}; {shown('floor')}; CPU "
            f"{_ratio(samples, 'ours', 'floor', 'cpu'):.2f}x",
        ),
        Figure(
            "3b",
            "cold start peak RSS vs floor",
            _ratio(samples, "ours", "floor", "peak_rss"),
            Target("<=", 1.35),
            f"{rounds} interleaved rounds of fresh processes",
        ),
        Figure(
            "3c",
            "SDK cold start wall time vs ours",
            _ratio(samples, "sdk", "ours", "wall"),
            Target(">=", 10),
            f"{shown('sdk')}; RSS {_ratio(samples, 'sdk', 'ours', 'peak_rss'):.2f}x ours",
        ),
        Figure(
            "3d",
            "floor + 1 pydantic model vs floor (wall; RSS in how)",
            _ratio(samples, one_model, "floor", "wall"),
            None,
            f"{shown(one_model)}; RSS {_ratio(samples, one_model, 'floor', 'peak_rss'):.2f}x",
        ),
        Figure(
            "3e",
            "ours vs floor + 1 pydantic model (wall; RSS in how)",
            _ratio(samples, "ours", one_model, "wall"),
            None,
            f"RSS {_ratio(samples, 'ours', one_model, 'peak_rss'):.2f}x",
        ),
    ]
