"""`GatherClient` and `AsyncGatherClient`: the official `telnyx` clients, plus typed commands.

Each is a subclass of the SDK's own client, so construction, auth, timeouts,
retries and errors are the SDK's. `send` only builds the path and body, posts
them through the client's generic request method and parses the answer; the
SDK's per-resource modules (`client.calls.actions`) are never imported, which
keeps a cold start short.

This module needs the `client` extra: `pip install 'telnyx-gather[client]'`.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote
from uuid import uuid4

try:
    import httpx
    import telnyx
except ImportError as exc:
    raise ImportError(
        "the telnyx-gather client needs the official telnyx SDK; "
        "install it with: pip install 'telnyx-gather[client]'"
    ) from exc
from pydantic import ValidationError

from .._errors import InvalidCommandError, describe_validation_error, safe_repr
from .._lazy import publish
from ..commands import Command
from ._call import AsyncCall, Call
from ._result import RESPONSE, CommandResult

__all__ = ["AsyncGatherClient", "GatherClient"]


def _request(call_control_id: str, command: Command) -> tuple[str, dict[str, Any]]:
    """The path and JSON body for `command`, with a fresh `command_id` if none was set.

    The id is chosen here, once per `send` and before the SDK's retry loop, so
    every attempt carries the same id and Telnyx ignores the repeats.
    """
    if call_control_id in ("", ".", ".."):
        raise InvalidCommandError(
            "call_control_id: must be a non-empty string other than '.' or '..', "
            f"got {safe_repr(call_control_id)}"
        )
    # Percent-encode everything outside RFC 3986 `pchar`, so the id stays one segment.
    segment = quote(call_control_id, safe="!$&'()*+,;=:@")
    body = command.to_params()
    if body.get("command_id") is None:
        body["command_id"] = str(uuid4())
    return f"/calls/{segment}/actions/{command.action}", body


def _result(response: httpx.Response) -> CommandResult:
    try:
        return RESPONSE.validate_json(response.content).data
    except ValidationError as exc:
        raise telnyx.APIResponseValidationError(
            response,
            response.text,
            message=f"unexpected response to a call command: {describe_validation_error(exc)}",
        ) from exc


class GatherClient(telnyx.Telnyx):
    """The official `telnyx.Telnyx` client, plus typed, validated gather commands.

    Construct it exactly like `telnyx.Telnyx` (`api_key`, `base_url`,
    `max_retries`, `timeout`, `http_client`, ...); everything the SDK offers
    still works.

    Example:
        ```python
        client = GatherClient(api_key="KEY...")
        client.call(call_control_id).gather(minimum_digits=1, maximum_digits=4)
        ```
    """

    def send(self, call_control_id: str, command: Command) -> CommandResult:
        """Send `command` to the call `call_control_id`.

        Fills in a fresh UUID4 `command_id` when the command has none, so the
        SDK's own retries cannot repeat the command.

        Args:
            call_control_id: The call, as in the webhooks' `payload.call_control_id`.
            command: Any command builder.

        Returns:
            The API's answer.

        Raises:
            InvalidCommandError: `call_control_id` is empty; nothing was sent.
            telnyx.APIError: Any failure of the request, as the SDK raises it
                (`telnyx.UnprocessableEntityError`, `telnyx.APIConnectionError`, ...).
        """
        path, body = _request(call_control_id, command)
        return _result(self.post(path, body=body, cast_to=httpx.Response))

    def call(self, call_control_id: str) -> Call:
        """A handle bound to the call `call_control_id`, with one method per action."""
        return Call(self, call_control_id)


class AsyncGatherClient(telnyx.AsyncTelnyx):
    """The official `telnyx.AsyncTelnyx` client, plus typed, validated gather commands.

    The async twin of `GatherClient`: the same constructor as
    `telnyx.AsyncTelnyx`, and `send` and the `AsyncCall` methods are awaited.
    """

    async def send(self, call_control_id: str, command: Command) -> CommandResult:
        """Send `command` to the call `call_control_id`; see `GatherClient.send`."""
        path, body = _request(call_control_id, command)
        return _result(await self.post(path, body=body, cast_to=httpx.Response))

    def call(self, call_control_id: str) -> AsyncCall:
        """A handle bound to the call `call_control_id`, with one awaitable method per action."""
        return AsyncCall(self, call_control_id)


publish("telnyx_gather", GatherClient, AsyncGatherClient)
