"""A webhook-only app's own `Sender`: `CommandRefusedError` means refused for good.

The sender here is what a user without the `telnyx` SDK writes: it posts the
command over plain HTTP (to the loopback recorder, which answers as Telnyx
would) and raises `CommandRefusedError` for a refusal. The router answers it
as it answers `GatherClient`'s own refusal: `send_refused` (200), the event
finished, never retried; anything else is `send_failed` (502).
"""

from __future__ import annotations

import asyncio
import json
import logging
import urllib.error
import urllib.request
from typing import Any

import pytest

from telnyx_gather import (
    CallGatherEnded,
    CommandRefusedError,
    GatherClient,
    Router,
    StopGather,
    WebhookVerifier,
)
from telnyx_gather.commands import Command
from telnyx_gather.testing import WebhookSigner, call_gather_ended
from tests.loopback import Recorder, Reply

CALL_ENDED = {"errors": [{"code": "90018", "title": "Call has already ended"}]}
OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))


class UrllibSender:
    """Sends a command with urllib; a 4xx other than 429 is a refusal for good."""

    def __init__(self, base_url: str) -> None:
        self.base_url = base_url

    def send(self, call_control_id: str, command: Command, /) -> object:
        request = urllib.request.Request(
            f"{self.base_url}/v2/calls/{call_control_id}/actions/{command.action}",
            data=json.dumps(command.to_params()).encode(),
            headers={"Content-Type": "application/json", "Authorization": "Bearer key"},
        )
        try:
            with OPENER.open(request, timeout=5) as response:
                return json.loads(response.read())
        except urllib.error.HTTPError as exc:
            with exc:
                if 400 <= exc.code < 500 and exc.code != 429:
                    raise CommandRefusedError(f"refused with HTTP {exc.code}", exc.code) from None
                raise


class AsyncUrllibSender(UrllibSender):
    async def send(self, call_control_id: str, command: Command, /) -> object:  # type: ignore[override]
        return await asyncio.to_thread(UrllibSender.send, self, call_control_id, command)


def route(verifier: WebhookVerifier, client: Any) -> Router[None]:
    router = Router(verifier=verifier, client=client)
    router.on(CallGatherEnded)(lambda event: StopGather())
    return router


@pytest.mark.parametrize("kind", ["sync", "async"])
def test_a_custom_senders_refusal_is_send_refused_like_the_sdk_clients(
    verifier: WebhookVerifier,
    client: GatherClient,
    signer: WebhookSigner,
    recorder: Recorder,
    caplog: pytest.LogCaptureFixture,
    kind: str,
) -> None:
    custom = UrllibSender(recorder.url) if kind == "sync" else AsyncUrllibSender(recorder.url)
    outcomes = []
    for sender in (custom, client):
        router = route(verifier, sender)
        recorder.reply(Reply(422, CALL_ENDED))
        body = call_gather_ended(event_id=f"ev-{id(sender)}")
        for _ in range(2):  # the redelivery is a duplicate: the refusal finished the event
            if kind == "async":
                outcome = asyncio.run(router.handle_async(body, signer.sign(body)))
            else:
                outcome = router.handle(body, signer.sign(body))
            outcomes.append((outcome.status, outcome.reason))

    assert outcomes == [(200, "send_refused"), (200, "duplicate")] * 2
    assert len(recorder.requests) == 2  # one send each, never retried
    refusals = [r for r in caplog.records if "refused a command" in r.getMessage()]
    assert [r.levelno for r in refusals] == [logging.WARNING] * 2
    assert all("HTTP 422" in r.getMessage() and r.exc_info is None for r in refusals)


def test_any_other_failure_of_a_custom_sender_is_send_failed_and_retried(
    verifier: WebhookVerifier, signer: WebhookSigner, recorder: Recorder
) -> None:
    router = route(verifier, UrllibSender(recorder.url))
    recorder.reply(Reply(429, CALL_ENDED), Reply(200, {"data": {"result": "ok"}}))
    body = call_gather_ended(event_id="ev-busy")

    first = router.handle(body, signer.sign(body))
    second = router.handle(body, signer.sign(body))

    assert (first.status, first.reason) == (502, "send_failed")
    assert (second.status, second.reason) == (200, "handled")


def test_the_refusal_carries_its_status_and_pickles() -> None:
    import pickle

    refused = pickle.loads(pickle.dumps(CommandRefusedError("no", 422)))
    assert (str(refused), refused.status_code) == ("no", 422)
    assert CommandRefusedError().status_code is None
