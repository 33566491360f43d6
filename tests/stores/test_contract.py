"""The store contract: every kind in `kinds.py` keeps these promises (see `telnyx_gather.stores`).

Leases are short here so expiry happens within the test; every wait on an
expiry is bounded, so a store that never expires fails instead of hanging.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

import pytest

from telnyx_gather.stores import Claim, MemoryStore, Store
from tests.stores.kinds import Factory

BOUND = 10.0  # seconds any wait on an expiry may take before the test fails


def eventually(check: Callable[[], bool], what: str) -> None:
    deadline = time.monotonic() + BOUND
    while not check():
        if time.monotonic() > deadline:
            pytest.fail(f"never: {what}")
        time.sleep(0.01)


def claimed_again(store: Store, key: str) -> Claim:
    claims: list[Claim] = []

    def take() -> bool:
        claims.append(store.claim(key))
        return claims[-1].state == "claimed"

    eventually(take, f"{key} claimable again")
    return claims[-1]


class Clock:
    """A clock that moves only when told."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_claim_then_busy_then_done(make_store: Factory) -> None:
    store = make_store()
    first = store.claim("ev-1")
    assert first.state == "claimed"
    assert first.token
    assert store.claim("ev-1") == Claim("busy")
    store.finish("ev-1", first.token)
    assert store.claim("ev-1") == Claim("done")
    assert store.claim("ev-2").state == "claimed"


def test_release_on_failure_frees_only_the_holders_claim(make_store: Factory) -> None:
    store = make_store()
    mine = store.claim("ev-r")
    store.release("ev-r", "someone-else")
    assert store.claim("ev-r").state == "busy"
    store.release("ev-r", mine.token)
    again = store.claim("ev-r")
    assert again.state == "claimed"
    assert again.token != mine.token
    store.release("ev-r", mine.token)  # a late release of the old claim changes nothing
    assert store.claim("ev-r").state == "busy"


def test_a_crashed_holder_frees_the_event_within_one_lease(make_store: Factory) -> None:
    # Long enough for the three calls after the new claim, on a store a round trip away.
    store = make_store(lease=0.5, done_ttl=600.0)
    dead = store.claim("ev-dead")  # ...and its worker never renews it
    assert dead.state == "claimed"
    taken = claimed_again(store, "ev-dead")
    assert taken.token != dead.token
    assert store.renew("ev-dead", dead.token) is False  # the dead worker cannot take it back
    store.release("ev-dead", dead.token)  # nor free it
    assert store.claim("ev-dead").state == "busy"
    store.finish("ev-dead", taken.token)
    assert store.claim("ev-dead").state == "done"


def test_a_renewed_lease_outlives_its_length(make_store: Factory) -> None:
    # Renewed four times a lease, so a stall of up to three quarters of a lease
    # (a loaded machine, a slow store) still renews in time.
    store = make_store(lease=1.0, done_ttl=600.0)
    held = store.claim("ev-slow")
    for _ in range(12):  # three leases long
        time.sleep(0.25)
        assert store.renew("ev-slow", held.token) is True
        assert store.claim("ev-slow").state == "busy"
    claimed_again(store, "ev-slow")  # once renewals stop, the lease runs out


def test_renew_keeps_only_the_holders_live_lease(make_store: Factory) -> None:
    store = make_store()
    assert store.renew("ev-none", "tok") is False
    held = store.claim("ev-n")
    assert store.renew("ev-n", "someone-else") is False
    assert store.renew("ev-n", held.token) is True
    store.release("ev-n", held.token)
    assert store.renew("ev-n", held.token) is False
    assert store.claim("ev-n").state == "claimed"  # the failed renewal took nothing back
    done = store.claim("ev-d")
    store.finish("ev-d", done.token)
    assert store.renew("ev-d", done.token) is False
    assert store.claim("ev-d").state == "done"


def test_finished_stays_finished_until_its_ttl(make_store: Factory) -> None:
    store = make_store(lease=0.05, done_ttl=0.4)
    held = store.claim("ev-f")
    store.finish("ev-f", held.token)
    time.sleep(0.1)  # two leases: the done mark must still hold
    assert store.claim("ev-f") == Claim("done")
    store.release("ev-f", held.token)  # a release cannot undo it
    assert store.claim("ev-f") == Claim("done")
    claimed_again(store, "ev-f")  # ...until done_ttl has passed


def test_a_late_finish_marks_the_event_done_whoever_holds_it(make_store: Factory) -> None:
    store = make_store(lease=0.05, done_ttl=600.0)
    slow = store.claim("ev-late")
    claimed_again(store, "ev-late")
    store.finish("ev-late", slow.token)  # its commands went out: the event is handled
    assert store.claim("ev-late") == Claim("done")


def test_exactly_one_of_many_racing_threads_claims(make_store: Factory) -> None:
    store = make_store()
    barrier = threading.Barrier(8)
    claims: list[Claim] = []

    def race() -> None:
        barrier.wait()
        claims.append(store.claim("ev-race"))

    threads = [threading.Thread(target=race) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(c.state for c in claims) == ["busy"] * 7 + ["claimed"]
    [winner] = [c for c in claims if c.state == "claimed"]
    assert store.renew("ev-race", winner.token) is True


def test_tokens_are_never_reused(make_store: Factory) -> None:
    store = make_store()
    tokens = set()
    for n in range(20):
        claim = store.claim(f"ev-t{n % 2}")
        tokens.add(claim.token)
        store.release(f"ev-t{n % 2}", claim.token)
    assert len(tokens) == 20


def test_a_lease_ends_at_exactly_its_expiry_instant(make_clocked_store: Factory) -> None:
    clock = Clock()
    store = make_clocked_store(lease=5.0, done_ttl=60.0, clock=clock)
    first = store.claim("ev-x")
    clock.now += 4.999
    assert store.claim("ev-x").state == "busy"
    assert store.renew("ev-x", first.token) is True  # now lasts 5 s from here
    clock.now += 5.0
    assert store.renew("ev-x", first.token) is False  # the instant it expires, it is gone
    second = store.claim("ev-x")
    assert second.state == "claimed"
    store.finish("ev-x", second.token)
    clock.now += 59.999
    assert store.claim("ev-x").state == "done"
    clock.now += 0.001
    assert store.claim("ev-x").state == "claimed"


@pytest.mark.parametrize("bad", [{"lease": 0}, {"lease": 10, "done_ttl": 5}, {"lease": -1}])
def test_a_lease_must_be_positive_and_within_done_ttl(
    make_store: Factory, bad: dict[str, float]
) -> None:
    with pytest.raises(ValueError, match=r"^store TTLs: need 0 < lease <= done_ttl \(seconds\)$"):
        make_store(**bad)


def test_a_lease_as_long_as_done_ttl_is_allowed(make_store: Factory) -> None:
    store = make_store(lease=5.0, done_ttl=5.0)
    assert store.claim("ev-equal").state == "claimed"


def test_a_full_store_forgets_its_oldest_entry(make_bounded_store: Factory) -> None:
    store = make_bounded_store(max_events=3)
    for key in "abc":
        store.finish(key, store.claim(key).token)
    held = store.claim("d")  # full: "a", the oldest, is forgotten
    assert held.state == "claimed"
    assert store.claim("a").state == "claimed"  # forgotten, so it runs again; "b" goes
    assert [store.claim(k).state for k in "cd"] == ["done", "busy"]
    assert store.claim("b").state == "claimed"
    store.finish("e", "t")  # a finish with no claim also makes room, dropping "c"
    assert [store.claim(k).state for k in "ce"] == ["claimed", "done"]


def test_a_full_store_finishing_an_entry_it_holds_forgets_nothing(
    make_bounded_store: Factory,
) -> None:
    store = make_bounded_store(max_events=2)
    store.claim("a")
    store.finish("b", store.claim("b").token)  # full, but "b" is already there
    assert [store.claim(k).state for k in "ab"] == ["busy", "done"]
    store.finish("c", "t")  # full, and "c" is new: only the oldest, "a", goes
    assert [store.claim(k).state for k in "bc"] == ["done", "done"]
    assert store.claim("a").state == "claimed"


def test_memory_store_defaults_and_its_smallest_bound() -> None:
    store = MemoryStore()
    assert (store.max_events, store.lease, store.done_ttl) == (100_000, 5.0, 86_400.0)
    one = MemoryStore(max_events=1)
    one.claim("a")
    assert [one.claim(k).state for k in "ba"] == ["claimed", "claimed"]  # each forgets the other
    with pytest.raises(ValueError, match=r"^MemoryStore: max_events must be at least 1$"):
        MemoryStore(max_events=0)
