"""The senders' HTTP/1.1 reader fed an answer in pieces, their origins, and the async bound."""

from __future__ import annotations

import asyncio

import pytest

from telnyx_gather.client._async_pool import _Slots
from telnyx_gather.client._http11 import Answer, NoAnswer, Origin, Reader

BODY = b'{"data":{"result":"ok"}}'
LENGTH = b"HTTP/1.1 200 OK\r\nContent-Length: 24\r\nRetry-After: 1\r\n\r\n" + BODY
CHUNKED = (
    b"HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip, chunked\r\n\r\n"
    b"a\r\n" + BODY[:10] + b"\r\n" + b"E;x=y\r\n" + BODY[10:] + b"\r\n0\r\nTrailer: t\r\n\r\n"
)


def byte_by_byte(raw: bytes) -> Answer:
    reader = Reader()
    for index in range(len(raw)):
        answer = reader.feed(raw[index : index + 1])
        if answer is not None:
            assert index == len(raw) - 1
            return answer
    return reader.eof()


@pytest.mark.parametrize("raw", [LENGTH, CHUNKED], ids=["content-length", "chunked"])
def test_an_answer_fed_one_byte_at_a_time(raw: bytes) -> None:
    answer = byte_by_byte(raw)
    assert (answer.status, answer.body, answer.reusable) == (200, BODY, True)


def test_headers_are_read_by_lower_case_name() -> None:
    answer = byte_by_byte(LENGTH)
    assert answer.header(b"retry-after") == "1"
    assert answer.header(b"x-missing") == ""


def test_an_interim_answer_is_skipped() -> None:
    answer = Reader().feed(b"HTTP/1.1 100 Continue\r\n\r\n" + LENGTH)
    assert answer is not None
    assert answer.status == 200


@pytest.mark.parametrize(
    ("raw", "reusable"),
    [
        (b"HTTP/1.0 200 OK\r\nContent-Length: 0\r\n\r\n", False),
        (b"HTTP/1.0 200 OK\r\nConnection: keep-alive\r\nContent-Length: 0\r\n\r\n", True),
        (b"HTTP/1.1 200 OK\r\nConnection: Close\r\nContent-Length: 0\r\n\r\n", False),
        (b"HTTP/1.1 204 No Content\r\n\r\n", True),
        (b"HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\nstray", False),
    ],
    ids=["http/1.0", "http/1.0 keep-alive", "close", "no content", "stray bytes"],
)
def test_whether_the_connection_stays(raw: bytes, reusable: bool) -> None:
    answer = Reader().feed(raw)
    assert answer is not None
    assert answer.reusable is reusable


def test_nothing_at_all_is_no_answer() -> None:
    with pytest.raises(NoAnswer, match=r"^the server closed the connection without answering$"):
        Reader().eof()


@pytest.mark.parametrize(
    "url",
    [
        "ftp://api.telnyx.com/v2",
        "https://user:secret@api.telnyx.com/v2",
        "https://api.telnyx.com/v2?x=1",
        "https://api.telnyx.com/v 2",
        "https://bücher.example/v2",
        "https://api.telnyx.com:99999/v2",
    ],
)
def test_urls_left_to_httpx(url: str) -> None:
    assert Origin.parse(url) is None


def test_an_origin_and_the_head_it_repeats() -> None:
    origin = Origin.parse("https://[::1]:8443/v2/")
    assert origin == Origin(tls=True, host="::1", port=8443, authority="[::1]:8443", prefix="/v2")
    assert origin.head({"A": "b"}) == b"Host: [::1]:8443\r\nA: b\r\n"
    with pytest.raises(ValueError, match=r"^A: must be printable ASCII$"):
        origin.head({"A": "b\r\nC: d"})


def test_a_turn_cancelled_as_its_place_is_freed_loses_no_place() -> None:
    async def main() -> None:
        slots = _Slots(1)
        await slots.acquire()
        waiting = asyncio.ensure_future(slots.acquire())
        await asyncio.sleep(0)  # it waits its turn now
        waiting.cancel()
        slots.release()  # before the cancelled one runs again: its turn is skipped
        with pytest.raises(asyncio.CancelledError):
            await waiting
        assert (slots.free, list(slots.waiting)) == (1, [])
        await slots.acquire()

    asyncio.run(main())


def test_a_turn_given_then_cancelled_passes_its_place_on() -> None:
    async def main() -> None:
        slots = _Slots(1)
        await slots.acquire()
        waiting = asyncio.ensure_future(slots.acquire())
        await asyncio.sleep(0)
        slots.release()  # its turn comes...
        waiting.cancel()  # ...and it is cancelled before it runs again
        with pytest.raises(asyncio.CancelledError):
            await waiting
        assert (slots.free, list(slots.waiting)) == (1, [])

    asyncio.run(main())
