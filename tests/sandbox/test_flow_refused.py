"""`CallFlow` lists the commands the sandbox refused, as the CLI does: a Router app over HTTP.

The app sends through the unmodified telnyx client (an action the sandbox
does not know, a body without a required field) and through the Router (a
command the call's state does not allow, which the router finishes as
`send_refused`); the flow names each refused action and why.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any

import pytest
import telnyx
from syrupy.assertion import SnapshotAssertion

from telnyx_gather import (
    Answer,
    CallAnswered,
    CallInitiated,
    Hangup,
    Speak,
    WebhookVerifier,
)
from telnyx_gather.client import GatherClient
from telnyx_gather.integrations.wsgi import request_parts
from telnyx_gather.router import Outcome, Router
from telnyx_gather.testing import CallFlow, RefusedCommand, Sandbox
from telnyx_gather.testing._apps import serve_app

from .conftest import FAST

Handler = Callable[[CallAnswered, telnyx.Telnyx], Any]


class App:
    """Answers, then runs the test's handler on `call.answered`; keeps every outcome."""

    def __init__(self, sandbox: Sandbox) -> None:
        self.sdk = telnyx.Telnyx(api_key=sandbox.api_key, base_url=sandbox.base_url, max_retries=0)
        self.client = GatherClient(
            api_key=sandbox.api_key, base_url=sandbox.base_url, max_retries=0
        )
        self.router = Router(verifier=WebhookVerifier(sandbox.public_key), client=self.client)
        self.outcomes: list[Outcome] = []
        self.router.on(CallInitiated)(lambda event: Answer())

    def on_answered(self, handler: Handler) -> None:
        self.router.on(CallAnswered)(lambda event: handler(event, self.sdk))

    def wsgi(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        outcome = self.router.handle(*request_parts(environ))
        self.outcomes.append(outcome)
        start_response(f"{outcome.status} {outcome.reason}", [("Content-Length", "0")])
        return [b""]


@pytest.fixture
def flow() -> Iterator[tuple[CallFlow, App]]:
    with Sandbox(time_scale=FAST) as sandbox:
        app = App(sandbox)
        with app.sdk, app.client, serve_app(app.wsgi) as base_url:
            yield CallFlow(sandbox, base_url + "/webhooks"), app
            sandbox.wait_idle()


def post_raw(sdk: telnyx.Telnyx, event: CallAnswered, action: str, body: dict[str, Any]) -> None:
    """Post `body` to `action` of the event's call, as an app using the SDK's raw `post` would."""
    path = f"/calls/{event.payload.call_control_id}/actions/{action}"
    with pytest.raises(telnyx.APIStatusError):
        sdk.post(path, body=body, cast_to=object)


def shown(refused: list[RefusedCommand]) -> list[tuple[str, int, str]]:
    return [(r.action, r.status, r.detail) for r in refused]


@pytest.mark.parametrize(
    ("action", "body", "status"),
    [
        ("dance", {"style": "waltz"}, 404),  # an action the sandbox does not know
        ("speak", {"payload": "Hello."}, 422),  # no voice
    ],
)
def test_a_raw_post_the_sandbox_refuses_is_listed_and_named(
    flow: tuple[CallFlow, App],
    snapshot: SnapshotAssertion,
    action: str,
    body: dict[str, Any],
    status: int,
) -> None:
    calls, app = flow

    def send(event: CallAnswered, sdk: telnyx.Telnyx) -> Hangup:
        post_raw(sdk, event, action, body)
        return Hangup()

    app.on_answered(send)
    call = calls.ring()
    calls.expect(Hangup, call)
    (refused,) = calls.refused(call)
    assert (refused.action, refused.status) == (action, status)
    assert str(refused).startswith(f"{action} refused ({status}: ")
    assert shown(calls.refused()) == snapshot
    assert [type(c).__name__ for c in calls.commands(call)] == ["Answer", "Hangup"]
    calls.hangup(call)
    assert rows(calls.timeline(call)) == snapshot(name="timeline")
    assert calls.timeline() == calls.timeline(call.call_control_id)  # the only call


def rows(timeline: str) -> list[str]:
    """The timeline's lines without their call times (which no test asserts)."""
    heading, *lines = timeline.splitlines()
    assert heading == " call time"
    return [" ".join(line.split()[1:]) for line in lines]


def test_a_command_the_router_sent_and_the_api_refused_is_listed(
    flow: tuple[CallFlow, App],
) -> None:
    calls, app = flow
    app.on_answered(lambda event, sdk: Answer())  # already answered: 422
    call = calls.ring()
    calls.sandbox.wait_idle()  # call.answered is delivered once the router has sent its reply
    with pytest.raises(AssertionError, match=r"it sent: Answer; refused: answer refused \(422: "):
        calls.expect(Speak, call, timeout=0)
    (refused,) = calls.refused(call)
    assert (refused.action, refused.status) == ("answer", 422)
    assert "ringing" in refused.detail
    reasons = [o.reason for o in app.outcomes if isinstance(o.event, CallAnswered)]
    assert reasons == ["send_refused"]
    log = calls.sandbox.log(call.call_control_id)
    assert [(r["action"], r["status"]) for r in log["refused"]] == [("answer", 422)]
    refused_rows = [row for row in rows(calls.timeline(call)) if row.startswith("-x")]
    assert refused_rows == [f"-x answer REFUSED 422: {refused.detail}"]
    call.hang_up_now()
