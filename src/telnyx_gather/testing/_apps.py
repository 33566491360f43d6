"""Serve a WSGI or ASGI app on 127.0.0.1 from a background thread, for flow tests and the demo.

The app runs in this process, so a test can inspect it; its webhook endpoint
is reached over real HTTP, as Telnyx would reach it.
"""

from __future__ import annotations

import asyncio
import inspect
import threading
from collections.abc import Awaitable, Callable, Generator, MutableMapping
from contextlib import contextmanager
from http.server import ThreadingHTTPServer
from typing import Any, cast
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

from ._http import Serving

__all__ = ["AsgiApp", "WsgiApp", "is_asgi", "serve_app"]

WsgiApp = Callable[[dict[str, Any], Callable[..., Any]], Any]
"""A WSGI application: `app(environ, start_response)`."""
AsgiApp = Callable[[MutableMapping[str, Any], Any, Any], Awaitable[None]]
"""An ASGI application: `await app(scope, receive, send)`."""


def is_asgi(app: object) -> bool:
    """Whether `app` is an ASGI application (a coroutine function, or has an async `__call__`)."""
    call = app if inspect.isfunction(app) else getattr(app, "__call__", None)  # noqa: B004
    return inspect.iscoroutinefunction(call)


@contextmanager
def serve_app(app: WsgiApp | AsgiApp) -> Generator[str, None, None]:
    """Serve `app` on a free loopback port; yield its base URL (`http://127.0.0.1:PORT`)."""
    wsgi = _AsgiBridge(cast("AsgiApp", app)) if is_asgi(app) else cast("WsgiApp", app)
    server = make_server("127.0.0.1", 0, wsgi, _ThreadingWSGIServer, _QuietHandler)
    with Serving(server) as serving:
        try:
            yield f"http://127.0.0.1:{serving.port}"
        finally:
            if isinstance(wsgi, _AsgiBridge):
                wsgi.close()


class _ThreadingWSGIServer(ThreadingHTTPServer, WSGIServer):
    daemon_threads = True


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        """Keep quiet: the flow's own log says what happened."""


class _AsgiBridge:
    """Runs an ASGI app on its own event loop thread, called as a WSGI app."""

    def __init__(self, app: AsgiApp) -> None:
        self.app = app
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        # As `asyncio.run` ends: what belongs to the loop (connections) closes on it.
        asyncio.run_coroutine_threadsafe(self.loop.shutdown_asyncgens(), self.loop).result()
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join()
        self.loop.close()

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> list[bytes]:
        length = int(environ.get("CONTENT_LENGTH") or 0)
        body = environ["wsgi.input"].read(length) if length else b""
        future = asyncio.run_coroutine_threadsafe(self._run(environ, body), self.loop)
        status, headers, chunks = future.result()
        start_response(status, headers)
        return chunks

    async def _run(
        self, environ: dict[str, Any], body: bytes
    ) -> tuple[str, list[tuple[str, str]], list[bytes]]:
        headers = [
            (key[5:].replace("_", "-").lower().encode(), str(value).encode("latin-1"))
            for key, value in environ.items()
            if key.startswith("HTTP_")
        ]
        for key in ("CONTENT_TYPE", "CONTENT_LENGTH"):
            if environ.get(key):
                headers.append((key.replace("_", "-").lower().encode(), environ[key].encode()))
        scope: dict[str, Any] = {
            "type": "http",
            "asgi": {"version": "3.0"},
            "http_version": "1.1",
            "method": environ["REQUEST_METHOD"],
            "scheme": "http",
            "path": environ.get("PATH_INFO") or "/",
            "raw_path": (environ.get("PATH_INFO") or "/").encode("latin-1"),
            "query_string": environ.get("QUERY_STRING", "").encode("latin-1"),
            "root_path": "",
            "headers": headers,
            "client": ("127.0.0.1", 0),
            "server": ("127.0.0.1", int(environ.get("SERVER_PORT") or 0)),
        }
        sent_body = False
        status = 500
        out_headers: list[tuple[str, str]] = []
        chunks: list[bytes] = []

        async def receive() -> dict[str, Any]:
            nonlocal sent_body
            if sent_body:
                await asyncio.Event().wait()  # nothing more will come until the app answers
            sent_body = True
            return {"type": "http.request", "body": body, "more_body": False}

        async def send(message: dict[str, Any]) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = int(message["status"])
                out_headers.extend(
                    (bytes(k).decode("latin-1"), bytes(v).decode("latin-1"))
                    for k, v in message.get("headers", [])
                )
            elif message["type"] == "http.response.body":
                chunks.append(bytes(message.get("body", b"")))

        await self.app(scope, receive, send)
        return f"{status} {_reason(status)}", out_headers, chunks


def _reason(status: int) -> str:
    from http import HTTPStatus

    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "Unknown"
