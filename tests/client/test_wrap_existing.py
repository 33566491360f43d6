"""`GatherClient(existing)` wraps a configured SDK client and sends through its configuration.

The wrapped `telnyx.Telnyx` / `telnyx.AsyncTelnyx` sets a base URL with its own
prefix, an API key, a default header, a retry count unlike the SDK's default,
and an httpx client with an event hook; every request the wrapper sends must
show all of them, over real HTTP to the loopback recorder.
"""

from __future__ import annotations

import asyncio
import inspect
import uuid
from typing import Any

import httpx
import pytest
import telnyx

from telnyx_gather import AsyncGatherClient, CommandResult, GatherClient
from tests.client.facade_examples import CALL_CONTROL_ID
from tests.loopback import Recorder, Reply

KEY = "KEYwrapped0123456789"
RETRY_SOON = {"retry-after-ms": "1"}
FAIL = Reply(500, {"errors": [{"title": "try again"}]}, RETRY_SOON)
# One retry, so two attempts: the SDK's default (2 retries) would make three.
RETRIES = 1
PATH = f"/tenant-7/v2/calls/{CALL_CONTROL_ID}/actions/hangup"


def _options(recorder: Recorder) -> dict[str, Any]:
    return {
        "api_key": KEY,
        "base_url": f"{recorder.url}/tenant-7/v2",
        "max_retries": RETRIES,
        "timeout": 7.5,
        "default_headers": {"X-Service": "billing"},
    }


def _check(recorder: Recorder, hooked: list[httpx.Request], result: CommandResult) -> None:
    assert result == CommandResult(result="ok")
    assert len(recorder.requests) == 2 == len(hooked)  # the wrapped http client sent both
    for request in recorder.requests:
        assert request.path == PATH
        assert request.headers["authorization"] == f"Bearer {KEY}"
        assert request.headers["x-service"] == "billing"
    first, second = (request.json()["command_id"] for request in recorder.requests)
    assert first == second
    assert uuid.UUID(first).version == 4


def test_sync_wrapper_uses_the_wrapped_configuration(recorder: Recorder) -> None:
    hooked: list[httpx.Request] = []
    http_client = httpx.Client(event_hooks={"request": [hooked.append]})
    existing = telnyx.Telnyx(**_options(recorder), http_client=http_client)
    before = dict(vars(existing))
    recorder.reply(FAIL, Reply())

    with GatherClient(existing) as client:
        assert isinstance(client, telnyx.Telnyx)
        assert (client.api_key, client.base_url, client.max_retries, client.timeout) == (
            existing.api_key,
            existing.base_url,
            RETRIES,
            7.5,
        )
        result = client.call(CALL_CONTROL_ID).hangup(reason="Answered elsewhere")

    _check(recorder, hooked, result)
    assert recorder.requests[0].json()["reason"] == "Answered elsewhere"
    assert vars(existing) == before  # wrapping changes nothing on the original


def test_async_wrapper_uses_the_wrapped_configuration(recorder: Recorder) -> None:
    hooked: list[httpx.Request] = []

    async def hook(request: httpx.Request) -> None:
        hooked.append(request)

    async def go() -> CommandResult:
        http_client = httpx.AsyncClient(event_hooks={"request": [hook]})
        existing = telnyx.AsyncTelnyx(**_options(recorder), http_client=http_client)
        async with AsyncGatherClient(existing) as client:
            assert isinstance(client, telnyx.AsyncTelnyx)
            return await client.call(CALL_CONTROL_ID).hangup()

    recorder.reply(FAIL, Reply())
    _check(recorder, hooked, asyncio.run(go()))


def test_the_wrapped_retry_count_is_the_limit(recorder: Recorder) -> None:
    existing = telnyx.Telnyx(**{**_options(recorder), "max_retries": 0})
    recorder.reply(FAIL)

    with pytest.raises(telnyx.InternalServerError):
        GatherClient(existing).call(CALL_CONTROL_ID).hangup()

    assert len(recorder.requests) == 1


def test_resources_are_built_for_the_wrapper_and_options_still_copy(recorder: Recorder) -> None:
    hooked: list[httpx.Request] = []
    existing = telnyx.Telnyx(
        **_options(recorder), http_client=httpx.Client(event_hooks={"request": [hooked.append]})
    )
    existing_calls = existing.calls  # a resource cached on the original
    client = GatherClient(existing)

    assert client.calls is not existing_calls
    quiet = client.with_options(max_retries=0)
    assert isinstance(quiet, GatherClient)
    recorder.reply(FAIL)
    with pytest.raises(telnyx.InternalServerError):
        quiet.call(CALL_CONTROL_ID).hangup()
    assert len(recorder.requests) == len(hooked) == 1


def test_a_wrapper_can_be_wrapped(recorder: Recorder) -> None:
    inner = GatherClient(telnyx.Telnyx(**_options(recorder)))
    GatherClient(inner).call(CALL_CONTROL_ID).hangup()
    assert recorder.requests[0].path == PATH


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (
            lambda: GatherClient(telnyx.AsyncTelnyx(api_key=KEY)),  # type: ignore[call-overload]
            "GatherClient wraps a telnyx.Telnyx, got AsyncTelnyx; use AsyncGatherClient",
        ),
        (
            lambda: AsyncGatherClient(telnyx.Telnyx(api_key=KEY)),  # type: ignore[call-overload]
            "AsyncGatherClient wraps a telnyx.AsyncTelnyx, got Telnyx; use GatherClient",
        ),
        (
            lambda: GatherClient(KEY),  # type: ignore[call-overload]
            "GatherClient wraps a telnyx.Telnyx, got str;",
        ),
        (
            lambda: GatherClient(telnyx.Telnyx(api_key=KEY), max_retries=5),  # type: ignore[call-overload]
            "GatherClient(client) takes no other arguments; configure the client first",
        ),
    ],
)
def test_the_wrong_client_is_a_type_error(make: Any, message: str) -> None:
    with pytest.raises(TypeError) as caught:
        make()
    assert str(caught.value).startswith(message)
    assert KEY not in str(caught.value)


@pytest.mark.parametrize(
    ("ours", "sdk"), [(GatherClient, telnyx.Telnyx), (AsyncGatherClient, telnyx.AsyncTelnyx)]
)
def test_the_keyword_form_is_the_sdks_constructor(ours: type[Any], sdk: type[Any]) -> None:
    # Inherited, not restated: the SDK's own client tests (copy()'s signature) hold.
    assert ours.__init__ is sdk.__init__
    assert list(inspect.signature(ours.wrap).parameters) == ["client"]
