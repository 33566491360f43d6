"""The facade drives the real telnyx client over real HTTP to a loopback recorder."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
import telnyx
from syrupy.assertion import SnapshotAssertion

from telnyx_gather import (
    AsyncCall,
    Call,
    CommandResult,
    GatherClient,
    InvalidCommandError,
    encode_client_state,
)
from telnyx_gather.commands import StopGather
from tests.client.facade_examples import (
    API_KEY,
    CALL_CONTROL_ID,
    EXAMPLES,
    MODES,
    Example,
    run,
    send_example,
)
from tests.loopback import OK, Recorder, Reply

CONVERSATION_ID = "d7e9c1d4-8b2a-4b8f-b3a7-9a671c9e9b0a"
TELNYX_422 = {
    "errors": [
        {
            "code": "90018",
            "title": "Call has already ended",
            "detail": "This call is no longer active and can't receive commands.",
        }
    ]
}
RETRY_SOON = {"retry-after-ms": "1"}


def _command_ids(recorder: Recorder) -> list[str]:
    return [request.json()["command_id"] for request in recorder.requests]


def _record(recorder: Recorder, mode: str, example: Example) -> list[dict[str, Any]]:
    """Send `example` as given, then without its `command_id`; return both requests."""
    minimal = {k: v for k, v in example.kwargs.items() if k != "command_id"}
    send_example(mode, f"{recorder.url}/v2", example)
    run(mode, f"{recorder.url}/v2", lambda call: getattr(call, example.method)(**minimal))

    given, automatic = (r.json() for r in recorder.requests[-2:])
    assert given == example.builder(**example.kwargs).to_params()
    assert uuid.UUID(automatic.pop("command_id")).version == 4
    assert automatic == example.builder(**minimal).to_params()
    return [
        {
            "method": r.method,
            "path": r.path,
            "authorization": r.headers["authorization"],
            "content-type": r.headers["content-type"],
            "body": body,
        }
        for r, body in zip(
            recorder.requests[-2:], [given, {**automatic, "command_id": "<auto>"}], strict=True
        )
    ]


@pytest.mark.parametrize("example", EXAMPLES, ids=str)
def test_each_action_sends_the_exact_request(
    recorder: Recorder, snapshot: SnapshotAssertion, example: Example
) -> None:
    sync = _record(recorder, "sync", example)
    assert _record(recorder, "async", example) == sync
    assert sync == snapshot


@pytest.mark.parametrize("mode", MODES)
def test_send_takes_a_built_command(recorder: Recorder, mode: str) -> None:
    command = StopGather(client_state=encode_client_state("x"), command_id="built-1")

    result = run(mode, recorder.url, lambda call: call.send(command))

    assert result == CommandResult(result="ok")
    assert recorder.requests[0].path == f"/calls/{CALL_CONTROL_ID}/actions/gather_stop"
    assert recorder.requests[0].json() == command.to_params()


@pytest.mark.parametrize("mode", MODES)
def test_automatic_command_id_is_a_fresh_uuid4_per_send(recorder: Recorder, mode: str) -> None:
    command = StopGather()

    async def three_async(call: AsyncCall) -> CommandResult:
        await call.send(command)
        await call.stop_gather()
        return await call.stop_gather(command_id=None)

    def three_sync(call: Call) -> CommandResult:
        call.send(command)
        call.stop_gather()
        return call.stop_gather(command_id=None)

    run(mode, recorder.url, three_sync if mode == "sync" else three_async)

    ids = _command_ids(recorder)
    assert len(ids) == 3
    assert len(set(ids)) == 3
    assert all(uuid.UUID(i).version == 4 and str(uuid.UUID(i)) == i for i in ids)
    assert command.to_params() == {}  # the builder itself is never changed


@pytest.mark.parametrize("mode", MODES)
def test_command_id_is_the_same_on_the_sdk_retry(recorder: Recorder, mode: str) -> None:
    recorder.reply(Reply(500, {"errors": [{"title": "try again"}]}, RETRY_SOON), OK)

    result = run(mode, recorder.url, lambda call: call.stop_gather(), max_retries=2)

    assert result.result == "ok"
    first, second = _command_ids(recorder)
    assert first == second
    assert uuid.UUID(first).version == 4


@pytest.mark.parametrize("mode", MODES)
def test_explicit_command_id_is_kept_on_retry(recorder: Recorder, mode: str) -> None:
    recorder.reply(Reply(503, {}, RETRY_SOON), Reply(500, {}, RETRY_SOON), OK)

    run(mode, recorder.url, lambda call: call.stop_gather(command_id="mine"), max_retries=2)

    assert _command_ids(recorder) == ["mine", "mine", "mine"]


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize(
    ("call_control_id", "kwargs", "field"),
    [
        (CALL_CONTROL_ID, {"client_state": "not base64!"}, "client_state"),
        (CALL_CONTROL_ID, {"command_id": 7}, "command_id"),
        ("", {}, "call_control_id"),
        ("..", {}, "call_control_id"),
    ],
)
def test_invalid_input_sends_nothing(
    recorder: Recorder, mode: str, call_control_id: str, kwargs: dict[str, Any], field: str
) -> None:
    with pytest.raises(InvalidCommandError, match=field):
        run(
            mode,
            recorder.url,
            lambda call: call.stop_gather(**kwargs),
            call_control_id=call_control_id,
        )
    assert recorder.requests == []


def test_async_method_rejects_bad_input_before_it_is_awaited(recorder: Recorder) -> None:
    async def bad(call: AsyncCall) -> CommandResult:
        with pytest.raises(InvalidCommandError, match="client_state"):
            call.stop_gather(client_state="%%%")  # raises here: no coroutine to await
        return await call.stop_gather()

    run("async", recorder.url, bad)
    assert len(recorder.requests) == 1


@pytest.mark.parametrize("mode", MODES)
def test_api_error_is_the_sdks_own_exception(recorder: Recorder, mode: str) -> None:
    recorder.reply(Reply(422, TELNYX_422))

    with pytest.raises(telnyx.UnprocessableEntityError) as caught:
        run(mode, recorder.url, lambda call: call.stop_gather())

    assert caught.value.status_code == 422
    assert caught.value.body == TELNYX_422
    assert len(recorder.requests) == 1  # a 422 is not retried


@pytest.mark.parametrize("mode", MODES)
def test_exhausted_retries_raise_the_sdks_own_exception(recorder: Recorder, mode: str) -> None:
    recorder.reply(*[Reply(500, {}, RETRY_SOON)] * 2)

    with pytest.raises(telnyx.InternalServerError):
        run(mode, recorder.url, lambda call: call.stop_gather(), max_retries=1)

    first, second = _command_ids(recorder)
    assert first == second


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ({"result": "ok"}, CommandResult(result="ok", conversation_id=None)),
        (
            {"result": "ok", "conversation_id": CONVERSATION_ID},
            CommandResult(result="ok", conversation_id=uuid.UUID(CONVERSATION_ID)),
        ),
    ],
)
def test_result_is_parsed(
    recorder: Recorder, mode: str, data: dict[str, str], expected: CommandResult
) -> None:
    recorder.reply(Reply(200, {"data": data}))

    result = run(mode, recorder.url, lambda call: call.stop_gather())

    assert result == expected
    assert result.conversation_id is None or isinstance(result.conversation_id, uuid.UUID)


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize(
    "body", [{"data": {}}, {"result": "ok"}, {"data": {"conversation_id": "nope"}}, b"<html>"]
)
def test_malformed_success_response_is_the_sdks_validation_error(
    recorder: Recorder, mode: str, body: object
) -> None:
    recorder.reply(Reply(200, body))

    with pytest.raises(telnyx.APIResponseValidationError, match="unexpected response"):
        run(mode, recorder.url, lambda call: call.stop_gather())


@pytest.mark.parametrize("mode", MODES)
def test_call_control_id_is_one_percent_encoded_path_segment(recorder: Recorder, mode: str) -> None:
    run(mode, recorder.url, lambda call: call.stop_gather(), call_control_id="v3:a/b?c#d e")

    assert recorder.requests[0].path == "/calls/v3:a%2Fb%3Fc%23d%20e/actions/gather_stop"


def test_client_is_the_sdk_client_and_keeps_its_class_through_with_options(
    recorder: Recorder,
) -> None:
    with GatherClient(api_key=API_KEY, base_url=recorder.url) as client:
        assert isinstance(client, telnyx.Telnyx)
        copy = client.with_options(max_retries=0)
        assert type(copy) is GatherClient
        assert copy.call("abc").stop_gather() == CommandResult(result="ok")
        assert repr(client.call("abc")) == "Call('abc')"
    assert recorder.requests[0].headers["authorization"] == f"Bearer {API_KEY}"
