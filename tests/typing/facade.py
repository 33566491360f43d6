# pyright: reportUnnecessaryTypeIgnoreComment=true
"""Static checks, run by mypy --strict and pyright strict: the facade's return and argument types.

Nothing here needs to run; the type checkers fail the gate if a type drifts.
"""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine
from typing import Any
from uuid import UUID

import telnyx
from typing_extensions import assert_type

from telnyx_gather import (
    AsyncCall,
    AsyncGatherClient,
    Call,
    CommandResult,
    Gather,
    GatherClient,
    StopGather,
)

Pending = Coroutine[Any, Any, CommandResult]


def sync_facade(client: GatherClient) -> None:
    call = client.call("v3:abc")
    assert_type(call, Call)
    assert_type(call.gather(minimum_digits=1, maximum_digits=4, gather_id="pin"), CommandResult)
    assert_type(call.gather_using_audio(audio_url="https://x.example/a.wav"), CommandResult)
    assert_type(call.gather_using_speak(payload="PIN?", voice="female"), CommandResult)
    assert_type(call.gather_using_ai(parameters={"type": "object"}), CommandResult)
    assert_type(call.stop_gather(client_state="eyJ9", command_id="c1"), CommandResult)
    assert_type(call.start_ai_assistant(assistant={"id": "a-1"}), CommandResult)
    assert_type(call.stop_ai_assistant(), CommandResult)
    assert_type(
        call.add_ai_assistant_messages(messages=[{"role": "user", "content": "Hi"}]),
        CommandResult,
    )
    assert_type(
        call.answer(webhook_url="https://x.example/hooks", record="record-from-answer"),
        CommandResult,
    )
    assert_type(call.answer(custom_headers=[{"name": "X-A", "value": "1"}]), CommandResult)
    assert_type(call.hangup(reason="Answered elsewhere"), CommandResult)
    result = call.send(StopGather())
    assert_type(result.result, str)
    assert_type(result.conversation_id, UUID | None)
    assert_type(client.send("v3:abc", Gather()), CommandResult)
    assert_type(client.with_options(max_retries=0), GatherClient)


async def async_facade(client: AsyncGatherClient) -> None:
    call = client.call("v3:abc")
    assert_type(call, AsyncCall)
    _ = assert_type(call.gather(maximum_digits=4), Pending)
    _ = assert_type(call.gather_using_audio(media_name="menu"), Pending)
    _ = assert_type(call.gather_using_speak(payload="PIN?", voice="female"), Pending)
    _ = assert_type(call.gather_using_ai(parameters={"type": "object"}), Pending)
    _ = assert_type(call.stop_gather(), Pending)
    _ = assert_type(call.start_ai_assistant(), Pending)
    _ = assert_type(call.stop_ai_assistant(), Pending)
    _ = assert_type(call.add_ai_assistant_messages(), Pending)
    _ = assert_type(call.answer(), Pending)
    _ = assert_type(call.hangup(), Pending)
    assert_type(await call.gather(maximum_digits=4), CommandResult)
    assert_type(await call.send(StopGather()), CommandResult)
    assert_type(await client.send("v3:abc", StopGather()), CommandResult)
    assert_type(await asyncio.create_task(call.stop_gather()), CommandResult)


def wrapping_an_existing_client(sync: telnyx.Telnyx, other: telnyx.AsyncTelnyx) -> None:
    assert_type(GatherClient(sync), GatherClient)
    assert_type(AsyncGatherClient(other), AsyncGatherClient)
    assert_type(GatherClient(api_key="KEY", max_retries=5), GatherClient)
    # Each line must be an error, as in `keyword_arguments_are_typed` below.
    GatherClient(other)  # type: ignore[call-overload]
    AsyncGatherClient(sync)  # type: ignore[call-overload]
    GatherClient(sync, max_retries=5)  # type: ignore[call-overload]


def keyword_arguments_are_typed(call: Call) -> None:
    # Each line must be an error: mypy (warn_unused_ignores) and pyright
    # (reportUnnecessaryTypeIgnoreComment, on at the top of this file) both
    # fail the gate if one of these `type: ignore`s stops being needed.
    call.gather(maximum_digits="4")  # type: ignore[arg-type]
    call.gather(maximum_digit=4)  # type: ignore[call-arg]
    call.gather_using_speak(payload="PIN?")  # type: ignore[call-arg]
    call.gather_using_speak(payload="PIN?", voice="female", payload_type="xml")  # type: ignore[arg-type]
    call.gather_using_ai()  # type: ignore[call-arg]
    call.start_ai_assistant(assistant={"idd": "a-1"})  # type: ignore[arg-type]
    call.stop_gather("c1")  # type: ignore[call-arg]
    call.answer(record="record-from-ringing")  # type: ignore[arg-type]
    call.answer(sip_headers=[{"name": "X-Custom", "value": "1"}])  # type: ignore[list-item]
    call.hangup(cause="normal")  # type: ignore[call-arg]
