"""Contract tests of the whole call: Prism, serving `call-control.json`, accepts every builder.

Each builder's rich body (the spec's example with every property's own example)
goes through both facades' `send` (the one `PUT`, `client_state_update`,
included) and `Dial` through `dial`; Prism answers 422 with `sl-violations` to
any request that breaks the spec. These tests never skip.
"""

from __future__ import annotations

import asyncio
from typing import Any

import httpx
import pytest

from telnyx_gather import AsyncGatherClient, GatherClient, InvalidCommandError
from telnyx_gather.commands import Command
from telnyx_gather.commands.actions.client_state import UpdateClientState
from telnyx_gather.commands.actions.dial import Dial
from tests.client.facade_examples import API_KEY, CALL_CONTROL_ID, MODES
from tests.commands.call_control import ACTIONS, example
from tests.commands.test_actions_spec import rich


def _client(base_url: str, responses: list[httpx.Response]) -> GatherClient:
    http_client = httpx.Client(event_hooks={"response": [responses.append]})
    return GatherClient(api_key=API_KEY, base_url=base_url, http_client=http_client, max_retries=0)


def _async_client(base_url: str, responses: list[httpx.Response]) -> AsyncGatherClient:
    async def hook(response: httpx.Response) -> None:
        responses.append(response)

    http_client = httpx.AsyncClient(event_hooks={"response": [hook]})
    return AsyncGatherClient(
        api_key=API_KEY, base_url=base_url, http_client=http_client, max_retries=0
    )


def _send(mode: str, base_url: str, command: Command, responses: list[httpx.Response]) -> Any:
    if mode == "sync":
        with _client(base_url, responses) as client:
            return client.send(CALL_CONTROL_ID, command)

    async def go() -> Any:
        async with _async_client(base_url, responses) as client:
            return await client.send(CALL_CONTROL_ID, command)

    return asyncio.run(go())


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("cls", ACTIONS, ids=[cls.__name__ for cls in ACTIONS])
def test_every_action_conforms_to_the_spec(
    call_control_prism_url: str, cls: type[Command], mode: str
) -> None:
    responses: list[httpx.Response] = []

    result = _send(mode, call_control_prism_url, cls.model_validate(rich(cls)), responses)

    [response] = responses
    assert response.status_code == 200, response.headers.get("sl-violations")
    assert "sl-violations" not in response.headers
    assert response.request.method == ("PUT" if cls is UpdateClientState else "POST")
    assert response.request.url.path.endswith(f"/actions/{cls.action}")
    assert result.result == "ok"


@pytest.mark.parametrize("mode", MODES)
def test_dial_conforms_to_the_spec_and_returns_the_new_calls_ids(
    call_control_prism_url: str, mode: str
) -> None:
    responses: list[httpx.Response] = []
    command = Dial.model_validate(rich(Dial))

    if mode == "sync":
        with _client(call_control_prism_url, responses) as client:
            result = client.dial(command)
    else:

        async def go() -> Any:
            async with _async_client(call_control_prism_url, responses) as client:
                return await client.dial(command)

        result = asyncio.run(go())

    [response] = responses
    assert response.status_code == 200, response.headers.get("sl-violations")
    assert "sl-violations" not in response.headers
    assert response.request.url.path == "/calls"
    data = response.json()["data"]
    assert result.call_control_id == data["call_control_id"]
    assert result.call_leg_id == data["call_leg_id"]
    assert result.call_session_id == data["call_session_id"]


def test_prism_refuses_a_body_that_breaks_the_call_control_spec(
    call_control_prism_url: str,
) -> None:
    """The checks above can fail: Prism answers a bad body with 422 and `sl-violations`."""
    responses: list[httpx.Response] = []
    with _client(call_control_prism_url, responses) as client, pytest.raises(Exception):  # noqa: B017, PT011
        client.post(f"/calls/{CALL_CONTROL_ID}/actions/send_dtmf", body={}, cast_to=object)
    assert responses[0].status_code == 422
    assert "digits" in responses[0].headers["sl-violations"]


def test_send_refuses_a_dial_before_sending(call_control_prism_url: str) -> None:
    responses: list[httpx.Response] = []
    with _client(call_control_prism_url, responses) as client, pytest.raises(InvalidCommandError):
        client.send(CALL_CONTROL_ID, Dial.model_validate(example(Dial)))
    assert responses == []
