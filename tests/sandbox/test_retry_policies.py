"""The app's `webhook_retries_policies`, the `retry_on` rule and `webhook_timeout_secs`.

Every test posts to a real loopback receiver and drives the sandbox with the
unmodified telnyx client.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator

import pytest
import telnyx

from telnyx_gather.testing import Sandbox, UndeliveredWebhookError

from .receivers import Receiver

FAST = 0.001


def always(status: int) -> Callable[[int, int], int]:
    return lambda n, attempt: status


@pytest.fixture
def failing() -> Iterator[tuple[Sandbox, Receiver, telnyx.Telnyx]]:
    """A sandbox whose receiver answers 500 to everything."""
    with Sandbox(time_scale=FAST) as sandbox, Receiver(sandbox.public_key, always(500)) as rx:
        sandbox.webhook_url = rx.url
        with telnyx.Telnyx(
            api_key=sandbox.api_key, base_url=sandbox.base_url, max_retries=0
        ) as client:
            yield sandbox, rx, client


def attempts_of(rx: Receiver, event_type: str) -> list[int]:
    return [g.attempt for g in rx.got if g.body["data"]["event_type"] == event_type]


def test_answer_sets_the_retries_of_the_calls_later_webhooks(
    failing: tuple[Sandbox, Receiver, telnyx.Telnyx],
) -> None:
    sandbox, rx, client = failing
    call = sandbox.ring(patience=86_400)
    client.calls.actions.answer(
        call.call_control_id,
        webhook_retries_policies={
            "call.answered": {"retries_ms": [100, 200]},
            "call.hangup": {"retries_ms": []},
        },
    )
    with pytest.raises(UndeliveredWebhookError):
        sandbox.wait_idle(timeout=30)
    call.hang_up_now()
    with pytest.raises(UndeliveredWebhookError):
        sandbox.wait_idle(timeout=30)
    assert attempts_of(rx, "call.initiated") == [1, 2, 3, 4, 5, 6, 7]  # before: the default
    assert attempts_of(rx, "call.answered") == [1, 2, 3]  # two retries
    assert attempts_of(rx, "call.hangup") == [1]  # none
    answered = next(d for d in sandbox.deliveries if d.event_type == "call.answered")
    assert not answered.delivered


def test_dial_sets_the_retries_of_the_new_calls_webhooks(
    failing: tuple[Sandbox, Receiver, telnyx.Telnyx],
) -> None:
    sandbox, rx, client = failing
    client.calls.dial(
        connection_id="conn",
        from_="+13125550101",
        to="+13125550199",
        webhook_retries_policies={"call.initiated": {"retries_ms": [0]}},
    )
    with pytest.raises(UndeliveredWebhookError, match=r"call\.initiated"):
        sandbox.wait_idle(timeout=30)
    assert attempts_of(rx, "call.initiated") == [1, 2]


def test_a_policy_over_the_apis_limits_is_refused(
    failing: tuple[Sandbox, Receiver, telnyx.Telnyx],
) -> None:
    sandbox, _, client = failing
    call = sandbox.ring(patience=86_400)
    with pytest.raises(telnyx.UnprocessableEntityError):
        client.calls.actions.answer(
            call.call_control_id,
            webhook_retries_policies={"call.answered": {"retries_ms": [1, 2, 3, 4, 5, 6]}},
        )
    with pytest.raises(telnyx.UnprocessableEntityError):
        client.calls.dial(
            connection_id="conn",
            from_="+13125550101",
            to="+13125550199",
            webhook_retries_policies={"call.initiated": {"retries_ms": [30_000, 30_001]}},
        )
    assert call.status == "ringing"


@pytest.mark.parametrize(
    ("rule", "status", "posts"),
    [
        ("non_2xx", 409, 7),
        ("non_2xx", 404, 7),
        ("408_429_5xx", 409, 1),
        ("408_429_5xx", 404, 1),
        ("408_429_5xx", 408, 7),
        ("408_429_5xx", 429, 7),
        ("408_429_5xx", 503, 7),
    ],
)
def test_retry_on_decides_which_answers_are_retried(rule: str, status: int, posts: int) -> None:
    with (
        Sandbox(time_scale=FAST, retry_on=rule) as sandbox,  # type: ignore[arg-type]
        Receiver(sandbox.public_key, always(status)) as rx,
    ):
        sandbox.webhook_url = rx.url
        sandbox.ring()
        with pytest.raises(UndeliveredWebhookError):
            sandbox.wait_idle(timeout=30)
    assert attempts_of(rx, "call.initiated") == list(range(1, posts + 1))
    assert [a.status for a in sandbox.deliveries[0].attempts] == [status] * posts


def test_under_408_429_5xx_a_refused_primary_skips_the_failover() -> None:
    with (
        Sandbox(time_scale=FAST, retry_on="408_429_5xx") as sandbox,
        Receiver(sandbox.public_key, always(409)) as primary,
        Receiver(sandbox.public_key) as failover,
    ):
        box = Sandbox(
            time_scale=FAST,
            webhook_url=primary.url,
            failover_url=failover.url,
            retry_on="408_429_5xx",
            seed=b"r" * 32,
        )
        primary.verifier = failover.verifier = type(primary.verifier)(box.public_key)
        with box:
            box.ring(patience=86_400)
            with pytest.raises(UndeliveredWebhookError):
                box.wait_for("call.initiated", timeout=20)
    assert len(primary.got) == 1
    assert failover.got == []


def test_webhook_timeout_secs_retries_while_the_first_attempt_still_runs() -> None:
    release = threading.Event()
    holds = iter([release, None])
    overlap: list[bool] = []

    class Slow(Receiver):
        def take(self, body: bytes, headers: list[tuple[str, str]]) -> int:
            hold = next(holds, None)
            if hold is None:
                overlap.append(not release.is_set())
                release.set()
                return super().take(body, headers)
            hold.wait(10)
            return super().take(body, headers)

    with (
        Sandbox(time_scale=FAST, webhook_timeout_secs=1) as sandbox,
        Slow(sandbox.public_key) as rx,
    ):
        sandbox.webhook_url = rx.url
        sandbox.ring()
        initiated = sandbox.wait_for("call.initiated", timeout=20)
        sandbox.wait_idle(timeout=30)
    assert overlap[0]  # attempt 2 came while attempt 1 was still being worked on
    assert initiated.attempts[0].status is None
    assert "timed out" in (initiated.attempts[0].error or "")
    assert initiated.attempts[1].status == 200
    assert sorted(attempts_of(rx, "call.initiated")) == [1, 2]


@pytest.mark.parametrize(
    "options",
    [
        {"webhook_timeout_secs": 0},
        {"webhook_timeout_secs": 31},
        {"webhook_timeout_secs": 2.5},
        {"webhook_timeout_secs": True},
        {"webhook_timeout_secs": 10, "delivery_timeout": 10.0},
        {"retry_on": "4xx"},
    ],
)
def test_bad_timeout_or_rule_raises_value_error(options: dict[str, object]) -> None:
    with pytest.raises(ValueError, match=r"webhook_timeout_secs|retry_on"):
        Sandbox(**options)  # type: ignore[arg-type]
