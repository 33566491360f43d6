"""The stores' RESP2 codec: each reply type, replies split across reads, malformed replies."""

from __future__ import annotations

import pytest

from telnyx_gather._resp import (
    MAX_BULK,
    MAX_DEPTH,
    MAX_ITEMS,
    MAX_LINE,
    NOTHING,
    ErrorReply,
    ProtocolError,
    Reader,
    Reply,
    encode,
)

SECRET = b"hunter2"


def _read(*chunks: bytes) -> list[Reply]:
    reader = Reader()
    replies: list[Reply] = []
    for chunk in chunks:
        reader.feed(chunk)
        while True:
            reply = reader.reply()
            if isinstance(reply, type(NOTHING)):
                break
            replies.append(reply)
    assert not reader.pending
    return replies


def test_a_command_is_an_array_of_bulk_strings() -> None:
    assert encode([b"SET", "k\u00e9", 1500, b""]) == (
        b"*4\r\n$3\r\nSET\r\n$3\r\nk\xc3\xa9\r\n$4\r\n1500\r\n$0\r\n\r\n"
    )


@pytest.mark.parametrize(
    ("wire", "reply"),
    [
        (b"+OK\r\n", b"OK"),
        (b":42\r\n", 42),
        (b":-7\r\n", -7),
        (b"$5\r\nhello\r\n", b"hello"),
        (b"$0\r\n\r\n", b""),
        (b"$-1\r\n", None),
        (b"*-1\r\n", None),
        (b"*0\r\n", []),
        (b"$4\r\na\r\nb\r\n", b"a\r\nb"),
        (b"*3\r\n$4\r\ndone\r\n$0\r\n\r\n$-1\r\n", [b"done", b"", None]),
        (b"*2\r\n*1\r\n:1\r\n+x\r\n", [[1], b"x"]),
    ],
)
def test_every_reply_type(wire: bytes, reply: Reply) -> None:
    assert _read(wire) == [reply]


def test_an_error_reply_is_a_value_with_its_code() -> None:
    (reply,) = _read(b"-NOSCRIPT No matching script.\r\n")
    assert isinstance(reply, ErrorReply)
    assert reply.code == "NOSCRIPT"
    assert reply.message == "NOSCRIPT No matching script."


def test_replies_split_anywhere_come_out_whole_and_in_order() -> None:
    wire = b"*2\r\n$4\r\ndone\r\n$32\r\n" + b"a" * 32 + b"\r\n:1\r\n+OK\r\n"
    expected: list[Reply] = [[b"done", b"a" * 32], 1, b"OK"]
    for size in (1, 2, 3, 7, len(wire)):
        assert _read(*(wire[i : i + size] for i in range(0, len(wire), size))) == expected


def test_a_partial_reply_is_nothing_yet() -> None:
    reader = Reader()
    reader.feed(b"*2\r\n$4\r\ndo")
    assert reader.reply() is NOTHING
    assert reader.pending
    reader.feed(b"ne\r\n:0\r\n")
    assert reader.reply() == [b"done", 0]


@pytest.mark.parametrize(
    ("wire", "message"),
    [
        (b"?" + SECRET + b"\r\n", "a reply starts with an unknown type byte"),
        (b"\r\n", "a reply starts with an unknown type byte"),
        (b":" + SECRET + b"\r\n", "an integer reply is not a number"),
        (b":\r\n", "an integer reply is not a number"),
        (b": 1\r\n", "an integer reply is not a number"),
        (b"$" + SECRET + b"\r\n", "a bulk string's length is not a number"),
        (b"$-2\r\n", "a bulk string's length is out of range"),
        (b"$2\r\n" + SECRET + b"\r\n", "a bulk string is longer than its length"),
        (b"*" + SECRET + b"\r\n", "an array's length is not a number"),
        (b"*-5\r\n", "an array's length is out of range"),
        (b"*1\r\n" * 9 + b":1\r\n", "arrays nest too deeply"),
        (b"+" + SECRET * 20_000, "a reply line is too long"),
        (b"+" + SECRET * 20_000 + b"\r\n", "a reply line is too long"),
        # just past each bound
        (b"+" + b"a" * MAX_LINE + b"\r\n", "a reply line is too long"),
        (b"+" + b"a" * MAX_LINE + b"a", "a reply line is too long"),  # no end in sight
        (b":" + b"9" * 20 + b"\r\n", "an integer reply is not a number"),
        (b"$%d\r\n" % (MAX_BULK + 1), "a bulk string's length is out of range"),
        (b"*%d\r\n" % (MAX_ITEMS + 1), "an array's length is out of range"),
    ],
)
def test_a_malformed_reply_is_a_typed_error_quoting_nothing(wire: bytes, message: str) -> None:
    reader = Reader()
    reader.feed(wire)
    with pytest.raises(ProtocolError) as caught:
        reader.reply()
    assert str(caught.value) == message
    assert SECRET.decode() not in str(caught.value)


@pytest.mark.parametrize(
    "wire",
    [
        b"+" + b"a" * (MAX_LINE - 1) + b"\r\n",  # the longest line (its type byte counts)
        b":" + b"9" * 19 + b"\r\n",  # the longest number
        b":-" + b"9" * 19 + b"\r\n",
        b"*1\r\n" * MAX_DEPTH + b":1\r\n",  # the deepest nesting
    ],
)
def test_a_reply_at_each_bound_is_read(wire: bytes) -> None:
    (reply,) = _read(wire)
    assert reply is not None


@pytest.mark.parametrize(
    "wire", [b"+" + b"a" * (MAX_LINE - 1), b"$%d\r\n" % MAX_BULK, b"*%d\r\n" % MAX_ITEMS]
)
def test_a_reply_within_its_bounds_waits_for_the_rest(wire: bytes) -> None:
    reader = Reader()
    reader.feed(wire)
    assert reader.reply() is NOTHING


def test_a_reply_far_into_the_bytes_is_read_like_the_first() -> None:
    big = b"a" * (MAX_LINE + 10)
    assert _read(b"$%d\r\n" % len(big) + big + b"\r\n+OK\r\n") == [big, b"OK"]


def test_an_error_reply_that_is_not_utf8_is_still_read() -> None:
    (reply,) = _read(b"-ERR bad \xff byte\r\n")
    assert isinstance(reply, ErrorReply)
    assert reply.message == "ERR bad \ufffd byte"
