"""Child process of figure 5's sizes: time unwrap and the floor on large bodies, report JSON.

Run as `python -m benchmarks._sizes ROUNDS BATCH_SECONDS LABEL... [--with-sdk]`.
The process holds what a webhook receiver holds (the library, PyNaCl,
`json`), so the garbage collector scans that heap and not whatever other
benchmarks loaded; `--with-sdk` imports the `telnyx` SDK first, as a
receiver that also sends commands does. It prints a JSON object with the
per-call CPU times of each variant in each round, each body's length, and
how many objects the collector tracks.
"""

from __future__ import annotations

import base64
import gc
import importlib
import json
import sys
import time
from collections.abc import Callable
from functools import partial

from nacl.signing import VerifyKey

from ._deliveries import Delivery, benchmark_signer, sized
from ._measure import interleave
from .hot_path import floor_unwrap

__all__ = ["SIZES", "main"]

SIZES = {
    "1 KiB": (1 << 10, "call.ai_gather.message_history_updated"),
    "64 KiB": (64 << 10, "call.ai_gather.ended"),
    "1 MiB": (1 << 20, "call.ai_gather.ended"),
}


def main(rounds: int, batch_seconds: float, labels: list[str], *, with_sdk: bool) -> object:
    """Time ours and the floor on each labelled body, interleaved, in CPU time."""
    if with_sdk:
        importlib.import_module("telnyx")  # only its objects on the heap matter

    from telnyx_gather import WebhookVerifier

    signer = benchmark_signer()
    verifier = WebhookVerifier(signer.public_key)
    key = VerifyKey(base64.b64decode(signer.public_key))
    deliveries = {label: Delivery(signer, sized(*SIZES[label])) for label in labels}
    variants: dict[str, Callable[[], object]] = {}
    for label, d in deliveries.items():
        variants[f"ours {label}"] = partial(verifier.unwrap, d.body, d.headers)
        variants[f"floor {label}"] = floor_unwrap(key, d)
    times = interleave(
        variants, rounds=rounds, batch_seconds=batch_seconds, clock=time.process_time
    )
    return {
        "times": times,
        "lengths": {label: len(d.body) for label, d in deliveries.items()},
        "objects": len(gc.get_objects()),
    }


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if a != "--with-sdk"]
    result = main(int(args[0]), float(args[1]), args[2:], with_sdk="--with-sdk" in sys.argv)
    print(json.dumps(result))
