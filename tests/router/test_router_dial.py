"""A handler may return any builder of the whole call; a `Dial` starts a new call."""

from __future__ import annotations

from collections.abc import Sequence

from telnyx_gather import CallGatherEnded, GatherClient, Router, WebhookVerifier
from telnyx_gather.commands import Command
from telnyx_gather.commands.actions.dial import Dial
from telnyx_gather.commands.actions.speak import Speak
from telnyx_gather.router import command_id
from telnyx_gather.testing import WebhookSigner, call_gather_ended
from tests.loopback import Recorder, Reply

CALL = "v3:test-call-control-id"
SPEAK = Speak(payload="Connecting you now", voice="Telnyx.KokoroTTS.af")
DIAL = Dial(connection_id="7267", to="+18005550100", from_="+18005550101", link_to=CALL)
DIALLED = {
    "data": {
        "call_control_id": "v3:new-leg",
        "call_leg_id": "leg-2",
        "call_session_id": "session-1",
        "is_alive": False,
        "record_type": "call",
    }
}


def test_a_dial_from_a_handler_is_sent_as_a_dial_not_to_the_events_call(
    verifier: WebhookVerifier, client: GatherClient, signer: WebhookSigner, recorder: Recorder
) -> None:
    router = Router(verifier=verifier, client=client)
    recorder.reply(Reply(), Reply(body=DIALLED))

    @router.on(CallGatherEnded)
    def ended(event: CallGatherEnded) -> Sequence[Command]:
        return [SPEAK, DIAL]

    body = call_gather_ended(event_id="ev-dial", call_control_id=CALL)
    outcome = router.handle(body, signer.sign(body))

    assert (outcome.status, outcome.reason) == (200, "handled")
    speak, dial = recorder.requests
    assert speak.path == f"/v2/calls/{CALL}/actions/speak"
    assert dial.path == "/v2/calls"
    assert dial.json() == {**DIAL.to_params(), "command_id": command_id("ev-dial", 1)}
    assert [type(c) for c in outcome.sent] == [Speak, Dial]


def test_the_client_returns_the_new_calls_ids(client: GatherClient, recorder: Recorder) -> None:
    recorder.reply(Reply(body=DIALLED))

    result = client.dial(DIAL)

    assert (result.call_control_id, result.call_leg_id, result.call_session_id) == (
        "v3:new-leg",
        "leg-2",
        "session-1",
    )
    [request] = recorder.requests
    assert request.json()["from"] == "+18005550101"
    assert request.json()["command_id"]
