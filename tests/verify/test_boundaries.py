"""Every limit at its edge, and the defaults, for both schemes.

Each verifier is built inside its test, so that the construction itself is
under test (and under mutation testing) rather than done once at import.
"""

from __future__ import annotations

import base64
from collections.abc import Callable

import pytest

from telnyx_gather import (
    StandardWebhookVerifier,
    WebhookConfigError,
    WebhookVerificationError,
    WebhookVerifier,
)
from telnyx_gather.testing import StandardWebhookSigner
from tests.verify._verify_support import NOW, SIGNER

HMAC_SIGNER = StandardWebhookSigner("whsec_" + base64.b64encode(b"b" * 32).decode())
ED_SIGNER = StandardWebhookSigner.ed25519(b"e" * 32)
DEFAULT_TOLERANCE = 300
DEFAULT_MAX_BODY = 1_048_576

Sign = Callable[[bytes, "int | str"], dict[str, str]]


def telnyx_sign(body: bytes, timestamp: int | str) -> dict[str, str]:
    return SIGNER.sign(body, timestamp=timestamp)


def standard_sign(body: bytes, timestamp: int | str) -> dict[str, str]:
    return HMAC_SIGNER.sign(body, msg_id="msg_1", timestamp=timestamp)


def build_telnyx(**options: float) -> WebhookVerifier:
    return WebhookVerifier(SIGNER.public_key, **options)  # type: ignore[arg-type]


def build_from_env(**options: float) -> WebhookVerifier:
    return WebhookVerifier.from_env(**options)  # type: ignore[arg-type]


def build_standard(**options: float) -> StandardWebhookVerifier:
    return StandardWebhookVerifier(HMAC_SIGNER.key, **options)  # type: ignore[arg-type]


SCHEMES = [
    pytest.param(build_telnyx, telnyx_sign, id="telnyx"),
    pytest.param(build_from_env, telnyx_sign, id="from-env"),
    pytest.param(build_standard, standard_sign, id="standard"),
]


@pytest.fixture(autouse=True)
def _public_key_in_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TELNYX_PUBLIC_KEY", SIGNER.public_key)


def reason(verify: Callable[[], None]) -> str:
    with pytest.raises(WebhookVerificationError) as info:
        verify()
    return info.value.reason


@pytest.mark.parametrize(("build", "sign"), SCHEMES)
def test_the_defaults_are_300_seconds_and_one_mebibyte(
    build: Callable[..., WebhookVerifier | StandardWebhookVerifier], sign: Sign
) -> None:
    verifier = build()
    assert (verifier.tolerance, verifier.max_body_bytes) == (DEFAULT_TOLERANCE, DEFAULT_MAX_BODY)
    body = b"x" * DEFAULT_MAX_BODY
    verifier.verify(body, sign(body, NOW - DEFAULT_TOLERANCE), now=NOW)
    verifier.verify(body, sign(body, NOW + DEFAULT_TOLERANCE), now=NOW)
    late = sign(body, NOW - DEFAULT_TOLERANCE - 1)
    assert reason(lambda: verifier.verify(body, late, now=NOW)) == "timestamp_out_of_tolerance"
    over = body + b"x"
    assert reason(lambda: verifier.verify(over, sign(over, NOW), now=NOW)) == "body_too_large"


@pytest.mark.parametrize(("build", "sign"), SCHEMES)
def test_a_float_tolerance_is_kept_exactly(
    build: Callable[..., WebhookVerifier | StandardWebhookVerifier], sign: Sign
) -> None:
    verifier = build(tolerance=2.5)
    assert verifier.tolerance == 2.5
    headers = sign(b"{}", NOW)
    verifier.verify(b"{}", headers, now=NOW + 2.5)
    verifier.verify(b"{}", headers, now=NOW - 2.5)
    late = reason(lambda: verifier.verify(b"{}", headers, now=NOW + 2.75))
    assert late == "timestamp_out_of_tolerance"


@pytest.mark.parametrize(("build", "sign"), SCHEMES)
def test_tolerance_zero_accepts_only_the_same_second(
    build: Callable[..., WebhookVerifier | StandardWebhookVerifier], sign: Sign
) -> None:
    verifier = build(tolerance=0)
    assert verifier.tolerance == 0
    verifier.verify(b"{}", sign(b"{}", NOW), now=NOW)
    for skew in (-1, 1):
        headers = sign(b"{}", NOW + skew)
        stale = reason(lambda: verifier.verify(b"{}", headers, now=NOW))  # noqa: B023
        assert stale == "timestamp_out_of_tolerance"


@pytest.mark.parametrize(("build", "sign"), SCHEMES)
def test_max_body_bytes_one_accepts_one_byte(
    build: Callable[..., WebhookVerifier | StandardWebhookVerifier], sign: Sign
) -> None:
    verifier = build(max_body_bytes=1)
    assert verifier.max_body_bytes == 1
    verifier.verify(b"x", sign(b"x", NOW), now=NOW)
    assert reason(lambda: verifier.verify(b"xy", sign(b"xy", NOW), now=NOW)) == "body_too_large"


@pytest.mark.parametrize(("build", "sign"), SCHEMES)
@pytest.mark.parametrize("options", [{"tolerance": -1e-9}, {"max_body_bytes": 0}])
def test_just_past_each_limit_is_a_config_error(
    build: Callable[..., WebhookVerifier | StandardWebhookVerifier],
    sign: Sign,
    options: dict[str, float],
) -> None:
    with pytest.raises(WebhookConfigError):
        build(**options)


def test_from_env_passes_max_body_bytes_through() -> None:
    verifier = WebhookVerifier.from_env(max_body_bytes=64)
    assert verifier.max_body_bytes == 64
    body = b"x" * 65
    assert reason(lambda: verifier.verify(body, telnyx_sign(body, NOW), now=NOW)) == (
        "body_too_large"
    )


@pytest.mark.parametrize(("build", "sign"), SCHEMES)
def test_an_18_digit_timestamp_is_read_and_19_digits_are_not(
    build: Callable[..., WebhookVerifier | StandardWebhookVerifier], sign: Sign
) -> None:
    verifier = build()
    for stamp, expected in [
        ("9" * 18, "timestamp_out_of_tolerance"),
        ("1" + "0" * 17, "timestamp_out_of_tolerance"),
        ("1" + "0" * 18, "malformed_header"),
        ("0", "timestamp_out_of_tolerance"),  # the one timestamp that may start with 0
        ("00", "malformed_header"),
    ]:
        headers = sign(b"{}", stamp)
        assert reason(lambda: verifier.verify(b"{}", headers, now=NOW)) == expected, stamp  # noqa: B023


@pytest.mark.parametrize("size", [24, 64])
def test_secrets_of_24_and_64_bytes_are_accepted(size: int) -> None:
    key = "whsec_" + base64.b64encode(bytes(range(size))).decode()
    StandardWebhookVerifier(key).verify(b"{}", StandardWebhookSigner(key).sign(b"{}"))


@pytest.mark.parametrize("size", [23, 65])
def test_secrets_of_23_and_65_bytes_are_refused(size: int) -> None:
    key = "whsec_" + base64.b64encode(bytes(size)).decode()
    with pytest.raises(WebhookConfigError, match="24 to 64 bytes"):
        StandardWebhookVerifier(key)


def _signature_header_of(length: int) -> dict[str, str]:
    headers = HMAC_SIGNER.sign(b"{}", msg_id="msg_1", timestamp=NOW)
    genuine = headers["webhook-signature"]
    filler = "x" * (length - len(genuine) - 1)  # one malformed entry, skipped
    return {**headers, "webhook-signature": f"{filler} {genuine}"}


def test_the_longest_signature_header_is_accepted_and_one_more_is_not() -> None:
    verifier = StandardWebhookVerifier(HMAC_SIGNER.key)
    longest = _signature_header_of(4096)
    assert len(longest["webhook-signature"]) == 4096
    verifier.verify(b"{}", longest, now=NOW)
    too_long = _signature_header_of(4097)
    assert reason(lambda: verifier.verify(b"{}", too_long, now=NOW)) == "malformed_header"


def test_the_longest_id_is_accepted_and_one_more_is_not() -> None:
    verifier = StandardWebhookVerifier(HMAC_SIGNER.key)
    verifier.verify(b"{}", HMAC_SIGNER.sign(b"{}", msg_id="m" * 4096, timestamp=NOW), now=NOW)
    headers = HMAC_SIGNER.sign(b"{}", msg_id="m" * 4097, timestamp=NOW)
    assert reason(lambda: verifier.verify(b"{}", headers, now=NOW)) == "malformed_header"


@pytest.mark.parametrize("version", ["v1", "v1a"])
def test_an_entry_of_any_length_is_rejected_cleanly(version: str) -> None:
    # A v1a signature that is not exactly 64 bytes would make PyNaCl raise
    # ValueError; a v1 that is not 32 bytes can never match. Neither may escape.
    verifier = StandardWebhookVerifier([HMAC_SIGNER.key, ED_SIGNER.key])
    headers = ED_SIGNER.sign(b"{}", msg_id="msg_1", timestamp=NOW)
    for size in range(130):
        entry = f"{version}," + base64.b64encode(bytes([size % 251]) * size).decode()
        forged = {**headers, "webhook-signature": entry}
        got = reason(lambda: verifier.verify(b"{}", forged, now=NOW))  # noqa: B023
        canonical = (version, size) in {("v1", 32), ("v1a", 64)}
        assert got == ("bad_signature" if canonical else "malformed_header"), (version, size)
        # Beside a genuine entry, a stray one of any length changes nothing.
        both = {**headers, "webhook-signature": f"{entry} {headers['webhook-signature']}"}
        verifier.verify(b"{}", both, now=NOW)


def test_skew_messages_say_which_way_and_hint_at_milliseconds() -> None:
    verifier = build_telnyx()
    old = reason_message(verifier, NOW - 1000)
    assert "old" in old
    assert "milliseconds" not in old
    ahead = reason_message(verifier, NOW + 1000)
    assert "in the future" in ahead
    assert "milliseconds" in reason_message(verifier, NOW * 1000)
    assert "milliseconds" in reason_message(verifier, 10**12)
    assert "milliseconds" not in reason_message(verifier, 10**12 - 1)


def reason_message(verifier: WebhookVerifier, timestamp: int) -> str:
    with pytest.raises(WebhookVerificationError) as info:
        verifier.verify(b"{}", telnyx_sign(b"{}", timestamp), now=NOW)
    assert info.value.reason == "timestamp_out_of_tolerance"
    return str(info.value)


def test_a_signing_key_is_refused_with_a_pointer_to_the_public_key() -> None:
    signing_key = "whsk_" + base64.b64encode(bytes(32)).decode()
    with pytest.raises(WebhookConfigError, match="whsk_ is a signing key; give the verifier"):
        StandardWebhookVerifier(signing_key)
