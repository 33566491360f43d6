"""WebhookSigner and StandardWebhookSigner, and the testing package's import footprint."""

from __future__ import annotations

import base64
import subprocess
import sys

import pytest

from telnyx_gather import StandardWebhookVerifier, WebhookVerificationError, WebhookVerifier
from telnyx_gather.testing import StandardWebhookSigner, WebhookSigner

BODY = '{"data": {"event_type": "call.dtmf.received", "to": "zoë"}}'.encode()


def test_seed_makes_the_key_reproducible() -> None:
    assert WebhookSigner(b"a" * 32).public_key == WebhookSigner(b"a" * 32).public_key
    assert WebhookSigner(b"a" * 32).public_key != WebhookSigner(b"b" * 32).public_key
    assert WebhookSigner().public_key != WebhookSigner().public_key
    assert len(base64.b64decode(WebhookSigner().public_key, validate=True)) == 32


@pytest.mark.parametrize("seed", [b"", b"a" * 31, b"a" * 33])
def test_bad_seed(seed: bytes) -> None:
    with pytest.raises(ValueError, match="32 bytes"):
        WebhookSigner(seed)
    with pytest.raises(ValueError, match="32 bytes"):
        StandardWebhookSigner.ed25519(seed)


def test_sign_returns_exactly_the_two_telnyx_headers() -> None:
    headers = WebhookSigner(b"a" * 32).sign(BODY, timestamp=1700000000)
    assert set(headers) == {"telnyx-signature-ed25519", "telnyx-timestamp"}
    assert headers["telnyx-timestamp"] == "1700000000"
    assert len(base64.b64decode(headers["telnyx-signature-ed25519"], validate=True)) == 64


def test_str_body_is_signed_as_utf8_and_default_timestamp_is_now() -> None:
    signer = WebhookSigner()
    text = BODY.decode()
    verifier = WebhookVerifier(signer.public_key)
    verifier.verify(BODY, signer.sign(text))
    verifier.verify(text, signer.sign(BODY))


def test_str_timestamp_is_signed_verbatim() -> None:
    signer = WebhookSigner()
    headers = signer.sign(BODY, timestamp="+1700000000")
    assert headers["telnyx-timestamp"] == "+1700000000"
    with pytest.raises(WebhookVerificationError) as info:
        WebhookVerifier(signer.public_key).verify(BODY, headers, now=1700000000)
    assert info.value.reason == "malformed_header"


def test_standard_signer_forms() -> None:
    hmac_signer = StandardWebhookSigner()
    ed_signer = StandardWebhookSigner.ed25519()
    assert hmac_signer.key.startswith("whsec_")
    assert ed_signer.key.startswith("whpk_")
    headers = ed_signer.sign(BODY, timestamp=1700000000)
    assert set(headers) == {"webhook-id", "webhook-timestamp", "webhook-signature"}
    assert headers["webhook-id"].startswith("msg_")
    assert headers["webhook-signature"].startswith("v1a,")
    assert hmac_signer.sign(BODY)["webhook-signature"].startswith("v1,")
    verifier = StandardWebhookVerifier([hmac_signer.key, ed_signer.key])
    verifier.verify(BODY, headers, now=1700000000)
    verifier.verify(BODY, hmac_signer.sign(BODY.decode()))


def test_standard_signer_rejects_a_secret_without_prefix() -> None:
    with pytest.raises(ValueError, match="whsec_"):
        StandardWebhookSigner("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")


def _run(code: str) -> str:
    return subprocess.run(
        [sys.executable, "-c", code], check=True, capture_output=True, text=True
    ).stdout


def test_testing_works_without_the_telnyx_sdk() -> None:
    out = _run(
        "import sys\n"
        "sys.modules['telnyx'] = None  # any import of the SDK now fails\n"
        "from telnyx_gather import WebhookVerifier\n"
        "from telnyx_gather.testing import WebhookSigner, call_dtmf_received\n"
        "signer = WebhookSigner()\n"
        "body = call_dtmf_received(digit='5')\n"
        "event = WebhookVerifier(signer.public_key).unwrap(body, signer.sign(body))\n"
        "print(event.payload.digit)\n"
    )
    assert out.strip() == "5"


def test_import_telnyx_gather_does_not_import_testing() -> None:
    out = _run(
        "import sys, telnyx_gather\n"
        "telnyx_gather.WebhookVerifier\n"
        "print(sorted(m for m in sys.modules if m.startswith('telnyx_gather.testing')))\n"
    )
    assert out.strip() == "[]"
