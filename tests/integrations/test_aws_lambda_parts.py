"""`aws_lambda.request_parts`: the exact body bytes and every header value, for each event shape."""

from __future__ import annotations

import base64
import json
import re
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from telnyx_gather import TelnyxGatherError
from telnyx_gather.integrations.aws_lambda import MalformedRequestError, request_parts

from .aws_events import DELIVERY, SHAPES, TIMESTAMP, build, load

SIGNATURE = (
    "ZucwDHRLt864eSg2ehSqeNV2vtjCehuJuZEsJ6G7/8MV6B/zXcpVM9YYsToi0bUq3w7ElkybwJ1SQY7FuXL4AQ=="
)
TELNYX = [("telnyx-signature-ed25519", SIGNATURE), ("telnyx-timestamp", str(TIMESTAMP))]
KEEP_REPEATS = [s for s in SHAPES if s != "alb"]


def _values(headers: list[tuple[str, str]], name: str) -> list[str]:
    return [value for key, value in headers if key.lower() == name]


@pytest.mark.parametrize("shape", SHAPES)
def test_each_documented_shape_gives_back_the_signed_delivery(shape: str) -> None:
    body, headers = request_parts(load(shape))
    assert body == DELIVERY
    assert _values(headers, "telnyx-signature-ed25519") == [SIGNATURE]
    assert _values(headers, "telnyx-timestamp") == [str(TIMESTAMP)]
    assert _values(headers, "content-type") == ["application/json"]


def test_rest_api_binary_media_body_is_base64_decoded() -> None:
    event = load("rest_v1_binary_media")
    assert event["isBase64Encoded"] is True
    assert event["body"] != DELIVERY.decode()
    assert request_parts(event)[0] == DELIVERY


@pytest.mark.parametrize("shape", ["http_api_v2", "function_url"])
def test_v2_cookies_become_one_cookie_header(shape: str) -> None:
    _, headers = request_parts(load(shape))
    assert _values(headers, "cookie") == ["session=abc123; theme=dark"]


def test_rest_api_header_names_keep_their_case_and_are_listed_once() -> None:
    _, headers = request_parts(load("rest_v1"))
    names = [name for name, _ in headers]
    assert "Telnyx-Signature-Ed25519" in names
    assert len(names) == len({n.lower() for n in names})


BODIES = {
    "text": '{"data":{"note":"café ☎ — naïve"}}'.encode(),
    "spacing": b'{ "data" : {\n  "id": "x" } }\r\n',
    "empty": b"",
    "not_utf8": b"\xff\xfe{\x80\x00\xc3(}",
}


@pytest.mark.parametrize("shape", SHAPES)
@pytest.mark.parametrize("name", BODIES)
@pytest.mark.parametrize("base64_body", [False, True])
def test_body_bytes_survive_each_shape(shape: str, name: str, base64_body: bool) -> None:
    body = BODIES[name]
    if name == "not_utf8" and not base64_body:
        base64_body = True  # AWS only delivers non-text bodies base64-encoded
    event = build(shape, body, TELNYX, base64_body=base64_body)
    assert event["isBase64Encoded"] is base64_body
    assert request_parts(event)[0] == body


@given(body=st.binary(max_size=512), shape=st.sampled_from(SHAPES), b64=st.booleans())
def test_any_body_round_trips(body: bytes, shape: str, b64: bool) -> None:
    event = build(shape, body, TELNYX, base64_body=b64 or None)
    assert request_parts(json.loads(json.dumps(event)))[0] == body


def test_a_null_body_is_empty() -> None:
    event = load("alb")
    event["body"] = None
    assert request_parts(event)[0] == b""


@pytest.mark.parametrize("shape", KEEP_REPEATS)
@pytest.mark.parametrize("name", ["telnyx-timestamp", "Telnyx-Signature-Ed25519"])
def test_a_repeated_telnyx_header_keeps_both_values(shape: str, name: str) -> None:
    headers = [*TELNYX, (name, "1795514401" if "timestamp" in name else SIGNATURE)]
    _, parts = request_parts(build(shape, DELIVERY, headers))
    assert len(_values(parts, name.lower())) == 2


@pytest.mark.parametrize("shape", ["http_api_v2", "function_url"])
def test_v2_joined_values_are_split_back_apart(shape: str) -> None:
    headers = [
        *TELNYX,
        ("telnyx-timestamp", "1795514401"),
        ("webhook-signature", "v1,AAAA v1a,BBBB"),
        ("webhook-signature", "v1,CCCC"),
        ("accept", "text/html"),
        ("accept", "application/json"),
    ]
    event = build(shape, DELIVERY, headers)
    assert event["headers"]["telnyx-timestamp"] == f"{TIMESTAMP},1795514401"
    _, parts = request_parts(event)
    assert _values(parts, "telnyx-timestamp") == [str(TIMESTAMP), "1795514401"]
    assert _values(parts, "webhook-signature") == ["v1,AAAA v1a,BBBB", "v1,CCCC"]
    assert _values(parts, "accept") == ["text/html,application/json"]  # not ours: untouched


def test_v2_single_signature_list_is_not_split() -> None:
    value = "v1,K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN/H/pI4= v1a,hnO3f9T8Ytu9HwrXslvu=="
    _, parts = request_parts(build("function_url", DELIVERY, [("webhook-signature", value)]))
    assert _values(parts, "webhook-signature") == [value]


def test_alb_without_multi_value_headers_keeps_only_the_last_value() -> None:
    # The load balancer drops all but the last value itself; nothing can recover the rest,
    # which is why the docs say to enable lambda.multi_value_headers.enabled.
    headers = [*TELNYX, ("telnyx-timestamp", "1795514401")]
    _, parts = request_parts(build("alb", DELIVERY, headers))
    assert _values(parts, "telnyx-timestamp") == ["1795514401"]


def test_headers_missing_from_multi_value_headers_are_still_read() -> None:
    event = load("rest_v1")
    del event["multiValueHeaders"]["Telnyx-Timestamp"]
    _, parts = request_parts(event)
    assert _values(parts, "telnyx-timestamp") == [str(TIMESTAMP)]


def _with(shape: str, **changes: Any) -> dict[str, Any]:
    event = load(shape)
    event.update(changes)
    return event


MALFORMED: dict[str, tuple[Any, str]] = {
    "not_a_mapping": (["not", "an", "event"], "event must be a JSON object"),
    "sqs_event": ({"Records": [{"body": "{}"}]}, "not an API Gateway"),
    "unknown_version": (_with("http_api_v2", version="3.0"), "not an API Gateway"),
    "body_not_text": (_with("alb", body={"data": {}}), "'body' must be a string or null, not dict"),
    "flag_not_bool": (_with("alb", isBase64Encoded="true"), "'isBase64Encoded' must be true"),
    "bad_base64": (_with("alb", isBase64Encoded=True, body="not base64!"), "not valid base64"),
    "lone_surrogate": (_with("alb", body="{\ud800}"), "lone surrogate"),
    "headers_a_list": (_with("http_api_v2", headers=[["a", "b"]]), "headers must be a JSON object"),
    "header_value_int": (
        _with("alb", headers={"telnyx-timestamp": 1}),
        "headers['telnyx-timestamp']",
    ),
    "multi_value_str": (
        _with("alb_multi_value", multiValueHeaders={"telnyx-timestamp": "1"}),
        "multiValueHeaders['telnyx-timestamp'] must be a list",
    ),
    "multi_value_item": (
        _with("rest_v1", multiValueHeaders={"Host": [None]}),
        "multiValueHeaders['Host'] must hold strings, not NoneType",
    ),
    "cookies_a_string": (_with("function_url", cookies="a=b"), "'cookies' must be a list"),
    "non_string_key": (_with("alb", headers={1: "x"}), "headers must have string keys"),
}


@pytest.mark.parametrize("case", MALFORMED)
def test_malformed_events_raise_a_clear_typed_error(case: str) -> None:
    event, message = MALFORMED[case]
    with pytest.raises(MalformedRequestError, match=re.escape(message)) as info:
        request_parts(event)
    assert isinstance(info.value, TelnyxGatherError)
    assert isinstance(info.value, ValueError)


def test_malformed_header_names_are_escaped_in_messages() -> None:
    event = _with("alb", headers={"x-\x1b[31mred\n": 5})
    with pytest.raises(MalformedRequestError) as info:
        request_parts(event)
    assert "\x1b" not in str(info.value)
    assert "\n" not in str(info.value)
    assert "\\x1b" in str(info.value)


def test_base64_body_is_decoded_strictly() -> None:
    encoded = base64.b64encode(DELIVERY).decode()
    event = _with("alb", isBase64Encoded=True, body=encoded[:-1])  # broken padding
    with pytest.raises(MalformedRequestError):
        request_parts(event)
