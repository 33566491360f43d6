"""`HttpSender` and `AsyncHttpSender`: commands straight over `httpx`, at the floor's cost.

The facade clients post through the `telnyx` SDK, whose generic request
path copies and transforms the body, rebuilds headers and options and wraps
the response, per request; under concurrency that is most of an app's CPU.
These senders do only what a command needs: the body serialized once by
pydantic-core (with its `command_id`, fixed before any retry), one POST on a
pooled keep-alive connection with headers built once, and the answer
validated in one pass. Make one per process and share it: its connection
pool is reused by every call and every request handler.

This module needs `httpx`, which the `client` extra installs.
"""

from __future__ import annotations

import asyncio
import os
import socket
import threading
import time
from types import TracebackType
from typing import Any

try:
    import httpx
except ImportError as _missing:
    raise ImportError(
        "the telnyx-gather senders need httpx; install it with: pip install 'telnyx-gather[client]'"
    ) from _missing
from typing_extensions import Self

from .._lazy import publish
from ..commands import Command
from ..commands.actions.dial import Dial
from ._answer import dialled, result
from ._call import AsyncCall, Call
from ._result import CommandResult, DialResult
from ._wire import json_body, path

__all__ = ["AsyncHttpSender", "HttpSender"]

BASE_URL = "https://api.telnyx.com/v2"
_RETRIED = frozenset({408, 409, 429})


class _Base:
    """Configuration, the request and the retry rule that both senders share."""

    def __init__(
        self,
        api_key: str | None,
        base_url: str,
        max_retries: int,
    ) -> None:
        key = api_key if api_key is not None else os.environ.get("TELNYX_API_KEY")
        if not key:
            raise ValueError("api_key: pass it, or set the TELNYX_API_KEY environment variable")
        self.base_url: str = base_url.rstrip("/")
        self.max_retries: int = max_retries
        self._headers: dict[str, str] = {
            "Authorization": f"Bearer {key}",
            "Content-Type": "application/json",
            "Accept": "application/json",
        }

    def _prepare(self, call_control_id: str, command: Command) -> tuple[str, str, bytes]:
        where = self.base_url + path(call_control_id, command)
        return command.http_method, where, json_body(command)

    def _prepare_dial(self, command: Dial) -> tuple[str, str, bytes]:
        return "POST", self.base_url + "/calls", json_body(command)

    def _delay(self, attempt: int, response: httpx.Response | None) -> float | None:
        """Seconds to wait before a retry, or `None` to stop; `response` is `None` on a failure."""
        if attempt >= self.max_retries:
            return None
        if response is not None:
            status = response.status_code
            if status not in _RETRIED and status < 500:
                return None
            after: str = response.headers.get("retry-after", "")
            if after.isascii() and after.isdigit() and int(after) <= 60:
                return float(after)
        return min(0.5 * 2.0**attempt, 8.0)


def _pool(max_connections: int) -> dict[str, Any]:
    """A transport's pool: every connection kept alive, and no Nagle delay on small writes."""
    return {
        "limits": httpx.Limits(
            max_connections=max_connections, max_keepalive_connections=max_connections
        ),
        "socket_options": [(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)],
    }


class HttpSender(_Base):
    """Sends commands to the Call Control API over a pooled `httpx.Client`.

    A drop-in `client` for `Router` and for `Call` handles, leaner than
    `GatherClient` per request (no SDK on the send path). Share one instance
    across the app, and close it (or use it as a context manager) on exit.

    Example:
        ```python
        sender = HttpSender(api_key="KEY...")
        sender.call(call_control_id).hangup()
        ```

    Args:
        api_key: The API key; `TELNYX_API_KEY` from the environment when omitted.
        base_url: The API's base URL.
        timeout: Seconds for each request (connect, read, write and pool).
        max_retries: Retries after a connection failure or a 408, 409, 429 or
            5xx answer, with backoff (the `Retry-After` header when given);
            every attempt carries the same `command_id`.
        max_connections: Size of the connection pool, all kept alive, and
            how many requests are handed to it at once: the others wait their
            turn here, in constant time (httpx's pool does work per waiting
            request and per connection on every request, which grows with
            concurrency).
        http_client: An `httpx.Client` to send with instead (its pool,
            proxies, timeouts); it is not closed by `close()`.

    Raises:
        ValueError: No API key was given or found in the environment.
    """

    def __init__(
        self,
        api_key: str | None = None,
        *,
        base_url: str = BASE_URL,
        timeout: float = 10.0,
        max_retries: int = 2,
        max_connections: int = 16,
        http_client: httpx.Client | None = None,
    ) -> None:
        super().__init__(api_key, base_url, max_retries)
        self._slots = threading.BoundedSemaphore(max_connections)
        self._owned = http_client is None
        self.http_client: httpx.Client = http_client or httpx.Client(
            timeout=timeout, transport=httpx.HTTPTransport(**_pool(max_connections))
        )

    def send(self, call_control_id: str, command: Command) -> CommandResult:
        """Send `command` to the call `call_control_id`.

        Args:
            call_control_id: The call, as in the webhooks' `payload.call_control_id`.
            command: Any command builder.

        Returns:
            The API's answer.

        Raises:
            InvalidCommandError: `call_control_id` is empty, or `command` is a
                `Dial` (send it with `GatherClient.dial`); nothing was sent.
            httpx.HTTPStatusError: The API refused the command (after retries).
            httpx.TransportError: The request could not be completed (after retries).
            ValueError: The API's answer was not a command result.
        """
        return result(self._exchange(*self._prepare(call_control_id, command)))

    def dial(self, command: Dial) -> DialResult:
        """Start the outgoing call `command` describes (`POST /calls`); see `GatherClient.dial`.

        Raises:
            httpx.HTTPStatusError: The API refused the call (after retries).
            httpx.TransportError: The request could not be completed (after retries).
            ValueError: The API's answer did not carry the new call's ids.
        """
        return dialled(self._exchange(*self._prepare_dial(command)))

    def _exchange(self, method: str, url: str, body: bytes) -> httpx.Response:
        attempt = 0
        while True:
            try:
                with self._slots:
                    response = self.http_client.request(
                        method, url, content=body, headers=self._headers
                    )
            except httpx.TransportError:
                delay = self._delay(attempt, None)
                if delay is None:
                    raise
            else:
                delay = self._delay(attempt, response)
                if delay is None:
                    return response
            attempt += 1
            time.sleep(delay)

    def call(self, call_control_id: str) -> Call:
        """A handle bound to the call `call_control_id`, with one method per action."""
        return Call(self, call_control_id)

    def close(self) -> None:
        """Close the connection pool (unless it came as `http_client`)."""
        if self._owned:
            self.http_client.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()


class AsyncHttpSender(_Base):
    """The async twin of `HttpSender`, over a pooled `httpx.AsyncClient`.

    The same arguments (`http_client` is an `httpx.AsyncClient`); `send` and
    the `AsyncCall` methods are awaited, and `aclose()` closes the pool.

    Raises:
        ValueError: No API key was given or found in the environment.
    """

    def __init__(
        self,
        api_key: str | None = None,
        *,
        base_url: str = BASE_URL,
        timeout: float = 10.0,
        max_retries: int = 2,
        max_connections: int = 16,
        http_client: httpx.AsyncClient | None = None,
    ) -> None:
        super().__init__(api_key, base_url, max_retries)
        self._slots = asyncio.BoundedSemaphore(max_connections)
        self._owned = http_client is None
        self.http_client: httpx.AsyncClient = http_client or httpx.AsyncClient(
            timeout=timeout, transport=httpx.AsyncHTTPTransport(**_pool(max_connections))
        )

    async def send(self, call_control_id: str, command: Command) -> CommandResult:
        """Send `command` to the call `call_control_id`; see `HttpSender.send`."""
        return result(await self._exchange(*self._prepare(call_control_id, command)))

    async def dial(self, command: Dial) -> DialResult:
        """Start the outgoing call `command` describes; see `HttpSender.dial`."""
        return dialled(await self._exchange(*self._prepare_dial(command)))

    async def _exchange(self, method: str, url: str, body: bytes) -> httpx.Response:
        attempt = 0
        while True:
            try:
                async with self._slots:
                    response = await self.http_client.request(
                        method, url, content=body, headers=self._headers
                    )
            except httpx.TransportError:
                delay = self._delay(attempt, None)
                if delay is None:
                    raise
            else:
                delay = self._delay(attempt, response)
                if delay is None:
                    return response
            attempt += 1
            await asyncio.sleep(delay)

    def call(self, call_control_id: str) -> AsyncCall:
        """A handle bound to the call `call_control_id`, with one awaitable method per action."""
        return AsyncCall(self, call_control_id)

    async def aclose(self) -> None:
        """Close the connection pool (unless it came as `http_client`)."""
        if self._owned:
            await self.http_client.aclose()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        await self.aclose()


publish("telnyx_gather", HttpSender, AsyncHttpSender)
