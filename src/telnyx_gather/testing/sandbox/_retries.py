"""Which failed webhooks the sandbox retries, and after which delays.

Telnyx documents only that a webhook without a 2xx answer is retried; a
widely quoted operations note says that only 408, 429 and 5xx answers (and
no answer at all) are, and other 4xx answers are dropped. `retry_on` picks
one reading, so an app can be tested under both:

- `"non_2xx"` (the default): every answer outside 200-299 is retried;
- `"408_429_5xx"`: only 408, 429 and 500-599; any other non-2xx answer ends
  the webhook at once, undelivered.

A connection that fails or an answer that does not come within the timeout is
retried under both rules. The timeout is `delivery_timeout` real seconds, or
`webhook_timeout_secs`, read as Telnyx reads that connection setting. It is
not scaled by `time_scale` (the retry delays are): it bounds the app's real
work, which scaled time does not speed up. The attempts of one webhook never
overlap: the next is posted only once the previous one's connection is
closed, which an ASGI app sees and stops that attempt's work on.

An app may set the delays per event type on `answer`, `dial` (`POST /calls`)
or any command that carries `webhook_retries_policies` (such as `transfer`):
from then on, that call's webhooks of each listed type are retried after
that policy's `retries_ms` instead of the sandbox's `retry_delays`; the
models check the API's limits (at most 5 retries, 60 s in total).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Literal, get_args

from ...commands import WebhookRetriesPolicy

__all__ = ["RETRY_RULES", "RetryOn", "delivery_timeout_of", "is_retried", "retry_schedule"]

RetryOn = Literal["non_2xx", "408_429_5xx"]
"""Which answers the sandbox retries: every non-2xx one, or only 408, 429 and 5xx."""

RETRY_RULES: tuple[str, ...] = get_args(RetryOn)


def is_retried(status: int | None, rule: RetryOn) -> bool:
    """Whether an attempt answered `status` (`None`: no answer) is retried under `rule`."""
    if status is None:
        return True
    if 200 <= status < 300:
        return False
    return rule == "non_2xx" or status in (408, 429) or 500 <= status < 600


def retry_schedule(
    policies: Mapping[str, WebhookRetriesPolicy],
) -> dict[str, tuple[float, ...]]:
    """The retry delays, in call seconds, of each event type a policy lists."""
    return {
        event_type: tuple(ms / 1000 for ms in policy.retries_ms)
        for event_type, policy in policies.items()
        if policy.retries_ms is not None
    }


def delivery_timeout_of(delivery_timeout: float | None, webhook_timeout_secs: int | None) -> float:
    """The real seconds to wait for an answer, from whichever of the two options was given."""
    if webhook_timeout_secs is None:
        return 10.0 if delivery_timeout is None else delivery_timeout
    if delivery_timeout is not None:
        raise ValueError("give webhook_timeout_secs or delivery_timeout, not both")
    if isinstance(webhook_timeout_secs, bool) or webhook_timeout_secs not in range(1, 31):
        raise ValueError("webhook_timeout_secs must be a whole number of seconds from 1 to 30")
    return float(webhook_timeout_secs)
