"""Figure 4: what the facade adds to a command sent over HTTP.

Both variants send the same `gather` command (same fields, a fresh
`command_id` each time) over keep-alive HTTP to a small server on 127.0.0.1
that runs in its own process (`benchmarks._server`):

- raw: the official SDK's `client.calls.actions.gather(call_control_id, ...)`,
  the call a user of the SDK writes. This is the target's baseline.
- post: the SDK's generic `client.post(path, body=..., cast_to=httpx.Response)`
  with a hand-built path and dict, then `.json()`: the least the SDK can do
  (for reference).
- ours: `GatherClient.call(call_control_id).gather(...)`, which validates the
  command, fills in the `command_id` and returns a typed `CommandResult`.

Figure 4b is the CPU time (this process only, GC on) of one
`AsyncHttpSender.send` of a `Hangup` against the floor: the same request
written by hand on one asyncio stream and its answer read back (`_floor.py`).
Figure 4c is that CPU time per send with 128 sends in flight against one at
a time: it must not grow with concurrency.
"""

from __future__ import annotations

import subprocess
import sys
import uuid
from collections.abc import Generator
from contextlib import contextmanager
from pathlib import Path
from typing import TypedDict

from ._floor import by_concurrency, sender_vs_floor
from ._measure import Figure, Target, child_env, fmt_seconds, interleave, paired_ratio

__all__ = ["CALL_CONTROL_ID", "FIELDS", "GatherFields", "loopback_server", "run"]

ROOT = Path(__file__).resolve().parents[1]
CALL_CONTROL_ID = "v3:MdI91X4lWFEs7IgbBEOT9M4AigoY08M0WWZFISt1Yw2axZ_IiE4pqg"
PATH = f"/calls/{CALL_CONTROL_ID}/actions/gather"


class GatherFields(TypedDict):
    """The fields of the benchmark's `gather` command, sent by both variants."""

    minimum_digits: int
    maximum_digits: int
    valid_digits: str
    terminating_digit: str
    timeout_millis: int
    client_state: str


FIELDS: GatherFields = {
    "minimum_digits": 1,
    "maximum_digits": 4,
    "valid_digits": "0123456789#",
    "terminating_digit": "#",
    "timeout_millis": 10_000,
    "client_state": "eyJzdGVwIjoibWVudSJ9",
}


@contextmanager
def loopback_server() -> Generator[str, None, None]:
    """Start `benchmarks._server` in a child process; yield its base URL."""
    with subprocess.Popen(
        [sys.executable, "-m", "benchmarks._server"],
        cwd=ROOT,
        env=child_env(),
        stdout=subprocess.PIPE,
        text=True,
    ) as proc:
        try:
            assert proc.stdout is not None
            yield f"http://127.0.0.1:{int(proc.stdout.readline())}/v2"
        finally:
            proc.terminate()


def run(*, rounds: int, batch_seconds: float) -> list[Figure]:
    """Measure figure 4: a `GatherClient` call against the raw SDK call."""
    import httpx
    import telnyx

    from telnyx_gather import GatherClient

    with loopback_server() as base_url:
        raw = telnyx.Telnyx(api_key="benchmark", base_url=base_url)
        ours = GatherClient(api_key="benchmark", base_url=base_url)
        call = ours.call(CALL_CONTROL_ID)

        def send_raw() -> object:
            return raw.calls.actions.gather(CALL_CONTROL_ID, command_id=str(uuid.uuid4()), **FIELDS)

        def send_post() -> object:
            body = {**FIELDS, "command_id": str(uuid.uuid4())}
            return raw.post(PATH, body=body, cast_to=httpx.Response).json()

        def send_ours() -> object:
            return call.gather(**FIELDS)

        with raw, ours:
            assert getattr(send_ours(), "result", None) == "ok"
            times = interleave(
                {"raw": send_raw, "post": send_post, "ours": send_ours},
                rounds=rounds,
                batch_seconds=batch_seconds,
            )
        floor = sender_vs_floor(base_url, rounds=rounds, batch_seconds=batch_seconds)
        wide, one, widening = by_concurrency(
            base_url, rounds=rounds, sends=max(130, int(40_000 * batch_seconds))
        )
    best = {name: fmt_seconds(min(samples)) for name, samples in times.items()}
    return [
        Figure(
            "4",
            "facade call vs raw SDK call, loopback HTTP",
            paired_ratio(times, "ours", "raw"),
            Target("<=", 1.05),
            f"ours {best['ours']}, client.calls.actions.gather {best['raw']} per command",
        ),
        Figure(
            "4a",
            "facade call vs the SDK's bare generic post",
            paired_ratio(times, "ours", "post"),
            None,
            f"client.post + .json() {best['post']}",
        ),
        Figure(
            "4b",
            "AsyncHttpSender.send CPU vs a hand-written request on one stream",
            paired_ratio(floor, "sender", "floor"),
            Target("<=", 2.0),
            f"sender {fmt_seconds(min(floor['sender']))}, by hand"
            f" {fmt_seconds(min(floor['floor']))} CPU per command (this process, GC on)",
        ),
        Figure(
            "4c",
            "AsyncHttpSender.send CPU, 128 in flight vs 1 at a time",
            widening,
            Target("<=", 1.1),
            f"{fmt_seconds(wide)} at 128, {fmt_seconds(one)} at 1 per command"
            " (CPU, this process; 16 connections)",
        ),
    ]
