"""Each delivery leaves one structured log record, with ids and timing but no caller data."""

from __future__ import annotations

import json
import logging
import re
import threading
import time

import pytest

from telnyx_gather import CallGatherEnded, GatherClient, Router, StopGather, WebhookVerifier
from telnyx_gather.stores import MemoryStore
from telnyx_gather.testing import WebhookSigner, call_gather_ended

FIELDS = ("event_id", "event_type", "call_control_id", "outcome", "status", "commands")


def test_every_delivery_logs_one_record_with_its_fields(
    verifier: WebhookVerifier,
    client: GatherClient,
    signer: WebhookSigner,
    caplog: pytest.LogCaptureFixture,
) -> None:
    store = MemoryStore()
    router = Router(verifier=verifier, client=client, store=store, busy_wait=0)
    router.on(CallGatherEnded)(lambda event: StopGather())
    # Caller data that no timestamp or duration in a record can spell by chance.
    body = call_gather_ended(
        event_id="ev-o",
        call_control_id="v3:call-o",
        from_="+15557654321",
        to="+15551234567",
        digits="#*9*#",
    )
    store.claim("ev-held")
    held = call_gather_ended(event_id="ev-held")

    with caplog.at_level(logging.INFO, "telnyx_gather.router"):
        router.handle(body, signer.sign(body))
        router.handle(body, signer.sign(body))
        router.handle(held, signer.sign(held))
        router.handle(body, {})

    records = [r for r in caplog.records if r.getMessage().startswith("delivery ")]
    assert [tuple(getattr(r, f) for f in FIELDS) for r in records] == [
        ("ev-o", "call.gather.ended", "v3:call-o", "handled", 200, 1),
        ("ev-o", "call.gather.ended", "v3:call-o", "duplicate", 200, 0),
        ("ev-held", "call.gather.ended", held_call(held), "in_progress", 503, 0),
        (None, None, None, "unauthenticated", 401, 0),
    ]
    assert [r.levelno for r in records] == [logging.INFO] * 2 + [logging.WARNING, logging.INFO]
    assert all(isinstance(r.duration_ms, float) and r.duration_ms >= 0 for r in records)
    assert records[0].getMessage().startswith("delivery 'call.gather.ended' 'ev-o': handled (200)")
    assert re.fullmatch(
        r"delivery '<rejected>' '<no id>': unauthenticated \(401\) in \d+\.\d ms",
        records[3].getMessage(),
    )
    payload = json.loads(body)["data"]["payload"]
    private = [payload[k] for k in ("from", "to", "digits") if payload.get(k)]
    assert private
    for record in caplog.records:
        assert not any(p in json.dumps(record.__dict__, default=str) for p in private)


def held_call(body: bytes) -> str:
    call: str = json.loads(body)["data"]["payload"]["call_control_id"]
    return call


def test_nothing_is_logged_while_the_app_has_not_asked(
    verifier: WebhookVerifier,
    client: GatherClient,
    signer: WebhookSigner,
    caplog: pytest.LogCaptureFixture,
) -> None:
    router = Router(verifier=verifier, client=client)
    router.on(CallGatherEnded)(lambda event: StopGather())
    body = call_gather_ended(event_id="ev-quiet")
    with caplog.at_level(logging.WARNING, "telnyx_gather.router"):
        assert router.handle(body, signer.sign(body)).reason == "handled"
    assert caplog.records == []


def test_a_500_answer_is_logged_as_a_warning(
    verifier: WebhookVerifier,
    client: GatherClient,
    signer: WebhookSigner,
    caplog: pytest.LogCaptureFixture,
) -> None:
    router = Router(verifier=verifier, client=client)

    @router.on(CallGatherEnded)
    def failing(event: CallGatherEnded) -> None:
        raise LookupError("no such caller")

    body = call_gather_ended(event_id="ev-500")
    with caplog.at_level(logging.INFO, "telnyx_gather.router"):
        outcome = router.handle(body, signer.sign(body))

    [record] = [r for r in caplog.records if r.getMessage().startswith("delivery ")]
    assert (outcome.status, record.levelno) == (500, logging.WARNING)


def test_the_logged_duration_covers_the_handler_and_fits_inside_the_call(
    verifier: WebhookVerifier,
    client: GatherClient,
    signer: WebhookSigner,
    caplog: pytest.LogCaptureFixture,
) -> None:
    router = Router(verifier=verifier, client=client)

    @router.on(CallGatherEnded)
    def pausing(event: CallGatherEnded) -> None:
        threading.Event().wait(0.05)

    body = call_gather_ended(event_id="ev-duration")
    with caplog.at_level(logging.INFO, "telnyx_gather.router"):
        before = time.monotonic()
        router.handle(body, signer.sign(body))
        around_ms = (time.monotonic() - before) * 1000

    [record] = [r for r in caplog.records if r.getMessage().startswith("delivery ")]
    # Not a speed: the record's own measure spans the pause (with slack) and fits in the call.
    assert 25 <= record.duration_ms <= around_ms
