"""The senders over TLS: trusted roots as httpx reads them, SNI, and connections replaced."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from telnyx_gather import CommandResult

from .raw_server import OK, Act, RawServer
from .senders import HANGUP, failure, sends
from .tls import server_context


def test_https_with_the_trusted_roots_of_ssl_cert_file(
    kind: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    context, ca_file = server_context(tmp_path)
    names: list[str | None] = []
    context.sni_callback = lambda _sock, name, _context: names.append(name)
    monkeypatch.setenv("SSL_CERT_FILE", str(ca_file))
    with RawServer(tls=context) as server:
        outcomes = sends(kind, f"https://localhost:{server.port}/v2", [HANGUP, HANGUP])
    assert outcomes == [CommandResult(result="ok")] * 2
    assert server.connections == 1
    assert names == ["localhost"]


def test_https_to_an_untrusted_server_is_a_connect_error(kind: str, tmp_path: Path) -> None:
    context, _ = server_context(tmp_path)
    with RawServer(tls=context) as server:
        error = failure(kind, f"https://localhost:{server.port}/v2")
    assert isinstance(error, httpx.ConnectError)
    assert server.requests == []


@pytest.mark.parametrize(
    "script", [Act(OK, close=True), Act(b"", close=True)], ids=["idle", "drop"]
)
def test_over_https_a_closed_connection_is_replaced_too(
    kind: str, script: Act, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    context, ca_file = server_context(tmp_path)
    monkeypatch.setenv("SSL_CERT_FILE", str(ca_file))
    with RawServer(Act(), script, tls=context) as server:
        url = f"https://localhost:{server.port}/v2"
        outcomes = sends(kind, url, [HANGUP, HANGUP, HANGUP], max_retries=0)
    assert outcomes == [CommandResult(result="ok")] * 3
    assert server.connections == 2
