"""How the sandbox delivers: the retry schedule, and the faults it can inject on purpose."""

from __future__ import annotations

import math
import random
from collections.abc import Collection
from dataclasses import dataclass, field

__all__ = ["DEFAULT_RETRY_DELAYS", "Faults", "check_delays"]

DEFAULT_RETRY_DELAYS: tuple[float, ...] = (1.0, 2.0, 4.0, 8.0, 16.0, 32.0)
"""Call seconds between attempts: a webhook is posted up to 7 times over about a minute.

Telnyx retries a failed webhook (a non-2xx answer or no answer in time) but
does not document its schedule; this one is an assumption. It runs in call
time, so `time_scale` shortens it like every other wait in the sandbox.
"""

Rule = float | Collection[str]
"""A probability in [0, 1] for every webhook, or the event types the fault always hits."""


def check_delays(delays: Collection[float]) -> tuple[float, ...]:
    """`delays` as a tuple, if each is a finite, non-negative number; else `ValueError`."""
    checked = tuple(float(d) for d in delays)
    if not all(d >= 0 and math.isfinite(d) for d in checked):
        raise ValueError("retry delays must be finite, non-negative numbers of seconds")
    return checked


@dataclass(frozen=True)
class Faults:
    """Delivery faults the sandbox injects, so a test can prove the app handles each once.

    Each rule is a probability (`0.1`: one webhook in ten, drawn from a
    generator seeded with `seed`, so a run repeats) or a collection of event
    types it hits every time (`{"call.answered"}`).

    Attributes:
        fail_first: The first attempt is posted, but the receiver's answer is
            dropped as if it never came, so the webhook is retried with
            `meta.attempt` 2 and the same `data.id`.
        duplicate: After a successful delivery, the same webhook is posted
            again (same `data.id`, the next `meta.attempt`).
        reorder: The webhook swaps places with the next one queued for its
            call, when there is one.
        seed: Seeds the draws.

    Raises:
        ValueError: A probability is outside [0, 1].
    """

    fail_first: Rule = 0.0
    duplicate: Rule = 0.0
    reorder: Rule = 0.0
    seed: int = 0
    _random: random.Random = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        for rule in (self.fail_first, self.duplicate, self.reorder):
            if isinstance(rule, (int, float)) and not 0 <= rule <= 1:
                raise ValueError("a fault probability must be between 0 and 1")
        object.__setattr__(self, "_random", random.Random(self.seed))

    def draw(self, event_type: str) -> tuple[bool, bool, bool]:
        """Whether `fail_first`, `duplicate` and `reorder` hit the next webhook."""
        return (
            self._hits(self.fail_first, event_type),
            self._hits(self.duplicate, event_type),
            self._hits(self.reorder, event_type),
        )

    def _hits(self, rule: Rule, event_type: str) -> bool:
        if isinstance(rule, (int, float)):
            return rule > 0 and self._random.random() < rule
        return event_type in rule
