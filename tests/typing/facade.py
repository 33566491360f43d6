"""Static checks, run by mypy --strict and pyright strict: the facade's return and argument types.

Nothing here needs to run; the type checkers fail the gate if a type drifts.
"""

# pyright: reportUnnecessaryTypeIgnoreComment=true
from __future__ import annotations

import asyncio
from collections.abc import Coroutine
from typing import Any
from uuid import UUID

from typing_extensions import assert_type

from telnyx_gather import AsyncCall, AsyncGatherClient, Call, CommandResult, GatherClient
from telnyx_gather.commands import StopGather


def sync_facade(client: GatherClient) -> None:
    call = client.call("v3:abc")
    assert_type(call, Call)
    result = call.stop_gather(client_state="eyJ9", command_id="c1")
    assert_type(result, CommandResult)
    assert_type(result.result, str)
    assert_type(result.conversation_id, UUID | None)
    assert_type(call.send(StopGather()), CommandResult)
    assert_type(client.send("v3:abc", StopGather()), CommandResult)
    assert_type(client.with_options(max_retries=0), GatherClient)


async def async_facade(client: AsyncGatherClient) -> None:
    call = client.call("v3:abc")
    assert_type(call, AsyncCall)
    pending = assert_type(call.stop_gather(command_id="c1"), Coroutine[Any, Any, CommandResult])
    assert_type(await pending, CommandResult)
    assert_type(await call.send(StopGather()), CommandResult)
    assert_type(await client.send("v3:abc", StopGather()), CommandResult)
    task = asyncio.create_task(call.stop_gather())
    assert_type(await task, CommandResult)


def keyword_arguments_are_typed(call: Call) -> None:
    # Each line must be an error: mypy (warn_unused_ignores) and pyright
    # (reportUnnecessaryTypeIgnoreComment, on at the top of this file) both
    # fail the gate if one of these `type: ignore`s stops being needed.
    call.stop_gather(command_id=7)  # type: ignore[arg-type]
    call.stop_gather(comand_id="c1")  # type: ignore[call-arg]
    call.stop_gather("c1")  # type: ignore[call-arg]
