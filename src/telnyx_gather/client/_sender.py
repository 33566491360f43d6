"""`HttpSender` and `AsyncHttpSender`: commands straight over HTTP/1.1, at the floor's cost.

The facade clients post through the `telnyx` SDK, whose generic request
path copies and transforms the body, rebuilds headers and options and wraps
the response, per request; under concurrency that is most of an app's CPU.
These senders do only what a command needs: the body serialized once by
pydantic-core (with its `command_id`, fixed before any retry), one request
written on a pooled keep-alive connection with headers encoded once, and
the answer parsed and validated in one pass (see `_sending` for when httpx
carries the request instead). Make one per process and share it: its connection
pool is reused by every call and every request handler.

This module needs `httpx`, which the `client` extra installs.
"""

from __future__ import annotations

import asyncio
import threading
import time
from types import TracebackType

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
from ._answer import Relayed, dialled, result
from ._async_pool import AsyncPool
from ._call import AsyncCall, Call
from ._http11 import Answer
from ._pool import SyncPool
from ._result import CommandResult, DialResult
from ._sending import BASE_URL, Base, limits

__all__ = ["AsyncHttpSender", "HttpSender"]


class HttpSender(Base):
    """Sends commands to the Call Control API over its own pool of keep-alive connections.

    A drop-in `client` for `Router` and for `Call` handles, leaner than
    `GatherClient` per request (no SDK on the send path). It speaks HTTP/1.1
    itself; given an `http_client`, or when the environment names a proxy for
    `base_url` (`HTTPS_PROXY`, `HTTP_PROXY`, `ALL_PROXY` and `NO_PROXY`, read
    as httpx reads them), it sends through httpx instead. Share one instance
    across the app, and close it (or use it as a context manager) on exit.

    Example:
        ```python
        sender = HttpSender(api_key="KEY...")
        sender.call(call_control_id).hangup()
        ```

    Args:
        api_key: The API key; `TELNYX_API_KEY` from the environment when omitted.
        base_url: The API's base URL.
        timeout: Seconds for each request's connect, write and read.
        max_retries: Retries after a connection failure or a 408, 409, 429 or
            5xx answer, with backoff (the `Retry-After` header when given);
            every attempt carries the same `command_id`. A kept-alive
            connection the server closed in the meantime is replaced once
            without counting as a retry.
        max_connections: Size of the connection pool, all kept alive, and
            how many requests are in flight at once: the others wait their
            turn here, in constant time.
        http_client: An `httpx.Client` to send with instead (its pool,
            proxies, timeouts); it is not closed by `close()`.

    Attributes:
        http_client: The `httpx.Client` requests go through, or `None` when
            the sender speaks HTTP/1.1 itself.

    Raises:
        ValueError: No API key was given or found in the environment, or it
            holds characters a header can't carry.
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
        super().__init__(api_key, base_url, max_retries, http_client is not None)
        self._slots = threading.BoundedSemaphore(max_connections)
        self._owned = http_client is None
        self._pool: SyncPool | None = None
        self.http_client: httpx.Client | None = http_client
        if self._origin is not None:
            self._pool = SyncPool(self._origin, timeout, max_connections)
        elif http_client is None:
            # No transport of its own, so httpx mounts the environment's proxies.
            self.http_client = httpx.Client(timeout=timeout, limits=limits(max_connections))

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
            httpx.TransportError: The request could not be completed (after
                retries): `httpx.ConnectError`, `httpx.ReadTimeout`,
                `httpx.RemoteProtocolError` (an answer that is not HTTP/1.1), ...
            ValueError: The API's answer was not a command result.
        """
        method, url, body = self._prepare(call_control_id, command)
        return result(self._exchange(method, url, body), method, url)

    def dial(self, command: Dial) -> DialResult:
        """Start the outgoing call `command` describes (`POST /calls`); see `GatherClient.dial`.

        Raises:
            httpx.HTTPStatusError: The API refused the call (after retries).
            httpx.TransportError: The request could not be completed (after retries).
            ValueError: The API's answer did not carry the new call's ids.
        """
        method, url, body = self._prepare_dial(command)
        return dialled(self._exchange(method, url, body), method, url)

    def _exchange(self, method: str, url: str, body: bytes) -> Answer:
        data = self._encode(method, url, body)
        attempt = 0
        while True:
            try:
                answer = self._once(method, url, body, data)
            except httpx.TransportError:
                delay = self._delay(attempt, None)
                if delay is None:
                    raise
            else:
                delay = self._delay(attempt, answer)
                if delay is None:
                    return answer
            attempt += 1
            time.sleep(delay)

    def _once(self, method: str, url: str, body: bytes, data: bytes) -> Answer:
        if self._pool is not None:
            return self._pool.request(data, (method, url))
        assert self.http_client is not None
        with self._slots:
            sent = self.http_client.request(method, url, content=body, headers=self._headers)
        return Relayed(sent)

    def call(self, call_control_id: str) -> Call:
        """A handle bound to the call `call_control_id`, with one method per action."""
        return Call(self, call_control_id)

    def close(self) -> None:
        """Close the connection pool (unless it came as `http_client`)."""
        if self._pool is not None:
            self._pool.close()
        elif self._owned and self.http_client is not None:
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


class AsyncHttpSender(Base):
    """The async twin of `HttpSender`, over asyncio connections (or an `httpx.AsyncClient`).

    The same arguments (`http_client` is an `httpx.AsyncClient`); `send` and
    the `AsyncCall` methods are awaited, and `aclose()` closes the pool. Its
    connections belong to the event loop they were opened on, and close when
    that loop ends under `asyncio.run` (or any runner that finishes the
    loop's async generators); the next loop opens its own.

    Attributes:
        http_client: The `httpx.AsyncClient` requests go through, or `None`
            when the sender speaks HTTP/1.1 itself.

    Raises:
        ValueError: No API key was given or found in the environment, or it
            holds characters a header can't carry.
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
        super().__init__(api_key, base_url, max_retries, http_client is not None)
        self._slots = asyncio.BoundedSemaphore(max_connections)
        self._owned = http_client is None
        self._pool: AsyncPool | None = None
        self.http_client: httpx.AsyncClient | None = http_client
        if self._origin is not None:
            self._pool = AsyncPool(self._origin, timeout, max_connections)
        elif http_client is None:
            pool = limits(max_connections)
            self.http_client = httpx.AsyncClient(timeout=timeout, limits=pool)

    async def send(self, call_control_id: str, command: Command) -> CommandResult:
        """Send `command` to the call `call_control_id`; see `HttpSender.send`."""
        method, url, body = self._prepare(call_control_id, command)
        return result(await self._exchange(method, url, body), method, url)

    async def dial(self, command: Dial) -> DialResult:
        """Start the outgoing call `command` describes; see `HttpSender.dial`."""
        method, url, body = self._prepare_dial(command)
        return dialled(await self._exchange(method, url, body), method, url)

    async def _exchange(self, method: str, url: str, body: bytes) -> Answer:
        data = self._encode(method, url, body)
        attempt = 0
        while True:
            try:
                answer = await self._once(method, url, body, data)
            except httpx.TransportError:
                delay = self._delay(attempt, None)
                if delay is None:
                    raise
            else:
                delay = self._delay(attempt, answer)
                if delay is None:
                    return answer
            attempt += 1
            await asyncio.sleep(delay)

    async def _once(self, method: str, url: str, body: bytes, data: bytes) -> Answer:
        if self._pool is not None:
            return await self._pool.request(data, (method, url))
        assert self.http_client is not None
        async with self._slots:
            sent = await self.http_client.request(method, url, content=body, headers=self._headers)
        return Relayed(sent)

    def call(self, call_control_id: str) -> AsyncCall:
        """A handle bound to the call `call_control_id`, with one awaitable method per action."""
        return AsyncCall(self, call_control_id)

    async def aclose(self) -> None:
        """Close the connection pool (unless it came as `http_client`)."""
        if self._pool is not None:
            self._pool.close()
        elif self._owned and self.http_client is not None:
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
