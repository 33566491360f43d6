"""`Router.handle` renews its leases from one daemon thread, woken for each new lease."""

from __future__ import annotations

import threading

import pytest

from telnyx_gather import CallGatherEnded, GatherClient, Router, WebhookVerifier
from telnyx_gather.router import Outcome, _leases
from telnyx_gather.stores import MemoryStore, StoreError
from telnyx_gather.testing import WebhookSigner, call_gather_ended

LEASE = 1.2  # renewed every 0.4 s: a stall of twice that loses nothing
THREAD = "telnyx-gather-leases"


class Counting(MemoryStore):
    """A real `MemoryStore` that counts its renewals; with `blink`, the first one fails."""

    def __init__(self, lease: float, *, blink: bool = False) -> None:
        super().__init__(lease=lease)
        self.renewals = 0
        self.blink = blink

    def renew(self, key: str, token: str) -> bool:
        self.renewals += 1
        if self.blink and self.renewals == 1:
            raise StoreError("the store is unavailable (a blip)")
        return super().renew(key, token)


def test_a_quick_delivery_is_never_renewed_and_the_renewing_thread_is_a_daemon(
    verifier: WebhookVerifier, client: GatherClient, signer: WebhookSigner
) -> None:
    store = Counting(lease=30.0)  # renewed every 10 s: far after these deliveries end
    router = Router(verifier=verifier, client=client, store=store)
    before = set(threading.enumerate())

    @router.on(CallGatherEnded)
    def brief(event: CallGatherEnded) -> None:
        threading.Event().wait(0.1)

    for event_id in ("ev-brief", "ev-brief-2"):
        body = call_gather_ended(event_id=event_id)
        assert router.handle(body, signer.sign(body)).reason == "handled"

    assert store.renewals == 0
    renewing = [t for t in set(threading.enumerate()) - before if t.name == THREAD]
    assert len(renewing) == 1  # one thread per router, still idling after both deliveries
    assert renewing[0].daemon  # it never holds the process open at exit


@pytest.mark.parametrize("thread", ["idling", "stopped"])
def test_a_lease_taken_after_a_pause_is_renewed_through_a_failed_renewal(
    verifier: WebhookVerifier,
    client: GatherClient,
    signer: WebhookSigner,
    monkeypatch: pytest.MonkeyPatch,
    thread: str,
) -> None:
    if thread == "stopped":  # the thread stops after this long with no lease (30 s by default)
        monkeypatch.setattr(_leases, "IDLE_SECONDS", 0.2)
    before = set(threading.enumerate())
    store = Counting(lease=LEASE, blink=True)
    router = Router(verifier=verifier, client=client, store=store, busy_wait=0, deadline=None)
    runs: list[str] = []
    answered = threading.Event()

    @router.on(CallGatherEnded)
    def ended(event: CallGatherEnded) -> None:
        runs.append(event.id)
        if runs == ["ev-quick", "ev-long"]:  # the first run of ev-long holds on
            assert answered.wait(30)

    quick = call_gather_ended(event_id="ev-quick")
    assert router.handle(quick, signer.sign(quick)).reason == "handled"
    if thread == "idling":
        threading.Event().wait(LEASE)  # past the quick lease's renewal time: it idles now
    else:
        [renewing] = [t for t in set(threading.enumerate()) - before if t.name == THREAD]
        renewing.join(30)
        assert not renewing.is_alive()  # it stopped; the next lease starts another

    redeliveries, outcomes = _outlast_two_leases(router, signer, runs, answered)
    renewed = store.renewals
    threading.Event().wait(LEASE)  # three renewal periods after the delivery ended

    assert redeliveries == ["in_progress", "in_progress"]
    assert [o.reason for o in outcomes] == ["handled"]
    assert runs == ["ev-quick", "ev-long"]
    assert 1 < renewed < 100  # the first failed and the lease still held; no renewal loop
    assert store.renewals == renewed  # a finished delivery's lease is no longer renewed


class Crashing(Counting):
    """A real `MemoryStore` whose first renewal raises what no store should: a bug."""

    def renew(self, key: str, token: str) -> bool:
        if self.renewals == 0:
            self.renewals += 1
            raise RuntimeError("a bug in the store")
        return super().renew(key, token)


@pytest.mark.filterwarnings("ignore::pytest.PytestUnhandledThreadExceptionWarning")
def test_a_renewing_thread_that_crashed_is_replaced_for_the_next_lease(
    verifier: WebhookVerifier, client: GatherClient, signer: WebhookSigner
) -> None:
    store = Crashing(lease=LEASE)
    router = Router(verifier=verifier, client=client, store=store, busy_wait=0, deadline=None)
    runs: list[str] = []
    answered = threading.Event()

    @router.on(CallGatherEnded)
    def ended(event: CallGatherEnded) -> None:
        runs.append(event.id)
        if event.id == "ev-first":  # held until the renewing thread has crashed
            for _ in range(3000):
                if store.renewals:
                    break
                threading.Event().wait(0.01)
        elif runs == ["ev-first", "ev-long"]:
            assert answered.wait(30)

    first = call_gather_ended(event_id="ev-first")
    assert router.handle(first, signer.sign(first)).reason == "handled"
    assert store.renewals == 1  # the thread crashed on it

    redeliveries, outcomes = _outlast_two_leases(router, signer, runs, answered)

    assert redeliveries == ["in_progress", "in_progress"]
    assert [o.reason for o in outcomes] == ["handled"]


def _outlast_two_leases(
    router: Router[None], signer: WebhookSigner, runs: list[str], answered: threading.Event
) -> tuple[list[str], list[Outcome]]:
    """Deliver `ev-long` on a worker thread, redeliver it twice a lease and more apart, then
    let its handler answer; the redeliveries' reasons and the first delivery's outcome."""
    body = call_gather_ended(event_id="ev-long")
    outcomes: list[Outcome] = []
    worker = threading.Thread(
        target=lambda: outcomes.append(router.handle(body, signer.sign(body)))
    )
    worker.start()
    while "ev-long" not in runs and worker.is_alive():
        threading.Event().wait(0.001)
    redeliveries = []
    for _ in range(2):  # two leases and more after the claim, each found busy
        threading.Event().wait(LEASE * 1.2)
        redeliveries.append(router.handle(body, signer.sign(body)).reason)
    answered.set()
    worker.join()
    return redeliveries, outcomes
