"""Splitting comma-joined values of the headers the verifier reads back apart."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from telnyx_gather import CallGatherEnded, StandardWebhookVerifier, WebhookVerificationError
from telnyx_gather.integrations import aws_lambda
from telnyx_gather.integrations._common import unjoin, unjoin_pairs
from telnyx_gather.testing import StandardWebhookSigner

from .aws_events import TIMESTAMP, build
from .cases import delivery

B64 = st.text("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=", min_size=1)
ENTRY = st.builds(lambda v, s: f"{v},{s}", st.sampled_from(["v1", "v1a", "v2"]), B64)
SIGNATURE_LIST = st.lists(ENTRY, min_size=1, max_size=4).map(" ".join)


@given(values=st.lists(SIGNATURE_LIST, min_size=1, max_size=4))
def test_joined_signature_lists_split_back_into_what_was_sent(values: list[str]) -> None:
    assert unjoin("webhook-signature", ",".join(values)) == values


@given(value=SIGNATURE_LIST)
def test_one_signature_list_is_one_value(value: str) -> None:
    assert unjoin("Webhook-Signature", value) == [value]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("v1,AAA,garbage", ["v1,AAA", "garbage"]),
        ("v1,AAA,", ["v1,AAA", ""]),
        ("v1,AAA, v1,BBB", ["v1,AAA", " v1,BBB"]),  # joined with ", " still splits
        ("v1,AAA,v1,BBB,v1,CCC", ["v1,AAA", "v1,BBB", "v1,CCC"]),
        ("junk", ["junk"]),
    ],
)
def test_signature_list_seams(value: str, expected: list[str]) -> None:
    assert unjoin("webhook-signature", value) == expected


@pytest.mark.parametrize(
    "name", ["telnyx-timestamp", "Telnyx-Signature-Ed25519", "WEBHOOK-TIMESTAMP"]
)
def test_single_token_headers_split_at_every_comma(name: str) -> None:
    assert unjoin(name, "a,b,c") == ["a", "b", "c"]
    assert unjoin(name, "1795514400") == ["1795514400"]


@pytest.mark.parametrize(
    "name", ["accept", "user-agent", "x-telnyx-timestamp", "cookie", "webhook-id", "Webhook-Id"]
)
def test_other_headers_are_untouched(name: str) -> None:
    assert unjoin(name, "a, b,c") == ["a, b,c"]


def test_unjoin_pairs_keeps_order() -> None:
    pairs = [("accept", "a,b"), ("telnyx-timestamp", "1,2"), ("host", "h")]
    assert unjoin_pairs(pairs) == [
        ("accept", "a,b"),
        ("telnyx-timestamp", "1"),
        ("telnyx-timestamp", "2"),
        ("host", "h"),
    ]


@pytest.mark.parametrize("shape", ["http_api_v2", "function_url"])
def test_a_webhook_id_with_commas_verifies_through_a_joining_front_end(shape: str) -> None:
    signer = StandardWebhookSigner()
    verifier = StandardWebhookVerifier(signer.key)
    body = delivery()
    headers = signer.sign(body, msg_id="msg,with,commas", timestamp=TIMESTAMP)
    event = build(shape, body, list(headers.items()))
    assert isinstance(
        verifier.unwrap(*aws_lambda.request_parts(event), now=TIMESTAMP), CallGatherEnded
    )


@pytest.mark.parametrize("shape", ["http_api_v2", "function_url"])
def test_two_joined_webhook_ids_still_fail_closed(shape: str) -> None:
    signer = StandardWebhookSigner()
    verifier = StandardWebhookVerifier(signer.key)
    body = delivery()
    headers = list(signer.sign(body, msg_id="msg_1", timestamp=TIMESTAMP).items())
    for extra in ("msg_1", "msg_2"):
        event = build(shape, body, [*headers, ("webhook-id", extra)])
        with pytest.raises(WebhookVerificationError) as info:
            verifier.unwrap(*aws_lambda.request_parts(event), now=TIMESTAMP)
        assert info.value.reason == "bad_signature"
