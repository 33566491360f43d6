"""StandardWebhookVerifier: v1 HMAC and v1a ed25519 entries, rotation, and hostile headers."""

from __future__ import annotations

import base64
import hashlib
import hmac

import pytest

from telnyx_gather import StandardWebhookVerifier, WebhookVerificationError
from telnyx_gather.events import CallGatherEnded
from telnyx_gather.testing import StandardWebhookSigner
from tests.verify._verify_support import BODY

NOW = 1_700_000_000
HMAC_SIGNER = StandardWebhookSigner("whsec_" + base64.b64encode(b"k" * 32).decode())
OLD_HMAC_SIGNER = StandardWebhookSigner("whsec_" + base64.b64encode(b"o" * 24).decode())
ED_SIGNER = StandardWebhookSigner.ed25519(b"s" * 32)
OTHER_ED_SIGNER = StandardWebhookSigner.ed25519(b"t" * 32)
VERIFIER = StandardWebhookVerifier([HMAC_SIGNER.key, ED_SIGNER.key])


def sign(signer: StandardWebhookSigner = HMAC_SIGNER) -> dict[str, str]:
    return signer.sign(BODY, msg_id="msg_1", timestamp=NOW)


def sign_id(msg_id: str) -> dict[str, str]:
    return HMAC_SIGNER.sign(BODY, msg_id=msg_id, timestamp=NOW)


def entry(signer: StandardWebhookSigner) -> str:
    return sign(signer)["webhook-signature"]


def with_signature(value: str) -> dict[str, str]:
    return {**sign(), "webhook-signature": value}


def test_v1_and_v1a_both_verify_and_unwrap() -> None:
    for signer in (HMAC_SIGNER, ED_SIGNER):
        event = VERIFIER.unwrap(BODY, sign(signer), now=NOW)
        assert isinstance(event, CallGatherEnded)
        assert event.id == "0ccc7b54-4df3-4bca-a65a-3da1ecc777f0"


def test_any_valid_entry_passes_during_rotation() -> None:
    verifier = StandardWebhookVerifier(OLD_HMAC_SIGNER.key)
    both = f"{entry(HMAC_SIGNER)} {entry(OLD_HMAC_SIGNER)}"
    verifier.verify(BODY, with_signature(both), now=NOW)
    # Keys rotate on the verifier side too: a list accepts either secret.
    rotating = StandardWebhookVerifier([HMAC_SIGNER.key, OLD_HMAC_SIGNER.key])
    rotating.verify(BODY, sign(OLD_HMAC_SIGNER), now=NOW)
    rotating.verify(BODY, sign(HMAC_SIGNER), now=NOW)


def test_whpk_verifier_never_accepts_hmac_keyed_with_the_public_key() -> None:
    public = base64.b64decode(ED_SIGNER.key.removeprefix("whpk_"))
    signed = f"msg_1.{NOW}.".encode() + BODY
    forged = "v1," + base64.b64encode(hmac.new(public, signed, hashlib.sha256).digest()).decode()
    verifier = StandardWebhookVerifier(ED_SIGNER.key)
    with pytest.raises(WebhookVerificationError) as info:
        verifier.verify(BODY, with_signature(forged), now=NOW)
    assert info.value.reason == "bad_signature"
    # The same forgery with the key text itself as the secret fails too.
    text_keyed = hmac.new(ED_SIGNER.key.encode(), signed, hashlib.sha256).digest()
    with pytest.raises(WebhookVerificationError):
        verifier.verify(
            BODY, with_signature("v1," + base64.b64encode(text_keyed).decode()), now=NOW
        )


def test_hmac_only_verifier_ignores_v1a_entries() -> None:
    verifier = StandardWebhookVerifier(HMAC_SIGNER.key)
    with pytest.raises(WebhookVerificationError) as info:
        verifier.verify(BODY, sign(ED_SIGNER), now=NOW)
    assert info.value.reason == "bad_signature"


GOOD_V1 = entry(HMAC_SIGNER)
GOOD_V1A = entry(ED_SIGNER)
assert "+" in GOOD_V1 or "/" in GOOD_V1, "the URL-safe case needs a '+' or '/' to change"

CASES = [
    pytest.param(with_signature(f"v1,{'A' * 43}= {GOOD_V1}"), None, id="malformed-entry-skipped"),
    pytest.param(with_signature(f"v2,abc {GOOD_V1A}"), None, id="unknown-version-skipped"),
    pytest.param(with_signature(f"{GOOD_V1}  {GOOD_V1A}"), None, id="double-space"),
    pytest.param(with_signature(f"{entry(OTHER_ED_SIGNER)} {GOOD_V1A}"), None, id="second-valid"),
    pytest.param(with_signature("v1,abc v1a,def"), "malformed_header", id="all-malformed"),
    pytest.param(with_signature(GOOD_V1.replace(",", "=")), "malformed_header", id="no-comma"),
    pytest.param(with_signature(GOOD_V1.rstrip("=")), "malformed_header", id="v1-no-padding"),
    pytest.param(
        with_signature(GOOD_V1.replace("+", "-").replace("/", "_")),
        "malformed_header",
        id="url-safe",
    ),
    pytest.param(with_signature(f"{GOOD_V1}\t{GOOD_V1A}"), "malformed_header", id="tab-separated"),
    pytest.param(
        with_signature(GOOD_V1A.replace("v1a,", "v1,")), "malformed_header", id="v1a-as-v1"
    ),
    pytest.param(with_signature(" ".join([GOOD_V1] * 200)), "malformed_header", id="huge-header"),
    pytest.param(sign(OTHER_ED_SIGNER), "bad_signature", id="unknown-key"),
    pytest.param({**sign(), "webhook-id": "msg_2"}, "bad_signature", id="id-changed"),
    pytest.param({**sign(), "webhook-id": "msg.1"}, "bad_signature", id="id-changed-to-dotted"),
    pytest.param(sign_id("msg.1"), None, id="id-with-dot"),
    pytest.param(sign_id("msg.1700000000"), None, id="id-with-dot-and-digits"),
    pytest.param(sign_id("msg_é"), None, id="id-non-ascii-signed-as-utf8"),
    pytest.param(sign_id("msg id, with \t and ;"), None, id="id-with-separators"),
    pytest.param({**sign(), "webhook-id": "msg_é"}, "bad_signature", id="id-non-ascii-unsigned"),
    pytest.param({**sign(), "webhook-id": "msg_\ud800"}, "bad_signature", id="id-lone-surrogate"),
    pytest.param(sign_id("m" * 4096), None, id="id-longest"),
    pytest.param({**sign(), "webhook-id": "m" * 4097}, "malformed_header", id="id-too-long"),
    pytest.param({**sign(), "webhook-id": ""}, "missing_header", id="id-empty"),
    pytest.param(
        {k: v for k, v in sign().items() if k != "webhook-id"}, "missing_header", id="no-id"
    ),
    pytest.param({**sign(), "webhook-timestamp": "0" + str(NOW)}, "malformed_header", id="ts-0"),
    pytest.param(
        {**sign(), "webhook-timestamp": str(NOW + 301)},
        "timestamp_out_of_tolerance",
        id="ts-ahead",
    ),
    pytest.param(
        {**sign(), "Webhook-Signature": GOOD_V1A}, "ambiguous_header", id="signature-twice"
    ),
    pytest.param(
        {**sign(), "webhoo\u212a-id": "msg_1"},  # KELVIN SIGN lower-cases to 'k'
        None,
        id="kelvin-sign-name-is-not-the-header",
    ),
]


@pytest.mark.parametrize(("headers", "reason"), CASES)
def test_hostile_standard_delivery(headers: dict[str, str], reason: str | None) -> None:
    if reason is None:
        VERIFIER.verify(BODY, headers, now=NOW)
        return
    with pytest.raises(WebhookVerificationError) as info:
        VERIFIER.verify(BODY, headers, now=NOW)
    assert info.value.reason == reason, str(info.value)


def test_body_size_is_checked_before_anything_else() -> None:
    verifier = StandardWebhookVerifier(HMAC_SIGNER.key, max_body_bytes=10)
    with pytest.raises(WebhookVerificationError) as info:
        verifier.verify(BODY, {}, now=NOW)
    assert info.value.reason == "body_too_large"
