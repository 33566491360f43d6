"""One worker process of a fleet, for the router's multi-process tests.

`python -m tests.router.fleet_worker REDIS_URL API_URL PUBLIC_KEY MODE` reads a
delivery (a JSON object of `body` and `headers`) on stdin, waits on the Redis
list `go` so that every worker starts together, handles it with a `Router` on
a `RedisStore` (lease from `$LEASE`, 60 s by default; built by `from_url`
when `$STORE` is `direct`, else on a redis-py client), and prints the
outcome's reason. The handler counts its runs in the Redis key `runs`. In
`die` mode the handler ends the process instead, as a crash mid-handling
would; in `hang` mode it never returns, so the test can SIGKILL it.
"""

from __future__ import annotations

import json
import os
import sys
import time

import redis

from telnyx_gather import CallGatherEnded, GatherClient, Router, StopGather, WebhookVerifier
from telnyx_gather.commands import Command
from telnyx_gather.stores import RedisStore


def main(redis_url: str, api_url: str, public_key: str, mode: str) -> None:
    delivery = json.load(sys.stdin)
    client = redis.Redis.from_url(redis_url)
    client.blpop(["go"], timeout=30)
    lease = float(os.environ.get("LEASE", "60"))
    if os.environ.get("STORE") == "direct":
        store = RedisStore.from_url(redis_url, lease=lease)
    else:
        store = RedisStore(client, lease=lease)
    with GatherClient(api_key="KEY_fleet", base_url=api_url, max_retries=0) as api:
        router = Router(
            verifier=WebhookVerifier(public_key), client=api, store=store, deadline=None
        )

        @router.on(CallGatherEnded)
        def ended(event: CallGatherEnded) -> Command:
            client.incr("runs")
            if mode == "die":
                os._exit(3)
            while mode == "hang":
                time.sleep(1)
            return StopGather()

        outcome = router.handle(delivery["body"].encode(), delivery["headers"])
    print(outcome.reason)


if __name__ == "__main__":
    main(*sys.argv[1:5])
