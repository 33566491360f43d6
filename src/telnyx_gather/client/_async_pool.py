"""The async twin of `SyncPool`: asyncio transports that feed `_http11.Reader` as bytes arrive.

Each connection is an `asyncio.Protocol`: the event loop hands it the bytes
it receives, the reader parses them, and the request's future resolves with
the answer. A reusable connection goes back to the pool, and its place in
the bound (`_Slots`) to the next waiting request, right there, rather than
when the request's task next runs. One timer per event loop (a `Sweep`)
fails a future whose deadline passed, so a request makes neither a task nor
a timer. A loop's idle connections are closed when the loop ends (see
`_loop_end`). Everything else (checkout, the stale-connection rule, the
errors) is `PoolBase`'s, shared with `SyncPool`.
"""

from __future__ import annotations

import asyncio
from collections import deque
from collections.abc import Callable
from contextlib import suppress

from .._loop_end import LoopEnds
from .._sweep import Sweeps
from ._http11 import Answer, NoAnswer, Origin, ProtocolError, Reader
from ._pool import CONNECT, READ, WRITE, PoolBase, Stale, Target, failure

__all__ = ["AsyncPool"]


class _Ticket:
    """A request's place in the pool's bound, held until its connection is free again."""

    __slots__ = ("held",)

    def __init__(self) -> None:
        self.held = True


class _Slots:
    """How many requests may have a connection at once; the others wait in order."""

    def __init__(self, size: int) -> None:
        self.free = size
        self.waiting: deque[asyncio.Future[None]] = deque()

    async def acquire(self) -> None:
        if self.free and not self.waiting:
            self.free -= 1
            return
        turn = asyncio.get_running_loop().create_future()
        self.waiting.append(turn)
        try:
            await turn
        except BaseException:
            if turn.done() and not turn.cancelled():
                self.release()  # given the place, then cancelled: the next one takes it
            else:
                with suppress(ValueError):  # `release` may have dropped it already
                    self.waiting.remove(turn)
            raise

    def release(self) -> None:
        while self.waiting:
            turn = self.waiting.popleft()
            if not turn.done():
                turn.set_result(None)
                return
        self.free += 1


class _Connection(asyncio.Protocol):
    """One connection: the reader and the future of the request it carries, if any.

    When a complete answer leaves the connection reusable, the connection goes
    back to the pool from here (`handback`), before the request's task even
    resumes, so a waiting request can take it on the next turn of the loop.
    """

    def __init__(
        self, loop: asyncio.AbstractEventLoop, handback: Callable[[_Connection, _Ticket], None]
    ) -> None:
        self.loop = loop
        self.handback = handback
        self.transport: asyncio.Transport | None = None
        self.reader: Reader | None = None
        self.waiter: asyncio.Future[Answer] | None = None
        self.ticket: _Ticket | None = None
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
            ticket, self.ticket = self.ticket, None
            if answer.reusable and ticket is not None:
                self.handback(self, ticket)

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
            # Dropped at once: no TLS goodbye to wait for (on 3.10 one still pending
            # when the loop ends leaves the socket open), nothing left to flush.
            with suppress(RuntimeError):  # its event loop may be closed already
                self.transport.abort()


def _time_out(waiter: asyncio.Future[Answer]) -> None:
    if not waiter.done():
        waiter.set_exception(TimeoutError())


class AsyncPool(PoolBase[_Connection]):
    """Connections on the running event loop, `timeout` on connect and on each request."""

    def __init__(self, origin: Origin, timeout: float, max_connections: int) -> None:
        super().__init__(origin, timeout)
        self._slots = _Slots(max_connections)
        self._timeouts: Sweeps[asyncio.Future[Answer]] = Sweeps(timeout, _time_out)
        self._ends = LoopEnds(self._loop_ends)

    async def request(self, data: bytes, request: Target) -> Answer:
        """Send the encoded request `data` and read its answer; see `SyncPool.request`."""
        await self._slots.acquire()
        ticket = _Ticket()
        try:
            try:
                return await self._attempt(data, request, self.checkout(), ticket)
            except Stale:
                return await self._attempt(data, request, None, ticket)
        finally:
            if ticket.held:
                self._slots.release()

    def _handback(self, conn: _Connection, ticket: _Ticket) -> None:
        ticket.held = False
        self.idle.append(conn)
        self._slots.release()

    async def _attempt(
        self,
        data: bytes,
        request: Target,
        found: tuple[_Connection, bool] | None,
        ticket: _Ticket,
    ) -> Answer:
        loop = asyncio.get_running_loop()
        conn, reused = found or (await self._connect(loop, request), False)
        transport = conn.transport
        assert transport is not None
        conn.reader = reader = Reader()
        waiter: asyncio.Future[Answer] = loop.create_future()
        conn.waiter = waiter
        conn.ticket = ticket
        timeouts = self._timeouts.here()
        timeouts.add(waiter)
        try:
            transport.write(data)
            answer = await waiter
        except (OSError, ProtocolError) as exc:
            conn.ticket = None
            # A connection that ended has nothing left to write (and on 3.10 an
            # ended TLS transport can't even say how much it holds).
            stage = WRITE if conn.open and transport.get_write_buffer_size() else READ
            raise self.failed(conn, reused, stage, exc, reader.received, request) from exc
        except BaseException:
            if ticket.held:  # cancelled mid-request: the connection's state is unknown
                conn.ticket = None
                self.discard(conn)
            raise  # (else cancelled after the answer, the connection already handed back)
        finally:
            timeouts.discard(waiter)
        if not ticket.held:
            return answer  # the connection went back to the pool as the answer arrived
        conn.ticket = None
        return self.done(conn, answer)

    async def _connect(self, loop: asyncio.AbstractEventLoop, request: Target) -> _Connection:
        self._ends.here()  # the loop's end closes its idle connections
        origin = self.origin
        opening = loop.create_connection(
            lambda: _Connection(loop, self._handback),
            origin.host,
            origin.port,
            ssl=self.tls,  # the certificate is checked against `origin.host`
        )
        try:
            _, conn = await asyncio.wait_for(opening, self.timeout)
        except asyncio.TimeoutError as exc:  # not yet the builtin TimeoutError on 3.10
            raise failure(CONNECT, TimeoutError(), *request) from exc
        except OSError as exc:
            raise failure(CONNECT, exc, *request) from exc
        return conn  # asyncio sets TCP_NODELAY on every TCP connection

    async def _loop_ends(self) -> None:
        loop = asyncio.get_running_loop()
        for conn in list(self.idle):
            if conn.loop is loop:
                with suppress(ValueError):  # taken meanwhile: its request closes it
                    self.idle.remove(conn)
                    conn.close()

    def alive(self, conn: _Connection) -> bool:
        return conn.open and conn.loop is asyncio.get_running_loop()

    def discard(self, conn: _Connection) -> None:
        conn.close()
