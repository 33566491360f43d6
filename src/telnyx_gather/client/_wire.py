"""What every sender puts on the wire for a command: its path, and its body with a `command_id`."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote
from uuid import uuid4

from .._errors import InvalidCommandError, safe_repr
from ..commands import Command

__all__ = ["json_body", "params", "path", "request"]


def path(call_control_id: str, command: Command) -> str:
    """The action's path below the API's base URL, the id percent-encoded as one segment.

    Raises:
        InvalidCommandError: `command` starts a new call rather than acting on
            one (a `Dial`), or `call_control_id` is empty, `.` or `..`.
    """
    if not command.acts_on_call:
        raise InvalidCommandError(
            f"{type(command).__name__} starts a new call rather than acting on one: "
            f"send it with client.{command.method}(...)"
        )
    if call_control_id in ("", ".", ".."):
        raise InvalidCommandError(
            "call_control_id: must be a non-empty string other than '.' or '..', "
            f"got {safe_repr(call_control_id)}"
        )
    # Percent-encode everything outside RFC 3986 `pchar`, so the id stays one segment.
    segment = quote(call_control_id, safe="!$&'()*+,;=:@")
    return f"/calls/{segment}/actions/{command.action}"


def request(call_control_id: str, command: Command) -> tuple[str, dict[str, Any]]:
    """The path and JSON body for `command`, with a fresh `command_id` if none was set.

    The id is chosen here, once per `send` and before any retry, so every
    attempt carries the same id and Telnyx ignores the repeats.
    """
    return path(call_control_id, command), params(command)


def params(command: Command) -> dict[str, Any]:
    """`command`'s JSON body as a dict, with a fresh `command_id` if none was set."""
    body = command.to_params()
    if body.get("command_id") is None:
        body["command_id"] = str(uuid4())
    return body


def json_body(command: Command) -> bytes:
    """`request`'s body as JSON bytes, serialized once by pydantic-core.

    The same fields as `Command.to_params()`, in the same order, with a fresh
    `command_id` last when the command has none.
    """
    body = command.__pydantic_serializer__.to_json(command, by_alias=True, exclude_none=True)
    if getattr(command, "command_id", None) is not None:
        return body
    tail = b'"command_id":"' + str(uuid4()).encode() + b'"}'
    return body[:-1] + (tail if body == b"{}" else b"," + tail)
