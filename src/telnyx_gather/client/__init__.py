"""The facade: `GatherClient` and `AsyncGatherClient`, the `Call` handles, their results.

Names load lazily: the handles, `CommandResult` and `DialResult` need no `telnyx`; only the
two clients import the SDK and the two senders `httpx` (both come with the `client`
extra), and without it they raise an `ImportError` that names the extra.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .._lazy import load as _load

if TYPE_CHECKING:
    from ._call import AsyncCall, Call
    from ._clients import AsyncGatherClient, GatherClient
    from ._result import CommandResult, DialResult
    from ._sender import AsyncHttpSender, HttpSender

__all__ = [
    "AsyncCall",
    "AsyncGatherClient",
    "AsyncHttpSender",
    "Call",
    "CommandResult",
    "DialResult",
    "GatherClient",
    "HttpSender",
]

_LAZY: dict[str, str] = {
    "AsyncCall": "._call",
    "Call": "._call",
    "CommandResult": "._result",
    "DialResult": "._result",
    "AsyncGatherClient": "._clients",
    "GatherClient": "._clients",
    "AsyncHttpSender": "._sender",
    "HttpSender": "._sender",
}


def __getattr__(name: str) -> object:
    return _load(__name__, _LAZY, globals(), name)


def __dir__() -> list[str]:
    return sorted(__all__)
