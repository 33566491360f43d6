"""The senders' own HTTP/1.1 against a raw loopback server: framing, reuse, failures, the pool.

Every test runs both senders (`kind` is "sync" or "async") over real sockets;
`tests/client/test_sender.py` covers what the senders send and how they retry.
"""

from __future__ import annotations

import asyncio
import socket
import threading
from contextlib import ExitStack

import httpx
import pytest
from syrupy.assertion import SnapshotAssertion

from telnyx_gather import AsyncHttpSender, CommandResult, HttpSender, __version__
from telnyx_gather.commands.actions.client_state import UpdateClientState

from ..loopback import fill_accept_queue, free_port
from ..stores.test_contract import eventually
from .raw_server import OK, Act, RawServer, ok
from .senders import HANGUP, concurrently, failure, sends

BODY = b'{"data":{"result":"ok"}}'


def chunked(*pieces: bytes) -> bytes:
    head = b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
    return head + b"".join(b"%x;note=1\r\n%s\r\n" % (len(p), p) for p in pieces) + b"0\r\n\r\n"


def test_a_chunked_answer_is_read_and_the_connection_kept(kind: str) -> None:
    answer = chunked(BODY[:5], BODY[5:13], BODY[13:])
    with RawServer(Act(answer)) as server:
        outcomes = sends(kind, server.url, [HANGUP, HANGUP])
    assert outcomes == [CommandResult(result="ok")] * 2
    assert server.connection_of == [1, 1]


def test_an_answer_that_ends_with_the_connection_is_read_to_its_end(kind: str) -> None:
    answer = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n\r\n" + BODY
    with RawServer(Act(answer, close=True)) as server:
        outcomes = sends(kind, server.url, [HANGUP, HANGUP], max_retries=0)
    assert outcomes == [CommandResult(result="ok")] * 2
    assert server.connection_of == [1, 2]


def test_connection_close_is_honoured(kind: str) -> None:
    with RawServer(Act(ok(BODY, b"Connection: close"), close=True)) as server:
        outcomes = sends(kind, server.url, [HANGUP, HANGUP], max_retries=0)
    assert outcomes == [CommandResult(result="ok")] * 2
    assert server.connection_of == [1, 2]


def test_a_connection_the_server_closed_while_idle_is_replaced(kind: str) -> None:
    with RawServer(Act(OK, close=True)) as server:
        outcomes = sends(kind, server.url, [HANGUP, HANGUP], max_retries=0)
    assert outcomes == [CommandResult(result="ok")] * 2
    assert len(server.requests) == 2


def test_a_request_the_server_dropped_on_a_reused_connection_goes_once_more(kind: str) -> None:
    # The server reads the second request and closes without a byte of answer, as
    # one does that times out an idle connection just as a request arrives.
    with RawServer(Act(), Act(b"", close=True)) as server:
        outcomes = sends(kind, server.url, [HANGUP, HANGUP], max_retries=0)
    assert outcomes == [CommandResult(result="ok")] * 2
    assert server.connection_of == [1, 1, 2]
    first, dropped, again = server.requests
    assert dropped == again != first  # the same command_id: Telnyx ignores a repeat


def test_a_fresh_connection_that_ends_without_an_answer_is_a_protocol_error(kind: str) -> None:
    with RawServer(Act(b"", close=True)) as server:
        error = failure(kind, server.url)
    assert isinstance(error, httpx.RemoteProtocolError)
    assert "without answering" in str(error)
    assert len(server.requests) == 1


@pytest.mark.parametrize(
    "answer",
    [
        b"XYZZY 200 OK\r\n\r\n",
        b"HTTP/1.1 2X0 XYZZY\r\nContent-Length: 0\r\n\r\n",
        b"HTTP/1.1 200 OK\r\nXYZZY no colon\r\nContent-Length: 0\r\n\r\n",
        b"HTTP/1.1 200 OK\r\nContent-Length: XYZZY\r\n\r\n",
        b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nXYZZY\r\n",
        b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nXYZZY\r\n0\r\n\r\n",
        b"HTTP/1.1 200 OK\r\nContent-Length: 99\r\n\r\nXYZZY",
    ],
    ids=["status-line", "status-code", "header", "length", "chunk-size", "chunk-data", "cut"],
)
def test_a_malformed_answer_is_a_protocol_error_that_quotes_nothing(
    kind: str, answer: bytes
) -> None:
    with RawServer(Act(answer, close=True)) as server:
        error = failure(kind, server.url)
    assert isinstance(error, httpx.RemoteProtocolError)
    assert str(error).startswith(("the answer", "a chunk", "the server closed"))
    assert "XYZZY" not in str(error)
    assert error.request.url == server.url + "/calls/c/actions/hangup"


def test_a_server_that_never_answers_times_out(kind: str) -> None:
    with RawServer(Act(silent=True)) as server:
        error = failure(kind, server.url, timeout=0.2)
    assert isinstance(error, httpx.ReadTimeout)


def test_nothing_listening_is_a_connect_error(kind: str) -> None:
    error = failure(kind, f"http://127.0.0.1:{free_port()}/v2")
    assert isinstance(error, httpx.ConnectError)
    assert error.request.method == "POST"
    assert str(error).startswith("could not connect to the API (")  # and the system's reason


def test_a_server_that_never_accepts_is_a_connect_timeout(kind: str) -> None:
    with ExitStack() as stack:
        listener = stack.enter_context(socket.create_server(("127.0.0.1", 0), backlog=0))
        where = listener.getsockname()
        for filler in fill_accept_queue(socket.AF_INET, where):
            stack.enter_context(filler)
        # A connect with no time limit would wait forever: closing the listener
        # after 3 s refuses it, and the test fails instead of hanging.
        guard = threading.Timer(3.0, listener.close)
        guard.start()
        stack.callback(guard.cancel)
        error = failure(kind, f"http://127.0.0.1:{where[1]}/v2", timeout=0.2)
    assert isinstance(error, httpx.ConnectTimeout)
    assert error.request.url == f"http://127.0.0.1:{where[1]}/v2/calls/c/actions/hangup"


def test_the_urls_host_is_the_one_connected_to(kind: str) -> None:
    with RawServer(host="127.0.0.2") as server:  # nothing listens on 127.0.0.1 at its port
        (outcome,) = sends(kind, server.url, [HANGUP], max_retries=0)
    assert isinstance(outcome, CommandResult)


def test_the_pool_holds_at_most_max_connections(kind: str) -> None:
    with RawServer(*[Act(delay=0.02)] * 10) as server:
        results = concurrently(kind, server.url, 10, max_connections=2)
    assert results == [CommandResult(result="ok")] * 10
    assert len(server.requests) == 10
    assert server.peak <= 2


def test_connections_are_kept_and_reused(kind: str) -> None:
    with RawServer() as server:
        sends(kind, server.url, [HANGUP] * 5)
    assert server.connections == 1


def test_a_refusal_is_httpxs_status_error_with_the_answer(kind: str) -> None:
    refused = b"HTTP/1.1 422 Unprocessable Entity\r\nContent-Length: 2\r\n\r\n{}"
    with RawServer(Act(refused)) as server:
        error = failure(kind, server.url)
    assert isinstance(error, httpx.HTTPStatusError)
    assert getattr(error, "status_code", None) == 422
    assert error.response.json() == {}
    assert error.request.url == server.url + "/calls/c/actions/hangup"


def test_a_proxy_in_the_environment_sends_through_httpx(
    kind: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    with RawServer() as proxy:
        monkeypatch.setenv("HTTP_PROXY", f"http://127.0.0.1:{proxy.port}")
        url = "http://api.telnyx.invalid/v2"
        if kind == "sync":
            with HttpSender("KEY", base_url=url, max_retries=0) as sender:
                assert isinstance(sender.http_client, httpx.Client)
                sender.send("c", HANGUP)
        else:

            async def main() -> None:
                async with AsyncHttpSender("KEY", base_url=url, max_retries=0) as sender:
                    assert isinstance(sender.http_client, httpx.AsyncClient)
                    await sender.send("c", HANGUP)

            asyncio.run(main())
    (request,) = proxy.requests
    assert request.startswith(b"POST http://api.telnyx.invalid/v2/calls/c/actions/hangup HTTP/1.1")


def test_https_proxy_and_no_proxy_choose_the_path(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HTTPS_PROXY", "http://127.0.0.1:9")
    with HttpSender("KEY") as sender:
        assert isinstance(sender.http_client, httpx.Client)
    with HttpSender("KEY", base_url="http://api.telnyx.invalid/v2") as sender:
        assert sender.http_client is None  # the proxy is for https only
    monkeypatch.setenv("NO_PROXY", "api.telnyx.com")
    with HttpSender("KEY") as sender:
        assert sender.http_client is None
    assert isinstance(
        AsyncHttpSender("KEY", http_client=httpx.AsyncClient()).http_client, httpx.AsyncClient
    )


def test_an_api_key_a_header_cannot_carry_is_refused() -> None:
    with pytest.raises(ValueError, match=r"^api_key: must be printable ASCII$"):
        HttpSender("KEY\r\nX-Injected: 1")


def test_the_wire(snapshot: SnapshotAssertion) -> None:
    with RawServer() as server:
        sends("sync", server.url, [UpdateClientState(client_state="aGk=", command_id="id-1")])
    (raw,) = server.requests
    text = raw.decode().replace(str(server.port), "PORT").replace(__version__, "VERSION")
    assert text == snapshot


def test_a_cancelled_send_leaves_no_half_read_connection_behind() -> None:
    async def main(url: str) -> CommandResult:
        async with AsyncHttpSender("KEY", base_url=url, max_retries=0) as sender:
            with pytest.raises(asyncio.TimeoutError):
                await asyncio.wait_for(sender.send("c", HANGUP), 0.05)
            return await sender.send("c", HANGUP)

    with RawServer(Act(delay=0.5)) as server:
        assert asyncio.run(main(server.url)) == CommandResult(result="ok")
    assert server.connection_of == [1, 2]


def test_an_async_sender_closed_in_its_event_loop_serves_the_next_one() -> None:
    # As a handler that calls asyncio.run per event with a module-level sender.
    async def once(sender: AsyncHttpSender) -> CommandResult:
        try:
            return await sender.send("c", HANGUP)
        finally:
            await sender.aclose()

    with RawServer(Act(), Act(silent=True)) as server:
        sender = AsyncHttpSender("KEY", base_url=server.url, max_retries=0, timeout=0.2)
        assert asyncio.run(once(sender)) == CommandResult(result="ok")
        with pytest.raises(httpx.ReadTimeout):
            asyncio.run(once(sender))
        assert asyncio.run(once(sender)) == CommandResult(result="ok")
    assert server.connection_of == [1, 2, 3]


def test_an_async_sender_left_open_closes_its_connections_as_each_loop_ends() -> None:
    # A module-level sender, an asyncio.run per event, and no aclose at all.
    with RawServer() as server:
        sender = AsyncHttpSender("KEY", base_url=server.url, max_retries=0)
        for _ in range(3):
            assert asyncio.run(sender.send("c", HANGUP)) == CommandResult(result="ok")
            eventually(lambda: server.open_now == 0, "the loop's connection closed")
    assert server.connection_of == [1, 2, 3]


def test_sends_cancelled_while_waiting_or_in_flight_give_their_connection_back() -> None:
    async def main(url: str) -> list[CommandResult]:
        async with AsyncHttpSender("KEY", base_url=url, max_retries=0, max_connections=2) as sender:
            sends = [asyncio.ensure_future(sender.send("c", HANGUP)) for _ in range(30)]
            await asyncio.sleep(0.01)
            for cancelled in sends[::3]:
                cancelled.cancel()
            kept = [s for i, s in enumerate(sends) if i % 3]
            results = list(await asyncio.gather(*kept))
            more = asyncio.gather(*(sender.send("c", HANGUP) for _ in range(4)))
            return results + list(await asyncio.wait_for(more, 30))  # a guard against a hang

    # A cancelled send closes its connection, so the server may briefly hold more
    # than two; what this proves is that no place in the bound is lost.
    with RawServer(*[Act(delay=0.005)] * 40) as server:
        assert asyncio.run(main(server.url)) == [CommandResult(result="ok")] * 24
