"""A router past its bound: 503 at once, nothing claimed.

`max_in_flight` counts the deliveries in hand across `handle` and
`handle_async`; one more is answered `overloaded` without verifying it,
running a handler or touching the store, and a redelivery later runs. A
delivery signed long ago (within the verifier's tolerance) still runs: its
age is not judged by its signature.
"""

from __future__ import annotations

import asyncio
import threading
import time

import pytest

from telnyx_gather import CallGatherEnded, GatherClient, Router, WebhookVerifier
from telnyx_gather.router import Outcome
from telnyx_gather.stores import MemoryStore
from telnyx_gather.testing import WebhookSigner, call_gather_ended

HELD = call_gather_ended(event_id="ev-held")
OTHER = call_gather_ended(event_id="ev-other")


class Holding:
    """A router whose handler holds `ev-held` until told to let go; it notes every run."""

    def __init__(self, router: Router[None]) -> None:
        self.router = router
        self.runs: list[str] = []
        self.inside = threading.Event()
        self.release = threading.Event()
        self.outcomes: list[Outcome] = []
        router.on(CallGatherEnded)(self.handle)

    def handle(self, event: CallGatherEnded) -> None:
        self.runs.append(event.id)
        if event.id == "ev-held":
            self.inside.set()
            assert self.release.wait(30)

    def hold(self, signer: WebhookSigner) -> threading.Thread:
        thread = threading.Thread(
            target=lambda: self.outcomes.append(self.router.handle(HELD, signer.sign(HELD)))
        )
        thread.start()
        assert self.inside.wait(30)
        return thread


def test_past_max_in_flight_a_delivery_is_answered_503_at_once_and_runs_on_redelivery(
    verifier: WebhookVerifier, client: GatherClient, signer: WebhookSigner
) -> None:
    store = MemoryStore()
    app = Holding(Router(verifier=verifier, client=client, store=store, max_in_flight=1))
    thread = app.hold(signer)

    shed = app.router.handle(OTHER, signer.sign(OTHER))
    shed_async = asyncio.run(app.router.handle_async(OTHER, signer.sign(OTHER)))
    forged = app.router.handle(OTHER, {"telnyx-signature-ed25519": "AAAA"})

    assert (shed.status, shed.reason, shed.headers) == (503, "overloaded", {"Retry-After": "1"})
    assert shed_async == shed  # `handle_async` counts the delivery `handle` holds
    assert forged == shed  # decided before verifying: a 503 acknowledges nothing
    assert shed.event is None
    assert app.runs == ["ev-held"]
    probe = store.claim("ev-other")
    assert probe.state == "claimed"  # the shed deliveries never reached the store
    store.release("ev-other", probe.token)

    app.release.set()
    thread.join(30)
    again = app.router.handle(OTHER, signer.sign(OTHER))
    assert [o.reason for o in app.outcomes] == ["handled"]
    assert (again.status, again.reason) == (200, "handled")
    assert app.runs == ["ev-held", "ev-other"]


def test_without_a_bound_deliveries_in_flight_are_not_limited(
    verifier: WebhookVerifier, client: GatherClient, signer: WebhookSigner
) -> None:
    app = Holding(Router(verifier=verifier, client=client))
    thread = app.hold(signer)
    try:
        outcome = app.router.handle(OTHER, signer.sign(OTHER))
    finally:
        app.release.set()
        thread.join(30)
    assert outcome.reason == "handled"


@pytest.mark.parametrize("deadline", [8.0, None])
def test_a_delivery_signed_long_ago_still_runs(
    verifier: WebhookVerifier, client: GatherClient, signer: WebhookSigner, deadline: float | None
) -> None:
    app = Holding(Router(verifier=verifier, client=client, deadline=deadline))
    old = int(time.time()) - 60  # past the deadline, within the verifier's tolerance
    assert app.router.handle(OTHER, signer.sign(OTHER, timestamp=old)).reason == "handled"
    assert app.runs == ["ev-other"]


@pytest.mark.parametrize("bad", [0, -1, True, 1.5])
def test_max_in_flight_must_be_a_whole_number_of_one_or_more(
    verifier: WebhookVerifier, client: GatherClient, bad: object
) -> None:
    with pytest.raises(
        ValueError, match=r"^Router: max_in_flight must be a whole number of 1 or more, or None$"
    ):
        Router(verifier=verifier, client=client, max_in_flight=bad)  # type: ignore[arg-type]


def test_the_bound_counts_every_delivery_in_hand(
    verifier: WebhookVerifier, client: GatherClient, signer: WebhookSigner
) -> None:
    router = Router(verifier=verifier, client=client, max_in_flight=2)
    inside, release = threading.Semaphore(0), threading.Event()
    outcomes: list[str] = []

    @router.on(CallGatherEnded)
    def held(event: CallGatherEnded) -> None:
        inside.release()
        assert release.wait(30)

    def deliver(event_id: str) -> None:
        body = call_gather_ended(event_id=event_id)
        outcomes.append(router.handle(body, signer.sign(body)).reason)

    assert router.handle(OTHER, {}).reason == "unauthenticated"  # in and out again
    holders = [threading.Thread(target=deliver, args=(f"ev-held-{n}",)) for n in (1, 2)]
    for holder in holders:
        holder.start()
    assert inside.acquire(timeout=30)
    assert inside.acquire(timeout=30)  # both in their handlers: two in hand

    shed = router.handle(OTHER, signer.sign(OTHER))

    release.set()
    for holder in holders:
        holder.join(30)
    assert (shed.status, shed.reason) == (503, "overloaded")
    assert outcomes == ["handled", "handled"]


def test_a_bounded_router_runs_async_deliveries_and_gives_each_place_back(
    verifier: WebhookVerifier, client: GatherClient, signer: WebhookSigner
) -> None:
    router = Router(verifier=verifier, client=client, max_in_flight=1)
    runs: list[str] = []
    router.on(CallGatherEnded)(lambda event: runs.append(event.id))

    async def one_after_the_other() -> list[str]:
        return [(await router.handle_async(b, signer.sign(b))).reason for b in (HELD, OTHER)]

    assert asyncio.run(one_after_the_other()) == ["handled", "handled"]  # one place, reused
    assert runs == ["ev-held", "ev-other"]
