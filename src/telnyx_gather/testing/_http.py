"""A threaded HTTP server on 127.0.0.1, served from a daemon thread until closed."""

from __future__ import annotations

import threading
from http.server import ThreadingHTTPServer
from types import TracebackType

from typing_extensions import Self

__all__ = ["Serving"]


class Serving:
    """Serves `server` in the background; closing (or leaving `with`) stops it."""

    def __init__(self, server: ThreadingHTTPServer) -> None:
        self._server = server
        self._closed = False
        self._thread = threading.Thread(
            target=server.serve_forever, kwargs={"poll_interval": 0.01}, daemon=True
        )
        self._thread.start()

    @property
    def port(self) -> int:
        """The port the server listens on."""
        return self._server.server_address[1]

    def close(self) -> None:
        """Stop serving. Safe to call twice."""
        if self._closed:
            return
        self._closed = True
        self._server.shutdown()
        self._server.server_close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()
