"""`HttpSender` and `AsyncHttpSender` against a real loopback server: the facade's wire, leaner."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator

import httpx
import pytest

from telnyx_gather import (
    AsyncHttpSender,
    CommandResult,
    GatherClient,
    HttpSender,
    InvalidCommandError,
)
from telnyx_gather.commands import GatherUsingSpeak, Hangup
from telnyx_gather.commands.actions.client_state import UpdateClientState
from telnyx_gather.commands.actions.dial import Dial

from ..loopback import Recorder, Reply

SPEAK = GatherUsingSpeak(payload="Press one.", voice="female", minimum_digits=1)
DIAL = Dial(connection_id="7267", to="+18005550100", from_="+18005550101")
DIALLED = {"data": {"call_control_id": "v3:new", "call_leg_id": "leg", "call_session_id": "s"}}
NOW = Reply(503, {"errors": [{"code": "x"}]}, {"retry-after": "0"})


@pytest.fixture
def recorder() -> Iterator[Recorder]:
    with Recorder() as server:
        yield server


def test_the_wire_is_the_facades(recorder: Recorder) -> None:
    with HttpSender("KEY", base_url=recorder.url) as sender:
        assert sender.send("v3:a/b", SPEAK) == CommandResult(result="ok")
    with GatherClient(api_key="KEY", base_url=recorder.url) as client:
        client.send("v3:a/b", SPEAK)
    lean, facade = recorder.requests
    assert lean.path == facade.path == "/calls/v3:a%2Fb/actions/gather_using_speak"
    assert lean.headers["authorization"] == facade.headers["authorization"] == "Bearer KEY"
    assert lean.headers["content-type"] == "application/json"
    mine, theirs = lean.json(), facade.json()
    assert mine.pop("command_id") != theirs.pop("command_id")
    assert list(mine) == list(theirs)
    assert mine == theirs


def test_a_set_command_id_is_sent_as_is_and_an_empty_body_gets_one(recorder: Recorder) -> None:
    with HttpSender("KEY", base_url=recorder.url) as sender:
        sender.send("c", Hangup(command_id="mine"))
        sender.call("c").hangup()
    assert recorder.requests[0].json() == {"command_id": "mine"}
    assert list(recorder.requests[1].json()) == ["command_id"]


def test_retries_carry_the_same_command_id(recorder: Recorder) -> None:
    recorder.reply(NOW, Reply(429, {}, {"retry-after": "0"}))
    with HttpSender("KEY", base_url=recorder.url) as sender:
        assert sender.send("c", SPEAK).result == "ok"
    ids = {r.json()["command_id"] for r in recorder.requests}
    assert len(recorder.requests) == 3
    assert len(ids) == 1


def test_refusals_raise_after_the_retries(recorder: Recorder) -> None:
    recorder.reply(Reply(422, {"errors": [{"code": "90018"}]}), NOW, NOW)
    with HttpSender("KEY", base_url=recorder.url, max_retries=1) as sender:
        with pytest.raises(httpx.HTTPStatusError) as refused:
            sender.send("c", SPEAK)
        assert refused.value.response.status_code == 422
        assert getattr(refused.value, "status_code", None) == 422  # as Router reads it
        with pytest.raises(httpx.HTTPStatusError):
            sender.send("c", SPEAK)
    assert len(recorder.requests) == 3


def test_an_answer_that_is_not_a_result_is_named(recorder: Recorder) -> None:
    recorder.reply(Reply(200, {"data": {}}))
    unexpected = r"unexpected response .*data\.result: Field required"
    with (
        HttpSender("KEY", base_url=recorder.url) as sender,
        pytest.raises(ValueError, match=unexpected),
    ):
        sender.send("c", SPEAK)


def test_bad_ids_and_missing_keys_fail_before_sending(
    recorder: Recorder, monkeypatch: pytest.MonkeyPatch
) -> None:
    sender = HttpSender("KEY", base_url=recorder.url)
    with sender, pytest.raises(InvalidCommandError, match="call_control_id"):
        sender.send("..", SPEAK)
    monkeypatch.delenv("TELNYX_API_KEY", raising=False)
    with pytest.raises(ValueError, match="TELNYX_API_KEY"):
        HttpSender()
    assert recorder.requests == []


def test_a_shared_http_client_is_left_open(recorder: Recorder) -> None:
    with httpx.Client() as shared:
        HttpSender("KEY", base_url=recorder.url, http_client=shared).close()
        assert not shared.is_closed


def test_the_async_twin(recorder: Recorder) -> None:
    recorder.reply(NOW)

    async def main() -> CommandResult:
        async with AsyncHttpSender("KEY", base_url=recorder.url) as sender:
            await sender.call("c").hangup()
            return await sender.send("c", SPEAK)

    assert asyncio.run(main()).result == "ok"
    first, again, speak = recorder.requests
    assert first.json() == again.json()
    assert speak.json()["payload"] == "Press one."


def test_put_actions_and_dials_go_where_the_facade_sends_them(recorder: Recorder) -> None:
    recorder.reply(Reply(), Reply(body=DIALLED))
    with HttpSender("KEY", base_url=recorder.url) as sender:
        sender.send("c", UpdateClientState(client_state="aGk="))
        dialled = sender.dial(DIAL)
        with pytest.raises(InvalidCommandError, match=r"Dial starts a new call.*client\.dial"):
            sender.send("c", DIAL)
    assert (dialled.call_control_id, dialled.call_leg_id) == ("v3:new", "leg")
    update, dial = recorder.requests
    assert (update.method, update.path) == ("PUT", "/calls/c/actions/client_state_update")
    assert (dial.method, dial.path) == ("POST", "/calls")
    body = dial.json()
    assert body.pop("command_id")
    assert body == DIAL.to_params()


def test_the_async_twin_dials(recorder: Recorder) -> None:
    recorder.reply(Reply(body=DIALLED))

    async def main() -> str:
        async with AsyncHttpSender("KEY", base_url=recorder.url) as sender:
            return (await sender.dial(DIAL)).call_session_id

    assert asyncio.run(main()) == "s"
    assert recorder.requests[0].path == "/calls"
