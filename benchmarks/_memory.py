"""Child process of figure 5's memory run: unwrap many deliveries, report RSS.

Run as `python -m benchmarks._memory COUNT`. It prints a JSON list of
`[unwraps done, resident set size in bytes]`, taken every tenth of the run.
"""

from __future__ import annotations

import json
import os
import resource
import sys
import time

from ._deliveries import Delivery, assorted, benchmark_signer

__all__ = ["main", "resident_bytes"]

DISTINCT = 1000


def resident_bytes() -> int:
    """The current resident set size of this process (peak RSS where /proc is missing)."""
    try:
        with open("/proc/self/statm") as statm:
            return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except OSError:
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def main(count: int) -> list[tuple[int, int]]:
    """Unwrap `count` deliveries (cycling through distinct ones) and sample RSS."""
    from telnyx_gather import WebhookVerifier

    signer = benchmark_signer()
    now = int(time.time())
    deliveries = [Delivery(signer, body, timestamp=now) for body in assorted(DISTINCT)]
    verifier = WebhookVerifier(signer.public_key)
    step = max(1, count // 10)
    checkpoints: list[tuple[int, int]] = []
    for done in range(1, count + 1):
        delivery = deliveries[done % DISTINCT]
        verifier.unwrap(delivery.body, delivery.headers, now=now)
        if done % step == 0:
            checkpoints.append((done, resident_bytes()))
    return checkpoints


if __name__ == "__main__":
    print(json.dumps(main(int(sys.argv[1]))))
