"""What `HttpSender` and `AsyncHttpSender` share: configuration, the request, the retry rule.

A sender speaks HTTP/1.1 itself (`_http11`, over the pools of `_pool` and
`_async_pool`): the request's bytes are one format of a head encoded once,
and the answer is parsed in one pass. It leaves the request to httpx when
given an `http_client`, and when the environment names a proxy for the base
URL (`HTTP_PROXY`, `HTTPS_PROXY`, `ALL_PROXY`, minus `NO_PROXY`, as httpx
reads them), through an httpx client that trusts the environment.

This module needs `httpx`, which the `client` extra installs.
"""

from __future__ import annotations

import os
from urllib.parse import urlsplit
from urllib.request import getproxies, proxy_bypass

import httpx

from .._version import __version__
from ..commands import Command
from ..commands.actions.dial import Dial
from ._http11 import Answer, Origin, encode
from ._wire import json_body, path

__all__ = ["BASE_URL", "Base", "limits", "proxied"]

BASE_URL = "https://api.telnyx.com/v2"
_RETRIED = frozenset({408, 409, 429})


def proxied(url: str) -> bool:
    """Whether httpx, trusting the environment, would send a request to `url` through a proxy."""
    parts = urlsplit(url)
    proxies = getproxies()
    if not (proxies.get(parts.scheme) or proxies.get("all")):
        return False
    return not proxy_bypass(parts.hostname or "")


def limits(max_connections: int) -> httpx.Limits:
    """The httpx pool of a sender that goes through a proxy: every connection kept alive."""
    return httpx.Limits(max_connections=max_connections, max_keepalive_connections=max_connections)


class Base:
    """Configuration, the request and the retry rule that both senders share."""

    def __init__(
        self, api_key: str | None, base_url: str, max_retries: int, through_httpx: bool
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
        origin = None if through_httpx or proxied(self.base_url) else Origin.parse(self.base_url)
        self._origin: Origin | None = origin
        self._head = b""
        self._cut = 0
        if origin is not None:
            fixed = {"User-Agent": f"telnyx-gather/{__version__}", **self._headers}
            try:
                self._head = origin.head(fixed)
            except ValueError:
                raise ValueError("api_key: must be printable ASCII") from None
            self._cut = len(self.base_url) - len(origin.prefix)

    def _encode(self, method: str, url: str, body: bytes) -> bytes:
        """The request's bytes on the HTTP/1.1 path (`b""` on the httpx one)."""
        return encode(method, url[self._cut :], self._head, body) if self._origin else b""

    def _prepare(self, call_control_id: str, command: Command) -> tuple[str, str, bytes]:
        where = self.base_url + path(call_control_id, command)
        return command.http_method, where, json_body(command)

    def _prepare_dial(self, command: Dial) -> tuple[str, str, bytes]:
        return "POST", self.base_url + "/calls", json_body(command)

    def _delay(self, attempt: int, answer: Answer | None) -> float | None:
        """Seconds to wait before a retry, or `None` to stop; `answer` is `None` on a failure."""
        if attempt >= self.max_retries:
            return None
        if answer is not None:
            if answer.status not in _RETRIED and answer.status < 500:
                return None
            after = answer.header(b"retry-after")
            if after.isascii() and after.isdigit() and int(after) <= 60:
                return float(after)
        return min(0.5 * 2.0**attempt, 8.0)
