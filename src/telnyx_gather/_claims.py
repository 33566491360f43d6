"""The answer to a store's `claim`, shared by every store (see `telnyx_gather.stores`)."""

from __future__ import annotations

import functools
from typing import Literal, NamedTuple

__all__ = ["BUSY", "DONE", "FINISHED", "Claim", "ClaimState", "check_ttls", "new_claim"]

ClaimState = Literal["claimed", "busy", "done"]
"""What `Store.claim` found: the event is now ours, held elsewhere, or finished."""

DONE = "done"
"""The value a store keeps for a finished event (an owner token never equals it)."""


class Claim(NamedTuple):
    """The answer to `Store.claim`: the state, and the owner token when it is ours."""

    state: ClaimState
    token: str = ""


FINISHED = Claim("done")
"""The claim of a finished event (every store answers with this one)."""
BUSY = Claim("busy")
"""The claim of an event held elsewhere (every store answers with this one)."""

new_claim = functools.partial(tuple[str, str].__new__, Claim)
"""`Claim` from a (state, token) pair, built in C: a named tuple's own constructor is Python."""


def check_ttls(lease: float, done_ttl: float) -> None:
    """Refuse a lease that is not positive, or a done mark shorter than a lease."""
    if not 0 < lease <= done_ttl:
        raise ValueError("store TTLs: need 0 < lease <= done_ttl (seconds)")
