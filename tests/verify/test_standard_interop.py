"""Interop with the Standard Webhooks reference libraries, case by case from their own suites.

Each case below restates one from the reference test suites (Python,
JavaScript, Go, Rust, Java, C#, PHP, Ruby). What a reference sender sends
verifies here; what the references reject is rejected here, with a reason.
Where a reference verifier is laxer about its *own configuration* (a bare
secret without `whsec_`, unpadded base64, a secret shorter than the
specification's 24 bytes), this library refuses to be built with a clear
`WebhookConfigError` instead: strictness that costs no sender anything.
"""

from __future__ import annotations

import base64
import hashlib
import hmac

import pytest

from telnyx_gather import (
    StandardWebhookVerifier,
    WebhookConfigError,
    WebhookParseError,
    WebhookVerificationError,
)
from telnyx_gather.testing import StandardWebhookSigner

MSG_ID = "msg_p5jXN8AQM9LWM0D4loKWxJek"
PAYLOAD = '{"test": 2432232314}'
SECRET = "MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
NOW = 1_700_000_000
TOLERANCE = 300


def reference_signature(secret: str, msg_id: str, timestamp: int, payload: str) -> str:
    """Sign as the reference senders do: HMAC-SHA256 over `id.timestamp.payload` in UTF-8."""
    to_sign = f"{msg_id}.{timestamp}.{payload}".encode()
    digest = hmac.new(base64.b64decode(secret), to_sign, hashlib.sha256).digest()
    return "v1," + base64.b64encode(digest).decode()


def reference_headers(
    timestamp: int = NOW, msg_id: str = MSG_ID, secret: str = SECRET, payload: str = PAYLOAD
) -> dict[str, str]:
    return {
        "webhook-id": msg_id,
        "webhook-signature": reference_signature(secret, msg_id, timestamp, payload),
        "webhook-timestamp": str(timestamp),
    }


def verifier(secret: str = SECRET) -> StandardWebhookVerifier:
    return StandardWebhookVerifier("whsec_" + secret, tolerance=TOLERANCE)


def rejection(headers: dict[str, str], payload: str = PAYLOAD, now: float = NOW) -> str:
    with pytest.raises(WebhookVerificationError) as info:
        verifier().verify(payload.encode(), headers, now=now)
    return info.value.reason


def without(name: str) -> dict[str, str]:
    return {k: v for k, v in reference_headers().items() if k != name}


def with_signature(value: str) -> dict[str, str]:
    return {**reference_headers(), "webhook-signature": value}


# --- what a reference sender sends must verify ------------------------------


def test_valid_signature_is_valid() -> None:
    verifier().verify(PAYLOAD.encode(), reference_headers(), now=NOW)
    verifier().verify(PAYLOAD, reference_headers(), now=NOW)  # the payload as text, too


def test_header_names_in_any_case() -> None:
    headers = reference_headers()
    mixed = {
        "Webhook-Id": headers["webhook-id"],
        "WEBHOOK-TIMESTAMP": headers["webhook-timestamp"],
        "webhook-SIGNATURE": headers["webhook-signature"],
    }
    verifier().verify(PAYLOAD.encode(), mixed, now=NOW)


BOGUS = "Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc="


def test_multi_signature_header_with_one_valid_entry() -> None:
    genuine = reference_headers()["webhook-signature"]
    header = f"v1,{BOGUS} v2,{BOGUS} {genuine} v1,{BOGUS}"
    verifier().verify(PAYLOAD.encode(), with_signature(header), now=NOW)


RUST_SECRET = "C2FVsBQIhrscChlQIMV+b5sSYspob7oD"
RUST_ID = "msg_27UH4WbU6Z5A5EzD8u03UvzRbpk"
RUST_PAYLOAD = '{"email":"test@example.com","username":"test_user"}'
RUST_OTHERS = [
    "v1,tFtCZ5RDCPxzWQRWXWPgrCgE2frDBe9gjpbWQxnVfsQ=",
    "v1,Mm7xgUVICxZfQ3bgf0h0Dof65L/IFx+PnZvnDWPCX6Q=",
    "v1,9DfC1c3eeOrXB6w/5dIDydLNQaEyww5KalE5jLBZucE=",
]


def test_rust_known_signature_and_its_multi_signature_cases() -> None:
    expected = "v1,tZ1I4/hDygAJgO5TYxiSd6Sd0kDW6hPenDe+bTa3Kkw="
    assert reference_signature(RUST_SECRET, RUST_ID, 1649367553, RUST_PAYLOAD) == expected
    signer = StandardWebhookSigner("whsec_" + RUST_SECRET)
    signed = signer.sign(RUST_PAYLOAD, msg_id=RUST_ID, timestamp=1649367553)
    assert signed["webhook-signature"] == expected
    rust = verifier(RUST_SECRET)
    headers = {"webhook-id": RUST_ID, "webhook-timestamp": "1649367553"}
    everything = " ".join([*RUST_OTHERS[:2], expected, RUST_OTHERS[2]])
    rust.verify(RUST_PAYLOAD, {**headers, "webhook-signature": everything}, now=1649367553)
    with pytest.raises(WebhookVerificationError) as info:
        rust.verify(
            RUST_PAYLOAD, {**headers, "webhook-signature": " ".join(RUST_OTHERS)}, now=1649367553
        )
    assert info.value.reason == "bad_signature"


def test_empty_payload_verifies_and_then_is_not_an_event() -> None:
    headers = reference_headers(payload="")
    verifier().verify(b"", headers, now=NOW)
    with pytest.raises(WebhookParseError):
        verifier().unwrap(b"", headers, now=NOW)


@pytest.mark.parametrize(
    "msg_id",
    [
        pytest.param("msg.1", id="dot"),
        pytest.param("evt.1700000000.retry", id="dots-and-digits"),
        pytest.param("msg,1", id="comma"),
        pytest.param("msg 1", id="space"),
        pytest.param("msg_é_日本", id="non-ascii"),
        pytest.param("1f81eb52-5198-4599-803e-771906343485", id="uuid"),
        pytest.param("x", id="one-char"),
        pytest.param("m" * 4096, id="4096-chars"),
    ],
)
def test_any_webhook_id_a_sender_chooses_verifies(msg_id: str) -> None:
    verifier().verify(PAYLOAD, reference_headers(msg_id=msg_id), now=NOW)


def test_a_dotted_id_cannot_shift_the_timestamp_and_body_apart() -> None:
    # A sender signed id "a.1700000000" with body B; cutting the id at its dot
    # and moving the rest into the body signs the same bytes but is not the
    # same delivery, and the body it leaves is not JSON, so unwrap refuses it.
    headers = reference_headers(msg_id=f"a.{NOW}")
    verifier().verify(PAYLOAD, headers, now=NOW)
    moved = {**headers, "webhook-id": "a"}
    shifted_body = f"{NOW}.{PAYLOAD}"
    verifier().verify(shifted_body, moved, now=NOW)  # the same signed bytes
    with pytest.raises(WebhookParseError):
        verifier().unwrap(shifted_body, moved, now=NOW)


# --- what the references reject is rejected ----------------------------------


@pytest.mark.parametrize("name", ["webhook-id", "webhook-timestamp", "webhook-signature"])
def test_a_missing_header_is_rejected(name: str) -> None:
    assert rejection(without(name)) == "missing_header"


def test_an_invalid_timestamp_is_rejected() -> None:
    assert rejection({**reference_headers(), "webhook-timestamp": "hello"}) == "malformed_header"
    assert rejection({**reference_headers(), "webhook-timestamp": "teadwd"}) == "malformed_header"


@pytest.mark.parametrize(
    ("signature", "reason"),
    [
        ("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OA=", "bad_signature"),  # Python
        (f"v1,{BOGUS}", "bad_signature"),  # Go, Java
        ("v1,R3PTzyfHASBKHH98a7yexTwaJ4yNIcGhFQc1yuN+BPU=", "bad_signature"),  # Rust
        ("v1,dawfeoifkpqwoekfpqoekf", "malformed_header"),  # JavaScript, PHP
        ("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLawdd", "malformed_header"),  # C#, Ruby
        ("v2,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", "malformed_header"),  # Java
        ("invalid_signature", "malformed_header"),  # Java
        ("v1,invalid_signature", "malformed_header"),  # Java
        ("v1,", "malformed_header"),  # JavaScript, Go, Rust: partial
    ],
)
def test_an_invalid_signature_is_rejected(signature: str, reason: str) -> None:
    assert rejection(with_signature(signature)) == reason


def test_a_partial_signature_is_rejected() -> None:
    partial = reference_headers()["webhook-signature"][:8]
    assert rejection(with_signature(partial)) == "malformed_header"


@pytest.mark.parametrize("offset", [-(TOLERANCE + 1), TOLERANCE + 1])
def test_a_timestamp_outside_the_tolerance_is_rejected(offset: int) -> None:
    headers = reference_headers(timestamp=NOW + offset)
    assert rejection(headers) == "timestamp_out_of_tolerance"


def test_go_old_timestamp_exactly_tolerance_behind_a_clock_with_a_fraction() -> None:
    # Go signs at now - tolerance, truncated to whole seconds, then verifies a
    # moment later: the skew is just over the tolerance.
    headers = reference_headers(timestamp=NOW - TOLERANCE)
    assert rejection(headers, now=NOW + 0.25) == "timestamp_out_of_tolerance"
    verifier().verify(PAYLOAD, headers, now=NOW)  # exactly the tolerance is accepted


# --- our configuration is stricter than the references', and says so ----------


@pytest.mark.parametrize(
    ("key", "message"),
    [
        pytest.param(SECRET, "whsec_", id="bare-secret-without-prefix"),
        pytest.param("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaS", "padded", id="unpadded-one"),
        pytest.param("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSwBr", "padded", id="unpadded-two"),
        pytest.param("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaS=", "24 to 64", id="23-bytes"),
        # The references' third secret, padded: its last character sets padding bits.
        pytest.param("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSwBr==", "canonical", id="stray-bits"),
        pytest.param("", "whsec_", id="empty"),
        pytest.param("whsec_", "24 to 64", id="empty-after-prefix"),
    ],
)
def test_lax_reference_configuration_is_refused_clearly(key: str, message: str) -> None:
    with pytest.raises(WebhookConfigError, match=message):
        StandardWebhookVerifier(key)


@pytest.mark.parametrize("size", [24, 25, 32, 64])
def test_canonical_secrets_of_every_allowed_size_work(size: int) -> None:
    secret = base64.b64encode(bytes(range(size))).decode()
    verifier(secret).verify(PAYLOAD, reference_headers(secret=secret), now=NOW)
