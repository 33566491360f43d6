"""A tiny loopback stand-in for the Call Control API, for figure 4.

Run as `python -m benchmarks._server`. It listens on 127.0.0.1 (a free
port, printed on the first line of stdout), keeps connections alive, and
answers every `POST /v2/calls/{id}/actions/{action}` with the documented
success body. It does the same small amount of work for every request, so
it adds the same time to both variants it serves.
"""

from __future__ import annotations

import asyncio
import json

__all__ = ["main", "response"]

ROUTE = b"/v2/calls/"


def response(path: bytes) -> bytes:
    """The full HTTP response to a request for `path`."""
    if not path.startswith(ROUTE) or b"/actions/" not in path:
        return b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n"
    action = path.rsplit(b"/", 1)[1]
    data: dict[str, str] = {"result": "ok"}
    if action.startswith(b"ai_assistant_start"):
        data["conversation_id"] = "d7e9c1d4-8b2a-4b8f-9b1c-1a2b3c4d5e6f"
    body = json.dumps({"data": data}).encode()
    return (
        b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
        b"Content-Length: " + str(len(body)).encode() + b"\r\n\r\n" + body
    )


async def _serve(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    try:
        while True:
            head = await reader.readuntil(b"\r\n\r\n")
            request_line, _, rest = head.partition(b"\r\n")
            length = 0
            for line in rest.split(b"\r\n"):
                name, _, value = line.partition(b":")
                if name.strip().lower() == b"content-length":
                    length = int(value)
            await reader.readexactly(length)
            writer.write(response(request_line.split(b" ")[1]))
            await writer.drain()
    except (asyncio.IncompleteReadError, ConnectionError, IndexError, ValueError):
        pass
    finally:
        writer.close()


async def main() -> None:
    """Serve forever on a free loopback port, printing it first."""
    server = await asyncio.start_server(_serve, "127.0.0.1", 0)
    print(server.sockets[0].getsockname()[1], flush=True)
    async with server:
        await server.serve_forever()


if __name__ == "__main__":
    asyncio.run(main())
