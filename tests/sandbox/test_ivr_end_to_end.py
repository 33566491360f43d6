"""An IVR end to end: facade -> sandbox -> signed webhooks -> a verifying receiver -> facade.

Real HTTP both ways on loopback: `GatherClient` posts commands to the sandbox,
the sandbox posts signed webhooks to a local receiver, the receiver verifies
each with `WebhookVerifier` and the handler answers through the facade.
"""

from __future__ import annotations

import asyncio
import threading

import pytest

from telnyx_gather import (
    CallAIGatherEnded,
    CallConversationEnded,
    CallDtmfReceived,
    CallGatherEnded,
    CommandResult,
    WebhookEvent,
    decode_client_state,
    encode_client_state,
)
from telnyx_gather.client import AsyncGatherClient, GatherClient
from telnyx_gather.testing import (
    DEFAULT_RETRY_DELAYS,
    Sandbox,
    UndeliveredWebhookError,
    WebhookSigner,
)
from telnyx_gather.testing._receiver import WebhookReceiver
from telnyx_gather.verify import WebhookVerifier


class Ivr:
    """A two-level menu: pick a department, then enter an account number."""

    def __init__(self, client: GatherClient, call_control_id: str) -> None:
        self.call = client.call(call_control_id)
        self.done = threading.Event()
        self.outcome: dict[str, str] = {}

    def start(self) -> None:
        self.call.gather_using_speak(
            payload="For sales press 1, for support press 2.",
            voice="Telnyx.KokoroTTS.af",
            valid_digits="12",
            maximum_digits=1,
            maximum_tries=2,
            invalid_payload="Sorry, that is not an option.",
            client_state=encode_client_state({"step": "menu"}),
        )

    def handle(self, event: WebhookEvent) -> None:
        if not isinstance(event, CallGatherEnded):
            return
        state = decode_client_state(event.payload.client_state)
        assert isinstance(state, dict)
        if state["step"] == "menu" and event.payload.status == "valid":
            self.outcome["department"] = event.payload.digits or ""
            self.call.gather(
                minimum_digits=4,
                maximum_digits=8,
                client_state=encode_client_state({"step": "account"}),
            )
        else:
            self.outcome[str(state["step"])] = f"{event.payload.status}:{event.payload.digits}"
            self.done.set()


def test_ivr_end_to_end(sandbox: Sandbox) -> None:
    client = GatherClient(api_key=sandbox.api_key, base_url=sandbox.base_url, max_retries=0)
    call = sandbox.dial().press("7").press("2").press("1234#")
    ivr = Ivr(client, call.call_control_id)
    verifier = WebhookVerifier(sandbox.public_key)

    with WebhookReceiver(verifier.unwrap, ivr.handle) as receiver, client:
        sandbox.webhook_url = receiver.url
        ivr.start()
        assert ivr.done.wait(10)
        sandbox.wait_idle()

    assert ivr.outcome == {"department": "2", "account": "valid:1234"}
    assert all(r.error is None for r in receiver.received)
    events = [r.event for r in receiver.received]
    assert [type(e).__name__ for e in events] == [
        "CallDtmfReceived",  # 7: not a menu option
        "CallDtmfReceived",  # 2, after the invalid prompt and the menu again
        "CallGatherEnded",
        "CallDtmfReceived",
        "CallDtmfReceived",
        "CallDtmfReceived",
        "CallDtmfReceived",
        "CallDtmfReceived",  # the terminating #
        "CallGatherEnded",
    ]
    digits = [e.payload.digit for e in events if isinstance(e, CallDtmfReceived)]
    assert digits == ["7", "2", "1", "2", "3", "4", "#"]
    assert all(d.status == 200 and d.url == receiver.url for d in sandbox.deliveries)


def test_a_receiver_with_the_wrong_key_refuses_every_webhook(sandbox: Sandbox) -> None:
    client = GatherClient(api_key=sandbox.api_key, base_url=sandbox.base_url, max_retries=0)
    verifier = WebhookVerifier(WebhookSigner().public_key)
    call = sandbox.dial().press("1#")

    with WebhookReceiver(verifier.unwrap) as receiver, client:
        sandbox.webhook_url = receiver.url
        client.call(call.call_control_id).gather()
        with pytest.raises(UndeliveredWebhookError, match="3 webhook") as raised:
            sandbox.wait_idle()

    assert [d.status for d in sandbox.deliveries] == [401, 401, 401]
    assert raised.value.deliveries == sandbox.deliveries
    attempts = [len(d.attempts) for d in sandbox.deliveries]
    assert attempts == [len(DEFAULT_RETRY_DELAYS) + 1] * 3
    assert {r.error.split(":")[0] for r in receiver.received if r.error} == {"bad_signature"}


def test_the_async_client_drives_the_sandbox_too(sandbox: Sandbox) -> None:
    call = sandbox.dial().answer_ai({"age": 29})

    async def gather() -> CommandResult:
        async with AsyncGatherClient(
            api_key=sandbox.api_key, base_url=sandbox.base_url, max_retries=0
        ) as client:
            return await client.call(call.call_control_id).gather_using_ai(
                parameters={"type": "object", "required": ["age"]}
            )

    result = asyncio.run(gather())

    conversation = sandbox.wait_for("call.conversation.ended").event
    ended = sandbox.wait_for("call.ai_gather.ended").event
    assert isinstance(conversation, CallConversationEnded)
    assert isinstance(ended, CallAIGatherEnded)
    assert conversation.payload.conversation_id == str(result.conversation_id)
    assert (ended.payload.status, ended.payload.result) == ("valid", {"age": 29})
