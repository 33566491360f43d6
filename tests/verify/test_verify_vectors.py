"""Known-answer vectors: RFC 8032, the Standard Webhooks spec, and a fixed Telnyx delivery."""

from __future__ import annotations

import base64

import pytest
from nacl.signing import SigningKey, VerifyKey

from telnyx_gather import StandardWebhookVerifier, WebhookVerificationError, WebhookVerifier
from telnyx_gather.events import CallDtmfReceived
from telnyx_gather.testing import StandardWebhookSigner, WebhookSigner

# RFC 8032 section 7.1, TEST 1 (empty message).
RFC_SEED = bytes.fromhex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60")
RFC_PUBLIC = bytes.fromhex("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a")
RFC_SIGNATURE = bytes.fromhex(
    "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b"
)


def test_rfc8032_test1_through_the_signer() -> None:
    signer = WebhookSigner(RFC_SEED)
    assert signer.public_key == base64.b64encode(RFC_PUBLIC).decode()
    # The signer's key, rebuilt from its advertised public key, accepts the
    # RFC's signature over the empty message, and the seed reproduces it.
    VerifyKey(base64.b64decode(signer.public_key)).verify(b"", RFC_SIGNATURE)
    assert SigningKey(RFC_SEED).sign(b"").signature == RFC_SIGNATURE
    standard = StandardWebhookSigner.ed25519(RFC_SEED)
    assert standard.key == "whpk_" + base64.b64encode(RFC_PUBLIC).decode()


# The Standard Webhooks specification's own example.
SW_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
SW_ID = "msg_p5jXN8AQM9LWM0D4loKWxJek"
SW_TIMESTAMP = 1614265330
SW_BODY = b'{"test": 2432232314}'
SW_SIGNATURE = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="
SW_HEADERS = {
    "webhook-id": SW_ID,
    "webhook-timestamp": str(SW_TIMESTAMP),
    "webhook-signature": SW_SIGNATURE,
}


def test_standard_webhooks_spec_vector() -> None:
    StandardWebhookVerifier(SW_SECRET).verify(SW_BODY, SW_HEADERS, now=SW_TIMESTAMP)
    signer = StandardWebhookSigner(SW_SECRET)
    assert signer.key == SW_SECRET
    assert signer.sign(SW_BODY, msg_id=SW_ID, timestamp=SW_TIMESTAMP) == SW_HEADERS


def test_standard_webhooks_spec_vector_rejects_changes() -> None:
    verifier = StandardWebhookVerifier(SW_SECRET)
    for body, headers in [
        (b'{"test": 2432232315}', SW_HEADERS),
        (SW_BODY, {**SW_HEADERS, "webhook-id": "msg_p5jXN8AQM9LWM0D4loKWxJel"}),
        (SW_BODY, {**SW_HEADERS, "webhook-timestamp": str(SW_TIMESTAMP + 1)}),
    ]:
        with pytest.raises(WebhookVerificationError) as info:
            verifier.verify(body, headers, now=SW_TIMESTAMP)
        assert info.value.reason == "bad_signature"


# A Telnyx delivery of our own: seed bytes 0..31, signed at 1700000000. The
# signature was cross-checked with an independent ed25519 implementation.
TELNYX_SEED = bytes(range(32))
TELNYX_PUBLIC_KEY = "A6EHv/POEL4dcN0Y50vAmWfk1jCbpQ1fHdyGZBJVMbg="
TELNYX_BODY = (
    b'{"data": {"event_type": "call.dtmf.received", "id": "5b0b7c5e-3c1f-4a55-9d2e-2f1d8b9e0a11", '
    b'"occurred_at": "2023-11-14T22:13:20.123456Z", "payload": {"call_control_id": "v3:fixed", '
    b'"call_leg_id": "leg-1", "call_session_id": "session-1", "connection_id": "7267", '
    b'"digit": "#", "to": "sip:zo\xc3\xab@example.com"}, "record_type": "event"}, '
    b'"meta": {"attempt": 1, "delivered_to": "https://example.com/webhooks"}}'
)
TELNYX_HEADERS = {
    "telnyx-signature-ed25519": (
        "tfxL9ookpSdVgmq+5ZopHbf3HLlW2Fxl/1hLdLm4BQUTpUH/nVmJTBwMZbsqhNQu6qDn2qODypj+dzLwRWfBBg=="
    ),
    "telnyx-timestamp": "1700000000",
}


def test_fixed_telnyx_vector() -> None:
    signer = WebhookSigner(TELNYX_SEED)
    assert signer.public_key == TELNYX_PUBLIC_KEY
    assert signer.sign(TELNYX_BODY, timestamp=1700000000) == TELNYX_HEADERS
    event = WebhookVerifier(TELNYX_PUBLIC_KEY).unwrap(TELNYX_BODY, TELNYX_HEADERS, now=1700000000)
    assert isinstance(event, CallDtmfReceived)
    assert event.payload.digit == "#"
    assert event.payload.to == "sip:zoë@example.com"


def test_fixed_telnyx_vector_expires() -> None:
    verifier = WebhookVerifier(base64.b64decode(TELNYX_PUBLIC_KEY))
    verifier.verify(TELNYX_BODY, TELNYX_HEADERS, now=1700000300)
    with pytest.raises(WebhookVerificationError) as info:
        verifier.verify(TELNYX_BODY, TELNYX_HEADERS, now=1700000301)
    assert info.value.reason == "timestamp_out_of_tolerance"
