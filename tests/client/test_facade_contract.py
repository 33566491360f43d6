"""Contract tests: every action, through both facades, is a valid request for the spec mock.

Prism validates each request against the official OpenAPI spec: a request
that breaks it gets a 422 and an `sl-violations` header. These tests never
skip; if Prism cannot start they fail.
"""

from __future__ import annotations

import uuid

import httpx
import pytest
import telnyx

from tests.client.facade_examples import API_KEY, MODES, SPEC_EXAMPLES, Example, send_example

CONVERSATION_ACTIONS = {"gather_using_ai", "start_ai_assistant"}


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("example", SPEC_EXAMPLES, ids=str)
def test_action_conforms_to_the_spec(prism_url: str, example: Example, mode: str) -> None:
    responses: list[httpx.Response] = []

    result = send_example(mode, prism_url, example, on_response=responses.append, max_retries=0)

    [response] = responses
    assert response.status_code == 200
    assert "sl-violations" not in response.headers
    assert result.result == "ok"
    if example.method in CONVERSATION_ACTIONS:
        assert isinstance(result.conversation_id, uuid.UUID)


def test_prism_reports_a_request_that_breaks_the_spec(prism_url: str) -> None:
    """The check above can fail: a body the spec forbids gets 422 and `sl-violations`."""
    responses: list[httpx.Response] = []
    http_client = httpx.Client(event_hooks={"response": [responses.append]})
    with (
        telnyx.Telnyx(
            api_key=API_KEY, base_url=prism_url, http_client=http_client, max_retries=0
        ) as client,
        pytest.raises(telnyx.UnprocessableEntityError),
    ):
        client.post("/calls/abc/actions/gather_stop", body={"command_id": 7}, cast_to=object)

    assert "command_id" in responses[0].headers["sl-violations"]
