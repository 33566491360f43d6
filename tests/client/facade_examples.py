"""One example per action, and a driver that sends it through the sync or async facade."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import httpx

from telnyx_gather import AsyncGatherClient, CommandResult, GatherClient
from telnyx_gather.commands import Command
from tests.commands.examples import EVERY, RICH

API_KEY = "KEY0123456789ABCDEF_test"
CALL_CONTROL_ID = "v3:u5OAKGEPT3Dx8SZSSDRWEMdNH2OripQhO"
MODES = ["sync", "async"]


@dataclass(frozen=True)
class Example:
    """A facade method, the builder it wraps, and rich keyword arguments for it."""

    method: str
    builder: type[Command]
    kwargs: dict[str, Any]

    def __str__(self) -> str:
        return self.method


METHODS = {
    "gather": "gather",
    "gather_using_audio": "gather_using_audio",
    "gather_using_speak": "gather_using_speak",
    "gather_using_ai": "gather_using_ai",
    "stop_gather": "gather_stop",
    "start_ai_assistant": "ai_assistant_start",
    "stop_ai_assistant": "ai_assistant_stop",
    "add_ai_assistant_messages": "ai_assistant_add_messages",
    "answer": "answer",
    "hangup": "hangup",
}
"""Each handle method, named as the telnyx SDK names it, and the action it sends."""


def _example(method: str, action: str) -> Example:
    command = EVERY[action]
    return Example(
        method, type(command), {name: getattr(command, name) for name in command.model_fields_set}
    )


EXAMPLES = [_example(method, action) for method, action in METHODS.items()]
"""The rich instances of `tests/commands/examples.py`, as keyword arguments."""

SPEC_EXAMPLES = [example for example in EXAMPLES if example.builder.action in RICH]
"""The examples whose action is in the spec cut (all but `answer` and `hangup`)."""


def run(
    mode: str,
    base_url: str,
    action: Callable[[Any], Any],
    *,
    on_response: Callable[[httpx.Response], None] | None = None,
    call_control_id: str = CALL_CONTROL_ID,
    **options: Any,
) -> CommandResult:
    """Build a sync or async facade client on `base_url` and run `action(call)` with it.

    `action` gets the `Call` (or `AsyncCall`) for `call_control_id`; for async
    its return value is awaited.
    """
    if mode == "sync":
        with GatherClient(
            api_key=API_KEY,
            base_url=base_url,
            http_client=httpx.Client(
                event_hooks={"response": [on_response] if on_response else []}
            ),
            **options,
        ) as client:
            result: CommandResult = action(client.call(call_control_id))
            return result

    async def hook(response: httpx.Response) -> None:
        if on_response:
            on_response(response)

    async def go() -> CommandResult:
        async with AsyncGatherClient(
            api_key=API_KEY,
            base_url=base_url,
            http_client=httpx.AsyncClient(event_hooks={"response": [hook]}),
            **options,
        ) as client:
            result: CommandResult = await action(client.call(call_control_id))
            return result

    return asyncio.run(go())


def send_example(mode: str, base_url: str, example: Example, **options: Any) -> CommandResult:
    """Send `example` through its facade method."""
    return run(
        mode, base_url, lambda call: getattr(call, example.method)(**example.kwargs), **options
    )
