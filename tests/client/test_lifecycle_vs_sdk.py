"""`answer` and `hangup` send what the telnyx SDK's own `calls.actions` methods send.

The spec cut has no paths for these two, so Prism cannot check them: here the
SDK's generated resource methods and the facade post to the same loopback
recorder, and the requests must match.
"""

from __future__ import annotations

from typing import Any

import pytest
import telnyx

from tests.client.facade_examples import API_KEY, CALL_CONTROL_ID, EXAMPLES, Example, run
from tests.loopback import Recorder

LIFECYCLE = [example for example in EXAMPLES if example.method in ("answer", "hangup")]


def _sdk_request(recorder: Recorder, method: str, body: dict[str, Any]) -> tuple[str, Any]:
    with telnyx.Telnyx(api_key=API_KEY, base_url=f"{recorder.url}/v2", max_retries=0) as client:
        getattr(client.calls.actions, method)(CALL_CONTROL_ID, **body)
    request = recorder.requests[-1]
    return request.path, request.json()


def test_both_actions_are_checked() -> None:
    assert [example.builder.action for example in LIFECYCLE] == ["answer", "hangup"]


@pytest.mark.parametrize("mode", ["sync", "async"])
@pytest.mark.parametrize("example", LIFECYCLE, ids=str)
def test_facade_and_sdk_send_the_same_request(
    recorder: Recorder, example: Example, mode: str
) -> None:
    body = example.builder(**example.kwargs).to_params()
    expected = _sdk_request(recorder, example.method, body)

    run(mode, f"{recorder.url}/v2", lambda call: getattr(call, example.method)(**example.kwargs))

    sent = recorder.requests[-1]
    assert (sent.path, sent.json()) == expected
    assert expected[0] == f"/v2/calls/{CALL_CONTROL_ID}/actions/{example.builder.action}"
    assert expected[1] == body
