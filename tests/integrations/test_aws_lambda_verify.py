"""`request_parts` feeding the real verifiers: signatures check out, repeats are ambiguous."""

from __future__ import annotations

import pytest

from telnyx_gather import (
    CallGatherEnded,
    StandardWebhookVerifier,
    WebhookVerificationError,
    WebhookVerifier,
)
from telnyx_gather.integrations import aws_lambda
from telnyx_gather.integrations.aws_lambda import MalformedRequestError, request_parts
from telnyx_gather.testing import StandardWebhookSigner, WebhookSigner

from .aws_events import DELIVERY, SHAPES, TIMESTAMP, build, load
from .cases import delivery

KEEP_REPEATS = [s for s in SHAPES if s != "alb"]
JOINED = ["http_api_v2", "function_url"]


@pytest.mark.parametrize("shape", SHAPES)
def test_each_hand_written_event_verifies(verifier: WebhookVerifier, shape: str) -> None:
    event = verifier.unwrap(*request_parts(load(shape)), now=TIMESTAMP)
    assert isinstance(event, CallGatherEnded)
    assert event.payload.digits == "1#"


@pytest.mark.parametrize("shape", SHAPES)
def test_a_byte_of_difference_fails(verifier: WebhookVerifier, shape: str) -> None:
    body, headers = request_parts(load(shape))
    assert body == DELIVERY
    with pytest.raises(WebhookVerificationError) as info:
        verifier.verify(body.replace(b'"1#"', b'"2#"'), headers, now=TIMESTAMP)
    assert info.value.reason == "bad_signature"


@pytest.mark.parametrize("shape", SHAPES)
@pytest.mark.parametrize("b64", [False, True])
def test_non_utf8_bodies_verify_over_their_bytes(
    signer: WebhookSigner, verifier: WebhookVerifier, shape: str, b64: bool
) -> None:
    body = b"\xff\xfe not UTF-8 \x80"
    event = build(shape, body, list(signer.sign(body).items()), base64_body=True if b64 else None)
    verifier.verify(*request_parts(event))


@pytest.mark.parametrize("shape", KEEP_REPEATS)
@pytest.mark.parametrize("header", ["telnyx-timestamp", "telnyx-signature-ed25519"])
def test_a_repeated_telnyx_header_is_ambiguous(
    signer: WebhookSigner, verifier: WebhookVerifier, shape: str, header: str
) -> None:
    body = delivery()
    headers = list(signer.sign(body).items())
    repeated = [*headers, (header.title(), dict(headers)[header])]
    with pytest.raises(WebhookVerificationError) as info:
        aws_lambda.unwrap(build(shape, body, repeated), verifier)
    assert info.value.reason == "ambiguous_header"


def test_alb_without_multi_value_headers_sees_only_the_last_value(
    signer: WebhookSigner, verifier: WebhookVerifier
) -> None:
    body = delivery()
    good = list(signer.sign(body).items())
    forged_first = [("telnyx-signature-ed25519", "A" * 86 + "=="), *good]
    assert isinstance(
        aws_lambda.unwrap(build("alb", body, forged_first), verifier), CallGatherEnded
    )


@pytest.fixture(scope="module")
def standard() -> tuple[StandardWebhookSigner, StandardWebhookSigner, StandardWebhookVerifier]:
    hmac_signer, ed_signer = StandardWebhookSigner(), StandardWebhookSigner.ed25519()
    return hmac_signer, ed_signer, StandardWebhookVerifier([hmac_signer.key, ed_signer.key])


@pytest.mark.parametrize("shape", JOINED)
def test_standard_webhooks_signature_lists_survive_v2(
    standard: tuple[StandardWebhookSigner, StandardWebhookSigner, StandardWebhookVerifier],
    shape: str,
) -> None:
    hmac_signer, ed_signer, verifier = standard
    body = delivery()
    headers = hmac_signer.sign(body, msg_id="msg_1")
    stamp = headers["webhook-timestamp"]
    ed = ed_signer.sign(body, msg_id="msg_1", timestamp=stamp)["webhook-signature"]
    one_list = {**headers, "webhook-signature": f"{headers['webhook-signature']} {ed}"}
    event = build(shape, body, list(one_list.items()))
    assert "," in event["headers"]["webhook-signature"]
    assert isinstance(aws_lambda.unwrap(event, verifier), CallGatherEnded)


@pytest.mark.parametrize("shape", JOINED)
@pytest.mark.parametrize("header", ["webhook-signature", "webhook-timestamp"])
def test_a_repeated_standard_header_is_ambiguous_after_the_join(
    standard: tuple[StandardWebhookSigner, StandardWebhookSigner, StandardWebhookVerifier],
    shape: str,
    header: str,
) -> None:
    hmac_signer, _, verifier = standard
    body = delivery()
    headers = list(hmac_signer.sign(body).items())
    repeated = [*headers, (header, dict(headers)[header])]
    with pytest.raises(WebhookVerificationError) as info:
        aws_lambda.unwrap(build(shape, body, repeated), verifier)
    assert info.value.reason == "ambiguous_header"


def test_a_malformed_event_is_not_a_verification_failure(verifier: WebhookVerifier) -> None:
    with pytest.raises(MalformedRequestError):
        aws_lambda.unwrap({"Records": []}, verifier)


def test_the_handler_raises_on_a_malformed_event(verifier: WebhookVerifier) -> None:
    handler = aws_lambda.webhook_handler(verifier)(lambda event, context: None)
    with pytest.raises(MalformedRequestError):
        handler({"Records": []}, None)


def test_the_handler_passes_a_returned_response_through(
    signer: WebhookSigner, verifier: WebhookVerifier
) -> None:
    body = delivery()
    event = build("http_api_v2", body, list(signer.sign(body).items()))
    handler = aws_lambda.webhook_handler(verifier)(
        lambda webhook, context: {"statusCode": 202, "body": webhook.event_type}
    )
    assert handler(event, None) == {"statusCode": 202, "body": "call.gather.ended"}
