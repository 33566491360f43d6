"""The one-timer-per-loop `Sweep`: what fires, in what order, on which loop.

No test here asserts a time: each waits on the loop for what should fire and
checks what did.
"""

from __future__ import annotations

import asyncio
import gc
import weakref

from telnyx_gather._sweep import Sweep, Sweeps

DELAY = 0.01


async def _settle(rounds: int = 6) -> None:
    """Let several delays pass on the running loop."""
    for _ in range(rounds):
        await asyncio.sleep(DELAY)


def test_each_item_fires_once_in_the_order_it_was_added() -> None:
    fired: list[str] = []

    async def main() -> None:
        sweep: Sweep[str] = Sweep(asyncio.get_running_loop(), DELAY, fired.append)
        for item in ("a", "b", "c"):
            sweep.add(item)
        await _settle()
        assert sweep.due == {}
        assert not sweep.armed

    asyncio.run(main())
    assert fired == ["a", "b", "c"]


def test_a_discarded_item_never_fires_and_the_rest_still_do() -> None:
    fired: list[str] = []

    async def main() -> None:
        sweep: Sweep[str] = Sweep(asyncio.get_running_loop(), DELAY, fired.append)
        sweep.add("first")
        sweep.add("second")
        sweep.discard("first")  # the timer waits for it; it fires the second
        sweep.discard("never added")
        await _settle()

    asyncio.run(main())
    assert fired == ["second"]


def test_an_item_added_again_fires_once_after_the_later_add() -> None:
    fired: list[str] = []

    async def main() -> None:
        sweep: Sweep[str] = Sweep(asyncio.get_running_loop(), DELAY, fired.append)
        sweep.add("renewed")
        sweep.add("other")
        sweep.add("renewed")  # to the back: after "other"
        assert list(sweep.due) == ["other", "renewed"]
        await _settle()

    asyncio.run(main())
    assert fired == ["other", "renewed"]


def test_an_item_not_yet_due_at_a_sweep_fires_from_the_timer_that_sweep_sets() -> None:
    fired: list[str] = []

    async def main() -> None:
        sweep: Sweep[str] = Sweep(asyncio.get_running_loop(), 5 * DELAY, fired.append)
        sweep.add("first")
        # The loop runs its timers in order: this sleep ends before the sweep
        # that fires "first", so "later" is still 20 ms from due at that sweep.
        await asyncio.sleep(2 * DELAY)
        sweep.add("later")
        await _settle(20)

    asyncio.run(main())
    assert fired == ["first", "later"]


def test_fire_may_add_the_item_again_and_it_fires_again() -> None:
    fired: list[int] = []

    async def main() -> None:
        def again(item: int) -> None:
            fired.append(item)
            if len(fired) < 3:
                sweep.add(item)

        sweep: Sweep[int] = Sweep(asyncio.get_running_loop(), DELAY, again)
        sweep.add(7)
        await _settle(10)
        assert not sweep.armed  # nothing left: no timer stays on the loop

    asyncio.run(main())
    assert fired == [7, 7, 7]


def test_one_sweep_per_loop_and_none_keeps_its_loop_alive() -> None:
    sweeps: Sweeps[str] = Sweeps(DELAY, lambda item: None)
    seen: list[Sweep[str]] = []

    async def here_twice() -> None:
        first = sweeps.here()
        assert sweeps.here() is first
        seen.append(first)

    loops = [asyncio.new_event_loop() for _ in range(2)]
    for loop in loops:
        loop.run_until_complete(here_twice())
    loops[0].run_until_complete(here_twice())  # back to the first loop: its own sweep
    assert seen[0] is seen[2]
    assert seen[0] is not seen[1]
    gone = weakref.ref(loops[0])
    for loop in loops:
        loop.close()
    seen.clear()
    del loops, loop
    gc.collect()
    assert gone() is None


def test_a_sweep_whose_timer_is_set_when_its_loop_ends_keeps_no_loop_alive() -> None:
    # As `asyncio.run` per event does: each loop ends with an item still due.
    sweeps: Sweeps[str] = Sweeps(60.0, lambda item: None)
    gone: list[weakref.ref[asyncio.AbstractEventLoop]] = []

    async def add() -> None:
        sweeps.here().add("due in a minute")
        gone.append(weakref.ref(asyncio.get_running_loop()))

    for _ in range(3):
        asyncio.run(add())
    gc.collect()
    assert [loop() for loop in gone] == [None, None, None]
