"""`Marks`, the finish marks a write-behind store holds until a round trip writes them.

Plain bookkeeping, tested without Redis: what is pending, what a round trip
takes, and where the marks go when it ends well, fails or is cut short.
"""

from __future__ import annotations

import asyncio
import logging

import pytest

from telnyx_gather._pipelining import Marks
from telnyx_gather.stores import StoreError


def test_marks_in_a_round_trip_are_still_pending_beside_new_ones() -> None:
    marks = Marks()
    marks.add("a")
    with marks.sending() as keys:
        marks.add("b")
        assert keys == ["a"]
        assert len(marks) == 2
        assert "a" in marks
        assert "b" in marks
    assert len(marks) == 1
    assert "a" not in marks
    with marks.sending() as keys:
        assert keys == ["b"]
    assert len(marks) == 0


def test_each_round_trip_that_takes_marks_is_counted() -> None:
    marks = Marks()
    with marks.sending() as keys:  # nothing waiting: nothing taken, nothing counted
        assert keys == []
    assert marks.taken == 0
    for count, key in enumerate(("a", "b"), start=1):
        marks.add(key)
        with marks.sending():
            pass
        assert marks.taken == count


def test_a_failed_round_trip_puts_its_marks_back_and_says_so(
    caplog: pytest.LogCaptureFixture,
) -> None:
    marks = Marks()
    marks.add("a")
    with caplog.at_level(logging.WARNING), pytest.raises(StoreError), marks.sending():
        raise StoreError("Redis is unavailable (ConnectionError)")
    assert "could not write 1 finish mark(s)" in caplog.text
    with marks.sending() as keys:
        assert keys == ["a"]  # the next round trip takes it again


@pytest.mark.parametrize("cut", [asyncio.CancelledError, KeyboardInterrupt])
def test_a_round_trip_cut_short_puts_its_marks_back_quietly(
    caplog: pytest.LogCaptureFixture, cut: type[BaseException]
) -> None:
    marks = Marks()
    marks.add("a")
    with caplog.at_level(logging.DEBUG), pytest.raises(cut), marks.sending():
        raise cut
    assert caplog.text == ""  # nothing says Redis did not write it
    assert "a" in marks
    with marks.sending() as keys:
        assert keys == ["a"]
    assert len(marks) == 0
