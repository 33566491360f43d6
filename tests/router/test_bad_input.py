"""Hostile and broken deliveries get the integrations' statuses and run no handler."""

from __future__ import annotations

import time

import pytest

from telnyx_gather import CallGatherEnded, GatherClient, Router, StopGather, WebhookVerifier
from telnyx_gather.commands import Command
from telnyx_gather.stores import MemoryStore
from telnyx_gather.testing import WebhookSigner, call_gather_ended
from tests.loopback import Recorder

BODY = call_gather_ended(event_id="ev-hostile", digits="1234")


def _tampered(signer: WebhookSigner) -> tuple[bytes, dict[str, str]]:
    return BODY.replace(b"1234", b"9999"), signer.sign(BODY)


def _stale(signer: WebhookSigner) -> tuple[bytes, dict[str, str]]:
    return BODY, signer.sign(BODY, timestamp=int(time.time()) - 3600)


def _unsigned(signer: WebhookSigner) -> tuple[bytes, dict[str, str]]:
    return BODY, {}


def _other_key(signer: WebhookSigner) -> tuple[bytes, dict[str, str]]:
    return BODY, WebhookSigner().sign(BODY)


def _oversize(signer: WebhookSigner) -> tuple[bytes, dict[str, str]]:
    big = call_gather_ended(event_id="ev-big", padding="x" * 2_000_000)
    return big, signer.sign(big)


def _not_json(signer: WebhookSigner) -> tuple[bytes, dict[str, str]]:
    return b"{not json", signer.sign(b"{not json")


def _wrong_shape(signer: WebhookSigner) -> tuple[bytes, dict[str, str]]:
    body = b'{"data": {"event_type": "call.gather.ended", "id": "x"}}'
    return body, signer.sign(body)


CASES = {
    "unsigned": (_unsigned, 401, "unauthenticated"),
    "tampered": (_tampered, 401, "unauthenticated"),
    "stale": (_stale, 401, "unauthenticated"),
    "signed by another key": (_other_key, 401, "unauthenticated"),
    "oversize": (_oversize, 413, "too_large"),
    "not JSON": (_not_json, 400, "unparseable"),
    "wrong shape": (_wrong_shape, 400, "unparseable"),
}


@pytest.mark.parametrize(("make", "status", "reason"), CASES.values(), ids=list(CASES))
def test_rejected_deliveries_run_no_handler_and_claim_nothing(
    verifier: WebhookVerifier,
    client: GatherClient,
    signer: WebhookSigner,
    recorder: Recorder,
    make: object,
    status: int,
    reason: str,
) -> None:
    store = MemoryStore()
    router = Router(verifier=verifier, client=client, store=store)
    runs: list[CallGatherEnded] = []

    @router.on(CallGatherEnded)
    def ended(event: CallGatherEnded) -> Command:
        runs.append(event)
        return StopGather()

    assert callable(make)
    body, headers = make(signer)
    outcome = router.handle(body, headers)

    assert (outcome.status, outcome.reason, outcome.event, outcome.sent) == (
        status,
        reason,
        None,
        (),
    )
    assert runs == []
    assert len(store) == 0
    assert recorder.requests == []


def test_a_rejection_is_logged_without_the_body(
    verifier: WebhookVerifier,
    client: GatherClient,
    signer: WebhookSigner,
    caplog: pytest.LogCaptureFixture,
) -> None:
    router = Router(verifier=verifier, client=client)
    body = b'{"data": "\x1b[31mFORGED LINE\n"}'
    outcome = router.handle(body, signer.sign(body))
    assert outcome.status == 400
    assert "FORGED LINE" not in caplog.text
    assert "\x1b" not in caplog.text
