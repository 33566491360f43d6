"""The async twin of `SyncPool`: asyncio transports that feed `_http11.Reader` as bytes arrive.

Each connection is an `asyncio.Protocol`: the event loop hands it the bytes
it receives, the reader parses them, and the request's future resolves with
the answer. A timer set once per request fails that future with a timeout,
so no task is made per request. Everything else (the bound, checkout, the
stale-connection rule, the errors) is `PoolBase`'s, shared with `SyncPool`.
"""

from __future__ import annotations

import asyncio
from contextlib import suppress

from ._http11 import Answer, NoAnswer, Origin, ProtocolError, Reader
from ._pool import CONNECT, READ, WRITE, PoolBase, Stale, Target, failure

__all__ = ["AsyncPool"]


class _Connection(asyncio.Protocol):
    """One connection: the reader and the future of the request it carries, if any."""

    def __init__(self, loop: asyncio.AbstractEventLoop) -> None:
        self.loop = loop
        self.transport: asyncio.Transport | None = None
        self.reader: Reader | None = None
        self.waiter: asyncio.Future[Answer] | None = None
        self.open = True

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        assert isinstance(transport, asyncio.Transport)
        self.transport = transport

    def data_received(self, data: bytes) -> None:
        waiter, reader = self.waiter, self.reader
        if waiter is None or reader is None or waiter.done():
            self.close()  # bytes nobody asked for: the connection can't be trusted
            return
        try:
            answer = reader.feed(data)
        except ProtocolError as exc:
            waiter.set_exception(exc)
            return
        if answer is not None:
            waiter.set_result(answer)

    def eof_received(self) -> None:
        self._end(None)

    def connection_lost(self, exc: Exception | None) -> None:
        self._end(exc)

    def _end(self, exc: Exception | None) -> None:
        self.open = False
        waiter, reader = self.waiter, self.reader
        if waiter is None or reader is None or waiter.done():
            return
        if exc is not None:
            waiter.set_exception(exc if reader.received else NoAnswer())
            return
        try:
            waiter.set_result(reader.eof())
        except ProtocolError as error:
            waiter.set_exception(error)

    def close(self) -> None:
        self.open = False
        if self.transport is not None:
            with suppress(RuntimeError):  # its event loop may be closed already
                self.transport.close()


def _expire(waiter: asyncio.Future[Answer]) -> None:
    if not waiter.done():
        waiter.set_exception(TimeoutError())


class AsyncPool(PoolBase[_Connection]):
    """Connections on the running event loop, `timeout` on connect and on each request."""

    def __init__(self, origin: Origin, timeout: float, max_connections: int) -> None:
        super().__init__(origin, timeout)
        self._slots = asyncio.BoundedSemaphore(max_connections)

    async def request(self, data: bytes, request: Target) -> Answer:
        """Send the encoded request `data` and read its answer; see `SyncPool.request`."""
        async with self._slots:
            try:
                return await self._attempt(data, request, self.checkout())
            except Stale:
                return await self._attempt(data, request, None)

    async def _attempt(
        self, data: bytes, request: Target, found: tuple[_Connection, bool] | None
    ) -> Answer:
        loop = asyncio.get_running_loop()
        conn, reused = found or (await self._connect(loop, request), False)
        transport = conn.transport
        assert transport is not None
        conn.reader = reader = Reader()
        conn.waiter = waiter = loop.create_future()
        timer = loop.call_later(self.timeout, _expire, waiter)
        try:
            transport.write(data)
            answer = await waiter
        except (OSError, ProtocolError) as exc:
            stage = WRITE if transport.get_write_buffer_size() else READ
            raise self.failed(conn, reused, stage, exc, reader.received, request) from exc
        except BaseException:
            self.discard(conn)  # cancelled mid-request: the connection's state is unknown
            raise
        finally:
            timer.cancel()
        return self.done(conn, answer)

    async def _connect(self, loop: asyncio.AbstractEventLoop, request: Target) -> _Connection:
        origin = self.origin
        opening = loop.create_connection(
            lambda: _Connection(loop),
            origin.host,
            origin.port,
            ssl=self.tls,
            server_hostname=origin.host if self.tls is not None else None,
        )
        try:
            _, conn = await asyncio.wait_for(opening, self.timeout)
        except asyncio.TimeoutError as exc:  # not yet the builtin TimeoutError on 3.10
            raise failure(CONNECT, TimeoutError(), *request) from exc
        except OSError as exc:
            raise failure(CONNECT, exc, *request) from exc
        return conn  # asyncio sets TCP_NODELAY on every TCP connection

    def alive(self, conn: _Connection) -> bool:
        return conn.open and conn.loop is asyncio.get_running_loop()

    def discard(self, conn: _Connection) -> None:
        conn.close()
