"""A store's own Redis connections: blocking sockets for `RedisStore`, asyncio for the async one.

`SyncWire` keeps a few idle sockets (any number of threads may call it; each
call takes one, and gives it back after a complete answer). `AsyncWire`
keeps one connection per event loop and pipelines on it: commands go out as
they come, and the replies, which Redis sends in order, settle their
futures in that order. Both feed `_resp.Reader`, start each connection with
`Address.greeting`, run scripts by digest (again in full after a
`NOSCRIPT`), and raise redis-py's exceptions. A failed, timed-out or closed
connection is dropped, and the next call opens a new one; no call is sent
twice, so a claim is never repeated behind the caller's back.
"""

from __future__ import annotations

import asyncio
import select
import socket
import weakref
from collections import deque
from collections.abc import Sequence

from ._redis_wire import Address, Script, answer, broken, failure, unscripted
from ._resp import NOTHING, Arg, ProtocolError, Reader, Reply, encode

__all__ = ["AsyncWire", "SyncWire"]

KEEP = 16
"""Idle sockets `SyncWire` keeps; more, opened by a burst of threads, are closed."""


def _idle_closed(sock: socket.socket) -> bool:
    """Whether the idle `sock` was closed by the server (or holds stray bytes)."""
    if sock.fileno() < 0:
        return True
    poll = select.poll()
    poll.register(sock, select.POLLIN)
    return bool(poll.poll(0))


class SyncWire:
    """Blocking sockets to one Redis, each call on one of them; safe to share between threads."""

    def __init__(self, address: Address) -> None:
        self.address = address
        self._idle: deque[socket.socket] = deque()  # appends and pops are thread-safe

    def script(self, script: Script, keys: Sequence[Arg], args: Sequence[Arg]) -> Reply:
        """Run `script`, by digest unless the server forgot it."""
        reply = self.call([script.by_digest(keys, args)])[0]
        if unscripted(reply):
            reply = self.call([script.in_full(keys, args)])[0]
        return script.checked(reply, args)

    def command(self, *args: Arg) -> Reply:
        """One command's reply (an error reply raised)."""
        return answer(self.call([list(args)])[0])

    def call(self, commands: list[list[Arg]]) -> list[Reply]:
        """Send `commands` together; their replies, in order, error replies among them.

        Raises:
            redis.exceptions.RedisError: The connection failed, timed out or broke the protocol.
        """
        sock = self._checkout()
        try:
            replies = _exchange(sock, commands)
        except (OSError, ProtocolError) as exc:
            sock.close()
            raise failure(exc) from exc
        except BaseException:
            sock.close()
            raise
        if len(self._idle) < KEEP:
            self._idle.append(sock)
        else:
            sock.close()
        return replies

    def close(self) -> None:
        """Close the idle sockets (one in use is closed when its call ends)."""
        while True:
            try:
                self._idle.pop().close()
            except IndexError:
                return

    def _checkout(self) -> socket.socket:
        while True:
            try:
                sock = self._idle.pop()
            except IndexError:
                return self._connect()
            try:
                if not _idle_closed(sock):
                    return sock
            except (OSError, ValueError):
                pass
            sock.close()

    def _connect(self) -> socket.socket:
        address = self.address
        try:
            if address.path is not None:
                sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
                try:
                    sock.settimeout(address.connect_timeout)
                    sock.connect(address.path)
                except BaseException:
                    sock.close()
                    raise
            else:
                where = (address.host, address.port)
                sock = socket.create_connection(where, timeout=address.connect_timeout)
                sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            try:
                if address.tls is not None:
                    sock = address.tls.wrap_socket(sock, server_hostname=address.host)
                sock.settimeout(address.timeout)
                greeting = address.greeting()
                for reply in _exchange(sock, greeting) if greeting else ():
                    answer(reply)
            except BaseException:
                sock.close()
                raise
        except (OSError, ProtocolError) as exc:
            raise failure(exc, connecting=True) from exc
        return sock


def _exchange(sock: socket.socket, commands: list[list[Arg]]) -> list[Reply]:
    sock.sendall(b"".join(encode(command) for command in commands))
    reader = Reader()
    replies: list[Reply] = []
    while len(replies) < len(commands):
        reply = reader.reply()
        if reply is NOTHING:
            data = sock.recv(65536)
            if not data:
                raise ConnectionResetError(0, "closed by the server")
            reader.feed(data)
        else:
            replies.append(reply)  # type: ignore[arg-type]  # NOTHING is ruled out above
    if reader.pending:
        raise ProtocolError("the server sent more than was asked")
    return replies


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


class AsyncWire:
    """One pipelined asyncio connection to one Redis per event loop that calls it."""

    def __init__(self, address: Address) -> None:
        self.address = address
        self._opened: weakref.WeakKeyDictionary[
            asyncio.AbstractEventLoop, asyncio.Task[_Connection]
        ] = weakref.WeakKeyDictionary()

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
        await self._wait(connection, futures[-1])
        return [future.result() for future in futures]

    async def aclose(self) -> None:
        """Close the connection of every event loop (another loop's from its own thread)."""
        running = asyncio.get_running_loop()
        for loop, opening in list(self._opened.items()):
            del self._opened[loop]
            if not opening.done() or opening.cancelled() or opening.exception() is not None:
                opening.cancel()
                continue
            connection = opening.result()
            if loop is running:
                connection.fail(broken())
            elif not loop.is_closed():
                loop.call_soon_threadsafe(connection.fail, broken())

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
                await self._wait(connection, futures[-1])
                for future in futures:
                    answer(future.result())
            except BaseException:
                connection.fail(broken())
                raise
        return connection

    async def _wait(self, connection: _Connection, future: asyncio.Future[Reply]) -> None:
        """Wait for `future`; past the socket timeout the connection fails, and every call on it."""
        timeout = self.address.timeout
        if timeout is None:
            await future
            return
        timer = asyncio.get_running_loop().call_later(timeout, _expire, connection, future)
        try:
            await future
        finally:
            timer.cancel()


def _expire(connection: _Connection, future: asyncio.Future[Reply]) -> None:
    if not future.done():
        connection.fail(failure(TimeoutError()))
