"""Figures 6 and 6a: what the `Router` adds to a delivery.

Every variant takes the same signed `call.gather.ended` deliveries, each with
its own event id, in the same order, interleaved round by round:

- unwrap: `WebhookVerifier.unwrap(body, headers)`, the baseline: verify and
  parse, as any handler must.

Figure 6 is work in one process alone, timed in CPU time as figure 1 is,
in a child process that has not imported `opentelemetry`: redis-py 8 imports
it whenever it is installed, and the router then records into its no-op
instruments (figure 6c measures that case). Figure 6a waits on Redis, so it
is timed on the wall clock.
- memory: `Router.handle(body, headers)` with a `MemoryStore` and a handler
  that returns `None`: verify, parse, route, claim, run the handler, finish.
- bare (figure 6e): `unwrap`, then the same store's `claim`, the handler and
  the `finish`, called directly with no router: the floor under figure 6,
  what any exactly-once receiver pays on this machine.
- redis: the same with a `RedisStore` on a `redis-server` on 127.0.0.1 (two
  round trips per delivery: the claim script and the finish);
- behind: the same with `RedisStore(write_behind=True)`: one round trip per
  delivery, the claim, which also carries the finish marks of the
  deliveries before it.

When the deliveries run out they start again with an empty store, so every
`handle` runs the handler (none is answered as a duplicate).
"""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Generator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING

from ._deliveries import Delivery, benchmark_signer, gather_ended
from ._measure import Figure, Target, child_env, fmt_seconds, interleave, paired_ratio

if TYPE_CHECKING:
    from telnyx_gather.commands import Command
    from telnyx_gather.router import Outcome
    from telnyx_gather.stores import Store

__all__ = ["NoSends", "cycle", "free_port", "redis_server", "run"]


class NoSends:
    """The router's client; the benchmark's handler returns nothing, so it is never called."""

    def send(self, call_control_id: str, command: Command, /) -> object:
        raise AssertionError("the benchmark handler sends nothing")


def cycle(deliveries: Sequence[Delivery], on_wrap: Callable[[], None]) -> Callable[[], Delivery]:
    """A function returning the next delivery, calling `on_wrap` each time they start over."""
    position = len(deliveries)

    def following() -> Delivery:
        nonlocal position
        if position == len(deliveries):
            position = 0
            on_wrap()
        position += 1
        return deliveries[position - 1]

    return following


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@contextmanager
def redis_server() -> Generator[str, None, None]:
    """Run `redis-server` (no persistence) on a free loopback port; yield its URL."""
    binary = shutil.which("redis-server")
    if binary is None:
        raise SystemExit("benchmarks: figure 6a needs redis-server (apt-get install redis-server)")
    port = free_port()
    with (
        tempfile.TemporaryDirectory() as workdir,
        subprocess.Popen(
            [binary, "--bind", "127.0.0.1", "--port", str(port), "--save", "", "--dir", workdir],
            stdout=subprocess.DEVNULL,
        ) as proc,
    ):
        try:
            for _ in range(200):
                try:
                    socket.create_connection(("127.0.0.1", port), timeout=1).close()
                    break
                except OSError:
                    time.sleep(0.05)
            yield f"redis://127.0.0.1:{port}/0"
        finally:
            proc.terminate()


def _in_memory(rounds: int, batch_seconds: float, pool: int) -> dict[str, list[float]]:
    """Figure 6's samples, timed in a fresh child process (see the module's docstring)."""
    out = subprocess.run(
        [sys.executable, "-m", "benchmarks.router", str(rounds), str(batch_seconds), str(pool)],
        check=True,
        capture_output=True,
        text=True,
        env=child_env(),
    ).stdout
    samples: dict[str, list[float]] = json.loads(out.strip().splitlines()[-1])
    return samples


def _child(rounds: int, batch_seconds: float, pool: int) -> dict[str, list[float]]:
    """In the child: `unwrap` against `Router.handle` with a `MemoryStore`, in CPU time."""
    from telnyx_gather import CallGatherEnded, Router, WebhookVerifier
    from telnyx_gather.stores import MemoryStore

    signer = benchmark_signer()
    verifier = WebhookVerifier(signer.public_key)
    deliveries = [Delivery(signer, gather_ended(i)) for i in range(pool)]
    memory: Router[None] = Router(verifier=verifier, client=NoSends(), store=MemoryStore())
    memory.on(CallGatherEnded)(lambda event: None)

    def fresh_memory() -> None:
        memory.store = MemoryStore()

    bare_store = MemoryStore()

    def fresh_bare() -> None:
        nonlocal bare_store
        bare_store = MemoryStore()

    def handler(event: CallGatherEnded) -> None:
        return None

    plain, in_memory = cycle(deliveries, lambda: None), cycle(deliveries, fresh_memory)
    in_bare = cycle(deliveries, fresh_bare)

    def unwrap() -> object:
        delivery = plain()
        return verifier.unwrap(delivery.body, delivery.headers)

    def handle_memory() -> Outcome:
        delivery = in_memory()
        return memory.handle(delivery.body, delivery.headers)

    def bare() -> object:
        delivery = in_bare()
        event = verifier.unwrap(delivery.body, delivery.headers)
        assert isinstance(event, CallGatherEnded)
        claim = bare_store.claim(event.id)
        handler(event)
        bare_store.finish(event.id, claim.token)
        return claim

    assert handle_memory().reason == "handled"
    if "opentelemetry" in sys.modules:
        raise RuntimeError("figure 6's process imported opentelemetry")
    return interleave(
        {"unwrap": unwrap, "memory": handle_memory, "bare": bare},
        rounds=rounds,
        batch_seconds=batch_seconds,
        clock=time.process_time,
    )


def run(*, rounds: int, batch_seconds: float, pool: int) -> list[Figure]:
    """Measure figures 6 (in a child process) and 6a over `pool` distinct deliveries."""
    from telnyx_gather import CallGatherEnded, Router, WebhookVerifier
    from telnyx_gather.stores import RedisStore

    in_process = _in_memory(rounds, batch_seconds, pool)
    signer = benchmark_signer()
    verifier = WebhookVerifier(signer.public_key)
    deliveries = [Delivery(signer, gather_ended(i)) for i in range(pool)]

    def router(store: Store) -> Router[None]:
        routed = Router(verifier=verifier, client=NoSends(), store=store)
        routed.on(CallGatherEnded)(lambda event: None)
        return routed

    with redis_server() as url:
        wraps = iter(range(1 << 40))
        fleet_store = RedisStore.from_url(url, prefix=f"bench{next(wraps)}:")
        fleet = router(fleet_store)
        behind_store = RedisStore.from_url(url, prefix=f"bench{next(wraps)}:", write_behind=True)
        behind = router(behind_store)

        def fresh_redis() -> None:
            fleet_store.prefix = f"bench{next(wraps)}:"

        def fresh_behind() -> None:
            behind_store.flush()  # pending marks go under the old prefix before it changes
            behind_store.prefix = f"bench{next(wraps)}:"

        plain, in_redis, in_behind = (
            cycle(deliveries, lambda: None),
            cycle(deliveries, fresh_redis),
            cycle(deliveries, fresh_behind),
        )

        def unwrap() -> object:
            delivery = plain()
            return verifier.unwrap(delivery.body, delivery.headers)

        def handle_redis() -> Outcome:
            delivery = in_redis()
            return fleet.handle(delivery.body, delivery.headers)

        def handle_behind() -> Outcome:
            delivery = in_behind()
            return behind.handle(delivery.body, delivery.headers)

        assert handle_redis().reason == handle_behind().reason == "handled"
        waiting = interleave(
            {"unwrap": unwrap, "redis": handle_redis, "behind": handle_behind},
            rounds=rounds,
            batch_seconds=batch_seconds,
        )
        fleet_store.close()
        behind_store.close()
    times = {
        "memory": in_process["memory"],
        "bare": in_process["bare"],
        "redis": waiting["redis"],
        "behind": waiting["behind"],
    }
    best = {name: min(samples) for name, samples in times.items()}
    best["unwrap"], best["unwrap_wall"] = min(in_process["unwrap"]), min(waiting["unwrap"])
    return [
        Figure(
            "6",
            "Router.handle (MemoryStore, no-op handler) vs unwrap",
            paired_ratio(in_process, "memory", "unwrap"),
            Target("<=", 1.10),
            f"router {fmt_seconds(best['memory'])}, unwrap {fmt_seconds(best['unwrap'])} (CPU); "
            f"{pool} distinct deliveries; a process without opentelemetry",
        ),
        Figure(
            "6e",
            "unwrap, then MemoryStore claim, handler and finish, no router, vs unwrap",
            paired_ratio(in_process, "bare", "unwrap"),
            None,
            f"{fmt_seconds(best['bare'])} (CPU): the floor under figure 6, "
            "the store's own calls with nothing around them",
        ),
        Figure(
            "6a",
            "Router.handle (RedisStore, write_behind=True, loopback) vs unwrap",
            paired_ratio(waiting, "behind", "unwrap"),
            Target("<=", 3.0),
            f"router {fmt_seconds(best['behind'])}, unwrap {fmt_seconds(best['unwrap_wall'])} "
            "(wall); 1 round trip: the claim script, carrying the finish marks before it",
        ),
        Figure(
            "6aa",
            "Router.handle (RedisStore, default: the answer waits for the finish) vs unwrap",
            paired_ratio(waiting, "redis", "unwrap"),
            None,
            f"router {fmt_seconds(best['redis'])}, unwrap {fmt_seconds(best['unwrap_wall'])} "
            "(wall); claim script + finish, 2 round trips",
        ),
    ]


if __name__ == "__main__":
    args = sys.argv[1:]
    print(json.dumps(_child(int(args[0]), float(args[1]), int(args[2]))))
