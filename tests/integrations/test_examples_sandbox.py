"""The Flask example takes whole inbound calls from the sandbox, over real HTTP both ways.

The sandbox rings the example (served on loopback), signs every webhook, and
runs the commands the example sends through the unmodified `telnyx` client;
its scripted caller presses keys or answers the AI gather.
"""

from __future__ import annotations

import runpy
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from werkzeug.serving import make_server

from telnyx_gather import CallHangup
from telnyx_gather.testing import AIAnswer, CallerStep, Press, Sandbox

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
AGENT = "+13125550142"
CALLERS: dict[str, list[CallerStep]] = {
    "agent": [Press(digits="1")],
    "nobody": [Press(digits="1")],
    "booking": [Press(digits="2"), AIAnswer(result={"name": "Ada", "guests": 4})],
    # A result that does not fit `Booking` (guests: 1 to 12): a goodbye, never a 500.
    "misfit booking": [Press(digits="2"), AIAnswer(result={"name": "Ada", "guests": 99})],
}


@pytest.fixture
def sandbox() -> Iterator[Sandbox]:
    with Sandbox(time_scale=0.01) as running:
        yield running


@pytest.fixture
def example_url(sandbox: Sandbox, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """The Flask example, configured for the sandbox and served on 127.0.0.1."""
    monkeypatch.setenv("TELNYX_PUBLIC_KEY", sandbox.public_key)
    monkeypatch.setenv("TELNYX_API_KEY", sandbox.api_key)
    monkeypatch.setenv("TELNYX_BASE_URL", sandbox.base_url)
    monkeypatch.delenv("REDIS_URL", raising=False)
    monkeypatch.setenv("IVR_AGENT", AGENT)
    monkeypatch.syspath_prepend(str(EXAMPLES))
    app = runpy.run_path(str(EXAMPLES / "flask_app.py"))["app"]
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.port}/webhooks/telnyx"
    finally:
        server.shutdown()
        thread.join()


@pytest.mark.parametrize("path", CALLERS)
def test_a_whole_inbound_call(sandbox: Sandbox, example_url: str, path: str) -> None:
    if path == "agent":
        sandbox.callee(AGENT, answer_after=3)
    call = sandbox.ring(*CALLERS[path], webhook_url=example_url, patience=60)
    if path == "agent":
        sandbox.wait_for("call.bridged", call_control_id=call.call_control_id, timeout=30)
        sandbox.wait_for("call.playback.ended", call_control_id=call.call_control_id, timeout=30)
        call.hang_up_now()  # the caller ends the call with the agent
    gone = sandbox.wait_for("call.hangup", call_control_id=call.call_control_id, timeout=30).event
    sandbox.wait_idle(timeout=30)

    assert isinstance(gone, CallHangup)
    types = [d.event_type for d in sandbox.deliveries if d.call_control_id == call.call_control_id]
    assert types[:2] == ["call.initiated", "call.answered"]
    assert types[-1] == "call.hangup"
    assert all(d.delivered for d in sandbox.deliveries)
    # Every webhook was taken at the first post: no 500 that Telnyx would retry.
    assert all(len(d.attempts) == 1 and d.attempts[0].status == 200 for d in sandbox.deliveries)
    if path == "agent":
        assert "call.bridged" in types
        assert len([d for d in sandbox.deliveries if d.event_type == "call.hangup"]) == 2
        return
    # The example hung up itself, once its goodbye had been said.
    assert gone.payload.hangup_source == "callee"
    assert types.index("call.speak.ended") < types.index("call.hangup")
    if path in ("booking", "misfit booking"):
        assert "call.ai_gather.ended" in types
    else:
        legs_b = [d for d in sandbox.deliveries if d.call_control_id != call.call_control_id]
        assert [d.event_type for d in legs_b] == ["call.initiated", "call.hangup"]
        assert "call.playback.started" in types
