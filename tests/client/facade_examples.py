"""One example per action, and a driver that sends it through the sync or async facade."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import httpx

from telnyx_gather import AsyncGatherClient, CommandResult, GatherClient, encode_client_state
from telnyx_gather.commands import Command, StopGather

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


EXAMPLES = [
    Example(
        "stop_gather",
        StopGather,
        {"client_state": encode_client_state({"step": "menu"}), "command_id": "stop-1"},
    ),
]


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
