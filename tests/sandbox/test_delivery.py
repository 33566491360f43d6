"""At-least-once delivery against real loopback receivers: retries, order, isolation, faults."""

from __future__ import annotations

import socket
import threading
from collections import Counter, defaultdict

import pytest

from telnyx_gather.testing import Attempt, Faults, Sandbox, UndeliveredWebhookError

from .receivers import Receiver

FAST = 0.001


def gather(sandbox: Sandbox, call_control_id: str) -> None:
    """Start a plain gather the way the API does, without a client."""
    from .test_http_face import auth, exchange, request

    path = f"/calls/{call_control_id}/actions/gather"
    status, _, _ = exchange(
        sandbox, request(sandbox, "POST", path, [auth(sandbox), "Content-Length: 2"], b"{}")
    )
    assert status == 200


def every_third_fails(n: int, attempt: int) -> int:
    """Fail every third request, but never an event's fourth attempt or later.

    Three calls retrying in step would otherwise land the same call on every third
    request each round, and it would run out of attempts.
    """
    return 500 if n % 3 == 0 and attempt <= 3 else 200


def test_every_third_webhook_failing_is_retried_until_all_arrive() -> None:
    with (
        Sandbox(time_scale=FAST) as sandbox,
        Receiver(sandbox.public_key, every_third_fails) as receiver,
    ):
        sandbox.webhook_url = receiver.url
        calls = [sandbox.dial().press("123#") for _ in range(10)]
        for call in calls:
            gather(sandbox, call.call_control_id)
        sandbox.wait_idle(timeout=30)

    deliveries = sandbox.deliveries
    assert len(deliveries) == 50  # 4 keys and a gather.ended per call
    assert all(d.delivered and d.status == 200 for d in deliveries)
    assert all(g.verified for g in receiver.got)
    ok = {g.event_id for g in receiver.got if g.status == 200}
    assert ok == {d.event_id for d in deliveries}
    failed = [g for g in receiver.got if g.status == 500]
    every_third = [g for n, g in enumerate(receiver.got, 1) if n % 3 == 0 and g.attempt <= 3]
    assert failed == every_third
    assert failed
    by_id: defaultdict[str, list[int]] = defaultdict(list)
    for got in receiver.got:
        by_id[got.event_id].append(got.attempt)
    assert all(numbers == list(range(1, len(numbers) + 1)) for numbers in by_id.values())
    assert max(len(numbers) for numbers in by_id.values()) >= 2


def test_order_holds_per_call_across_retries() -> None:
    with (
        Sandbox(time_scale=FAST) as sandbox,
        Receiver(sandbox.public_key, lambda n, attempt: 503 if n % 2 else 200) as receiver,
    ):
        sandbox.webhook_url = receiver.url
        call = sandbox.dial().press("98765#", gap=0.01)
        gather(sandbox, call.call_control_id)
        sandbox.wait_idle(timeout=30)
    first_success = [
        g.body["data"]["payload"].get("digit") for g in receiver.got if g.status == 200
    ]
    assert first_success == ["9", "8", "7", "6", "5", "#", None]


def test_a_receiver_down_then_up_gets_everything() -> None:
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))  # bound but not listening: connections are refused
    url = f"http://127.0.0.1:{sock.getsockname()[1]}/webhooks"
    refused = threading.Event()

    def on_attempt(event_type: str, call_control_id: str, attempt: Attempt) -> None:
        if attempt.error is not None:
            refused.set()

    with Sandbox(
        time_scale=0.01, webhook_url=url, retry_delays=[10] * 20, on_attempt=on_attempt
    ) as sandbox:
        call = sandbox.dial().press("1#")
        gather(sandbox, call.call_control_id)
        assert refused.wait(10)
        with Receiver(sandbox.public_key, sock=sock) as receiver:
            sandbox.wait_idle(timeout=30)

    assert [d.event_type for d in sandbox.deliveries] == [
        "call.dtmf.received",
        "call.dtmf.received",
        "call.gather.ended",
    ]
    first = sandbox.deliveries[0]
    assert first.attempts[0].error is not None
    assert first.attempts[0].status is None
    assert first.attempts[-1].status == 200
    assert first.attempts[-1].number >= 2
    assert {g.event_id for g in receiver.got} == {d.event_id for d in sandbox.deliveries}


def test_a_slow_receiver_holds_up_only_its_own_call() -> None:
    release = threading.Event()
    with (
        Sandbox(time_scale=FAST) as sandbox,
        Receiver(sandbox.public_key, hold=release) as slow,
        Receiver(sandbox.public_key) as fast,
    ):
        stuck = sandbox.dial(webhook_url=slow.url).press("1#")
        free = sandbox.dial(webhook_url=fast.url).press("2#")
        gather(sandbox, stuck.call_control_id)
        gather(sandbox, free.call_control_id)
        ended = sandbox.wait_for(
            "call.gather.ended", call_control_id=free.call_control_id, timeout=10
        )
        assert ended.delivered
        assert slow.got == []  # still holding the stuck call's first webhook
        release.set()
        sandbox.wait_idle(timeout=30)
    assert len(slow.got) == 3
    assert len(fast.got) == 3


def test_a_timeout_counts_as_a_failure_and_is_retried() -> None:
    release = threading.Event()
    answers = iter([release, None, None, None])

    class Slow(Receiver):
        def take(self, body: bytes, headers: list[tuple[str, str]]) -> int:
            self.hold = next(answers)
            return super().take(body, headers)

    with (
        Sandbox(time_scale=FAST, delivery_timeout=0.2) as sandbox,
        Slow(sandbox.public_key) as receiver,
    ):
        sandbox.webhook_url = receiver.url
        call = sandbox.dial().press("1", delay=0)
        gather(sandbox, call.call_control_id)
        first = sandbox.wait_for("call.dtmf.received", timeout=20)
        release.set()
        sandbox.wait_idle(timeout=30)
    assert first.attempts[0].status is None
    assert "timed out" in (first.attempts[0].error or "")
    assert first.attempts[1].status == 200
    assert first.attempts[1].number == 2


def test_the_failover_url_takes_what_the_primary_refuses() -> None:
    with (
        Sandbox(time_scale=FAST) as sandbox,
        Receiver(sandbox.public_key, lambda n, attempt: 500) as primary,
        Receiver(sandbox.public_key) as failover,
    ):
        box = Sandbox(
            time_scale=FAST, webhook_url=primary.url, failover_url=failover.url, seed=b"k" * 32
        )
        primary.verifier = failover.verifier = type(primary.verifier)(box.public_key)
        with box:
            call = box.dial().press("1#")
            gather(box, call.call_control_id)
            box.wait_idle(timeout=30)
    assert all(d.url == failover.url and d.delivered for d in box.deliveries)
    assert [a.url for a in box.deliveries[0].attempts] == [primary.url, failover.url]
    assert {g.body["meta"]["delivered_to"] for g in failover.got} == {failover.url}
    assert all(g.attempt == 1 for g in failover.got)


def test_a_webhook_never_delivered_is_named_by_wait_for_and_wait_idle() -> None:
    with (
        Sandbox(time_scale=FAST, retry_delays=[1, 1]) as sandbox,
        Receiver(sandbox.public_key, lambda n, attempt: 500) as receiver,
    ):
        sandbox.webhook_url = receiver.url
        call = sandbox.dial().press("1", delay=0)
        gather(sandbox, call.call_control_id)
        with pytest.raises(UndeliveredWebhookError, match=r"call\.dtmf\.received") as raised:
            sandbox.wait_for("call.dtmf.received", timeout=20)
        undelivered = raised.value.deliveries[0]
        assert undelivered.event_id in str(raised.value)
        assert [a.number for a in undelivered.attempts] == [1, 2, 3]
        assert "#1 500, #2 500, #3 500" in str(raised.value)
        with pytest.raises(UndeliveredWebhookError):
            sandbox.wait_idle(timeout=20)
        assert sandbox.events() == []
        assert len(receiver.got) == 3 * len(sandbox.deliveries)


def test_fault_fail_first_redelivers_a_webhook_the_app_already_took() -> None:
    faults = Faults(fail_first={"call.gather.ended"})
    with (
        Sandbox(time_scale=FAST, faults=faults) as sandbox,
        Receiver(sandbox.public_key) as receiver,
    ):
        sandbox.webhook_url = receiver.url
        gather(sandbox, sandbox.dial().press("1#").call_control_id)
        sandbox.wait_idle(timeout=30)
    ended = [g for g in receiver.got if g.body["data"]["event_type"] == "call.gather.ended"]
    assert [g.attempt for g in ended] == [1, 2]
    assert ended[0].event_id == ended[1].event_id
    delivery = sandbox.deliveries[-1]
    assert [a.fault for a in delivery.attempts] == ["fail_first", None]
    assert delivery.delivered
    assert delivery.status == 200


def test_fault_duplicate_posts_a_delivered_webhook_again() -> None:
    with (
        Sandbox(time_scale=FAST, faults=Faults(duplicate={"call.dtmf.received"})) as sandbox,
        Receiver(sandbox.public_key) as receiver,
    ):
        sandbox.webhook_url = receiver.url
        gather(sandbox, sandbox.dial().press("1#").call_control_id)
        sandbox.wait_idle(timeout=30)
    counts = Counter(g.event_id for g in receiver.got)
    dtmf = [d for d in sandbox.deliveries if d.event_type == "call.dtmf.received"]
    assert [counts[d.event_id] for d in dtmf] == [2, 2]
    assert [a.fault for a in dtmf[0].attempts] == [None, "duplicate"]
    assert len(sandbox.events()) == 3  # each event once in the log


def test_fault_reorder_swaps_a_webhook_with_the_next_of_its_call() -> None:
    from .test_http_face import auth, exchange, request

    release = threading.Event()
    faults = Faults(reorder={"call.playback.ended"})
    with (
        Sandbox(time_scale=FAST, faults=faults) as sandbox,
        Receiver(sandbox.public_key, hold=release) as receiver,
    ):
        sandbox.webhook_url = receiver.url
        call = sandbox.dial()
        base = f"/calls/{call.call_control_id}/actions/"
        body = b'{"audio_url": "https://example.com/menu.wav"}'
        for action, sent in (("gather_using_audio", body), ("gather_stop", b"{}")):
            raw = request(
                sandbox,
                "POST",
                base + action,
                [auth(sandbox), f"Content-Length: {len(sent)}"],
                sent,
            )
            assert exchange(sandbox, raw)[0] == 200
        release.set()  # the first webhook was held, so the stop's two events queued behind it
        sandbox.wait_idle(timeout=30)
    types = [g.body["data"]["event_type"] for g in receiver.got]
    assert types == ["call.playback.started", "call.gather.ended", "call.playback.ended"]
    assert [d.event_type for d in sandbox.deliveries] == types


def test_probabilistic_faults_repeat_with_the_seed() -> None:
    draws = [Faults(duplicate=0.5, reorder=0.3, seed=7).draw("x") for _ in range(3)]
    again = [Faults(duplicate=0.5, reorder=0.3, seed=7).draw("x") for _ in range(3)]
    assert draws == again
    a = Faults(fail_first=0.5, seed=1)
    b = Faults(fail_first=0.5, seed=1)
    assert [a.draw("x") for _ in range(50)] == [b.draw("x") for _ in range(50)]
    assert 5 < sum(a.draw("x")[0] for _ in range(100)) < 95


@pytest.mark.parametrize("bad", [{"fail_first": 1.5}, {"duplicate": -0.1}])
def test_fault_probabilities_are_checked(bad: dict[str, float]) -> None:
    with pytest.raises(ValueError, match="between 0 and 1"):
        Faults(**bad)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "options",
    [
        {"retry_delays": [-1]},
        {"delivery_timeout": 0},
        {"request_timeout": float("nan")},
        {"failover_url": "ftp://x"},
    ],
)
def test_bad_delivery_options_raise_value_error(options: dict[str, object]) -> None:
    with pytest.raises(ValueError, match=r"URL|seconds|delays"):
        Sandbox(**options)  # type: ignore[arg-type]
