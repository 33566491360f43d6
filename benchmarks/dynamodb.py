"""Figure 6b: `Router.handle` with a `DynamoDBStore`, against dynalite on loopback.

The same signed `call.gather.ended` deliveries as figures 6 and 6a, each with
its own event id, interleaved round by round with the baseline:

- unwrap: `WebhookVerifier.unwrap(body, headers)`, verify and parse.
- dynamodb: `Router.handle(body, headers)` with a `DynamoDBStore` on a table
  in dynalite (a DynamoDB-compatible server in Node.js) on 127.0.0.1, and a
  handler that returns `None`: two requests per delivery (the conditional
  `PutItem` of the claim, the `UpdateItem` of the finish), each signed by boto3.

Timed on the wall clock. The figure is reported, with no target: dynalite's
latency is not DynamoDB's, so it shows the cost of boto3 and two round trips
on this machine, not what a Lambda in the table's region sees.
"""

from __future__ import annotations

from itertools import count
from typing import TYPE_CHECKING

from ._deliveries import Delivery, benchmark_signer, gather_ended
from ._dynalite import client as local_client
from ._dynalite import dynalite
from ._measure import Figure, fmt_seconds, interleave, paired_ratio
from .router import NoSends, cycle

if TYPE_CHECKING:
    from telnyx_gather.router import Outcome

__all__ = ["run"]


def run(*, rounds: int, batch_seconds: float, pool: int) -> list[Figure]:
    """Measure figure 6b over `pool` distinct deliveries."""
    from telnyx_gather import CallGatherEnded, Router, WebhookVerifier
    from telnyx_gather.dynamodb import DynamoDBStore, create_table

    signer = benchmark_signer()
    verifier = WebhookVerifier(signer.public_key)
    deliveries = [Delivery(signer, gather_ended(i)) for i in range(pool)]
    with dynalite() as url:
        client = local_client(url)
        create_table("bench-events", client=client, time_to_live=False)

        def router(prefix: str) -> Router[None]:
            store = DynamoDBStore("bench-events", client=client, prefix=prefix)
            routed = Router(verifier=verifier, client=NoSends(), store=store)
            routed.on(CallGatherEnded)(lambda event: None)
            return routed

        wraps = count()
        current = [router("b:")]

        def fresh() -> None:  # a new prefix: every delivery is new again
            current[0] = router(f"b{next(wraps)}:")

        plain, stored = cycle(deliveries, lambda: None), cycle(deliveries, fresh)

        def unwrap() -> object:
            delivery = plain()
            return verifier.unwrap(delivery.body, delivery.headers)

        def handle() -> Outcome:
            delivery = stored()
            return current[0].handle(delivery.body, delivery.headers)

        assert handle().reason == "handled"
        times = interleave(
            {"unwrap": unwrap, "dynamodb": handle}, rounds=rounds, batch_seconds=batch_seconds
        )
        client.close()
    best = {name: min(samples) for name, samples in times.items()}
    return [
        Figure(
            "6b",
            "Router.handle (DynamoDBStore on dynalite, loopback) vs unwrap",
            paired_ratio(times, "dynamodb", "unwrap"),
            None,
            f"router {fmt_seconds(best['dynamodb'])}, unwrap {fmt_seconds(best['unwrap'])} "
            "(wall); conditional PutItem + UpdateItem, 2 round trips",
        )
    ]
