"""`AsyncRedisStore`'s own Redis connection: one per event loop, pipelined.

Commands go out as they come, on the loop's one connection, and the replies,
which Redis sends in order, settle their futures in that order (a reply
whose caller went away is read and dropped). A call waits `socket_timeout`
at most; past it the connection fails, with every call still on it, and the
next call opens a new one. Everything else is as for `_redis_conn.SyncWire`.
"""

from __future__ import annotations

import asyncio
import weakref
from collections import deque
from collections.abc import Awaitable, Callable, Sequence

from ._loop_end import LoopEnds
from ._redis_wire import Address, Script, answer, broken, failure, unscripted
from ._resp import NOTHING, Arg, ProtocolError, Reader, Reply, encode
from ._sweep import Sweeps

__all__ = ["AsyncWire"]


class _Connection(asyncio.Protocol):
    """One asyncio connection: the reader, and the futures waiting for replies, oldest first."""

    def __init__(self) -> None:
        self.reader = Reader()
        self.waiting: deque[asyncio.Future[Reply]] = deque()
        self.transport: asyncio.Transport | None = None
        self.open = False

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        assert isinstance(transport, asyncio.Transport)
        self.transport, self.open = transport, True

    def data_received(self, data: bytes) -> None:
        self.reader.feed(data)
        try:
            while self.waiting:
                reply = self.reader.reply()
                if reply is NOTHING:
                    return
                waiter = self.waiting.popleft()
                if not waiter.done():  # its caller may have gone away
                    waiter.set_result(reply)  # type: ignore[arg-type]  # not NOTHING
            if self.reader.pending:
                raise ProtocolError("the server sent more than was asked")
        except ProtocolError as exc:
            self.fail(failure(exc))

    def connection_lost(self, exc: Exception | None) -> None:
        self.fail(broken())

    def send(self, commands: list[list[Arg]]) -> list[asyncio.Future[Reply]]:
        """Write `commands`; the futures of their replies (settled in order)."""
        assert self.transport is not None
        loop = asyncio.get_running_loop()
        futures = [loop.create_future() for _ in commands]
        self.waiting.extend(futures)
        self.transport.write(b"".join(encode(command) for command in commands))
        return futures

    def fail(self, exc: Exception) -> None:
        """Close the connection, and fail every reply still awaited with `exc`."""
        self.open = False
        if self.transport is not None:
            self.transport.close()
        while self.waiting:
            waiter = self.waiting.popleft()
            if not waiter.done():
                waiter.set_exception(exc)


_Call = tuple[_Connection, "asyncio.Future[Reply]"]
"""A connection, and the future of the last reply a call waits for."""


class AsyncWire:
    """One pipelined asyncio connection to one Redis per event loop that calls it."""

    def __init__(self, address: Address) -> None:
        self.address = address
        self._timeouts: Sweeps[_Call] | None = None
        if address.timeout is not None:
            self._timeouts = Sweeps(address.timeout, _expire)
        self._opened: weakref.WeakKeyDictionary[
            asyncio.AbstractEventLoop, asyncio.Task[_Connection]
        ] = weakref.WeakKeyDictionary()
        self._ends = LoopEnds(self._loop_ends)
        self.last_words: Callable[[], Awaitable[None]] | None = None
        """What the owner writes on a loop's connection before the loop's end closes it."""

    async def script(self, script: Script, keys: Sequence[Arg], args: Sequence[Arg]) -> Reply:
        """Run `script`, by digest unless the server forgot it."""
        reply = (await self.call([script.by_digest(keys, args)]))[0]
        if unscripted(reply):
            reply = (await self.call([script.in_full(keys, args)]))[0]
        return script.checked(reply, args)

    async def command(self, *args: Arg) -> Reply:
        """One command's reply (an error reply raised)."""
        return answer((await self.call([list(args)]))[0])

    async def call(self, commands: list[list[Arg]]) -> list[Reply]:
        """Send `commands` together; their replies, in order, error replies among them.

        Raises:
            redis.exceptions.RedisError: The connection failed, timed out or broke the protocol.
        """
        connection = await self._connection()
        futures = connection.send(commands)
        await self._wait(connection, futures)
        return [future.result() for future in futures]

    async def aclose(self) -> None:
        """Close the connection of every event loop (another loop's from its own thread)."""
        for loop in list(self._opened):
            self._close(loop)

    def _close(self, loop: asyncio.AbstractEventLoop) -> None:
        opening = self._opened.pop(loop, None)
        if opening is None:
            return
        if not opening.done() or opening.cancelled() or opening.exception() is not None:
            opening.cancel()
            return
        connection = opening.result()
        if loop is asyncio.get_running_loop():
            connection.fail(broken())
        elif not loop.is_closed():
            loop.call_soon_threadsafe(connection.fail, broken())

    async def _loop_ends(self) -> None:
        """The running loop is ending: the owner's last words, then its connection closes."""
        if self.last_words is not None:
            await self.last_words()
        self._close(asyncio.get_running_loop())

    async def _connection(self) -> _Connection:
        loop = asyncio.get_running_loop()
        opening = self._opened.get(loop)
        if opening is not None and opening.done():
            if not opening.cancelled() and opening.exception() is None:
                connection = opening.result()
                if connection.open:
                    return connection
            opening = None
        if opening is None:
            self._ends.here()  # the loop's end closes the connection
            opening = self._opened[loop] = loop.create_task(self._open())
        # Shielded: a caller that goes away leaves the connection opening for the others.
        return await asyncio.shield(opening)

    async def _open(self) -> _Connection:
        address = self.address
        loop = asyncio.get_running_loop()
        try:
            if address.path is not None:
                opening = loop.create_unix_connection(_Connection, address.path)
            else:
                opening = loop.create_connection(
                    _Connection, address.host, address.port, ssl=address.tls
                )
            _, connection = await asyncio.wait_for(opening, address.connect_timeout)
        except asyncio.TimeoutError as exc:  # not yet the builtin TimeoutError on 3.10
            raise failure(TimeoutError(), connecting=True) from exc
        except OSError as exc:
            raise failure(exc, connecting=True) from exc
        greeting = address.greeting()
        if greeting:
            futures = connection.send(greeting)
            try:
                await self._wait(connection, futures)
                for future in futures:
                    answer(future.result())
            except BaseException:
                connection.fail(broken())
                raise
        return connection

    async def _wait(self, connection: _Connection, futures: list[asyncio.Future[Reply]]) -> None:
        """Wait for the last of `futures` (the others settle first).

        Past the socket timeout the connection fails, and every call on it.
        """
        call = (connection, futures[-1])
        sweep = None if self._timeouts is None else self._timeouts.here()
        if sweep is not None:
            sweep.add(call)
        try:
            await call[1]
        finally:
            if sweep is not None:
                sweep.discard(call)
            for future in futures[:-1]:  # the last one's error is the one raised
                if future.done() and not future.cancelled():
                    future.exception()


def _expire(call: _Call) -> None:
    connection, future = call
    if not future.done():
        connection.fail(failure(TimeoutError()))
