"""WebhookVerifier behaviour: keys and rotation, configuration errors, header forms, unwrap."""

from __future__ import annotations

import base64
import email.message
import re

import pytest

from telnyx_gather import (
    CallGatherEnded,
    StandardWebhookVerifier,
    TelnyxGatherError,
    WebhookParseError,
    WebhookVerificationError,
    WebhookVerifier,
)
from telnyx_gather.testing import StandardWebhookSigner, WebhookSigner
from telnyx_gather.verify import WebhookConfigError
from tests.verify._verify_support import BODY, NOW, OTHER_SIGNER, SIG, SIGNER, TS, VERIFIER, signed

RAW_KEY = base64.b64decode(SIGNER.public_key)


def reason_of(verifier: WebhookVerifier, body: object, headers: object, now: float = NOW) -> str:
    with pytest.raises(WebhookVerificationError) as info:
        verifier.verify(body, headers, now=now)  # type: ignore[arg-type]
    return info.value.reason


def test_unwrap_returns_the_typed_event() -> None:
    event = VERIFIER.unwrap(BODY, signed(), now=NOW)
    assert isinstance(event, CallGatherEnded)
    assert event.payload.digits == "1234"
    assert event.payload.to == "sip:zoë@example.com"


def test_verify_defaults_now_to_the_clock() -> None:
    fresh = SIGNER.sign(BODY)  # signed at the current time
    VERIFIER.verify(BODY, fresh)
    assert reason_of(VERIFIER, BODY, signed(timestamp=NOW), now=NOW + 10_000) == (
        "timestamp_out_of_tolerance"
    )


def test_a_nan_clock_fails_closed() -> None:
    for now in (float("nan"), float("inf"), float("-inf")):
        assert reason_of(VERIFIER, BODY, signed(), now=now) == "timestamp_out_of_tolerance"


def test_unwrap_of_a_signed_body_that_is_not_a_webhook_is_a_parse_error() -> None:
    for body in (b"not json", b'{"data": {}}', b"\xff\xfe", b'{"data": NaN}'):
        with pytest.raises(WebhookParseError):
            VERIFIER.unwrap(body, signed(body), now=NOW)


def test_unwrap_checks_the_signature_before_parsing() -> None:
    assert reason_of(VERIFIER, b"not json", signed(BODY)) == "bad_signature"
    with pytest.raises(WebhookVerificationError):
        VERIFIER.unwrap(b"not json", signed(BODY), now=NOW)


def test_errors_are_value_errors_in_the_library_tree() -> None:
    with pytest.raises(WebhookVerificationError) as info:
        VERIFIER.verify(BODY, {}, now=NOW)
    assert isinstance(info.value, ValueError)
    assert isinstance(info.value, TelnyxGatherError)
    assert issubclass(WebhookConfigError, ValueError)
    assert issubclass(WebhookConfigError, TelnyxGatherError)
    assert not issubclass(WebhookConfigError, WebhookVerificationError)


@pytest.mark.parametrize(
    "key",
    [
        SIGNER.public_key,
        RAW_KEY,
        bytearray(RAW_KEY),
        [SIGNER.public_key],
        (OTHER_SIGNER.public_key, RAW_KEY),
        [RAW_KEY, OTHER_SIGNER.public_key],
    ],
    ids=["base64", "raw", "bytearray", "list-of-one", "rotation-new-first", "rotation-old-first"],
)
def test_key_forms(key: str | bytes) -> None:
    WebhookVerifier(key).verify(BODY, signed(), now=NOW)


def test_rotation_accepts_either_key_and_nothing_else() -> None:
    rotating = WebhookVerifier([SIGNER.public_key, OTHER_SIGNER.public_key])
    rotating.verify(BODY, signed(), now=NOW)
    rotating.verify(BODY, OTHER_SIGNER.sign(BODY, timestamp=NOW), now=NOW)
    stranger = WebhookSigner(b"\x07" * 32).sign(BODY, timestamp=NOW)
    assert reason_of(rotating, BODY, stranger) == "bad_signature"


BAD_KEYS = [
    pytest.param("", "public_key", id="empty"),
    pytest.param(None, "no public key", id="none"),
    pytest.param([], "empty", id="empty-list"),
    pytest.param((), "empty", id="empty-tuple"),
    pytest.param(base64.b64encode(bytes(31)).decode(), "public_key", id="31-bytes-b64"),
    pytest.param(base64.b64encode(bytes(33)).decode(), "public_key", id="33-bytes-b64"),
    pytest.param(bytes(31), "public_key", id="31-raw-bytes"),
    pytest.param(SIGNER.public_key.encode(), "public_key", id="base64-text-as-bytes"),
    pytest.param("not base64 at all!", "public_key", id="not-base64"),
    pytest.param(SIGNER.public_key.rstrip("="), "public_key", id="no-padding"),
    pytest.param(SIGNER.public_key + "\n", "public_key", id="trailing-newline"),
    pytest.param(RAW_KEY.hex(), "public_key", id="hex"),
    pytest.param([SIGNER.public_key, "bad"], r"public_key\[1\]", id="bad-second-in-list"),
    pytest.param(12345, "not int", id="int"),
    pytest.param([12345], "not int", id="int-in-list"),
    pytest.param("whpk_" + SIGNER.public_key, "public_key", id="standard-prefix"),
]


@pytest.mark.parametrize(("key", "message"), BAD_KEYS)
def test_bad_keys_fail_at_construction(key: object, message: str) -> None:
    with pytest.raises(WebhookConfigError, match=message) as info:
        WebhookVerifier(key)  # type: ignore[arg-type]
    assert SIGNER.public_key not in str(info.value)


BAD_STANDARD_KEYS = [
    pytest.param("", id="empty"),
    pytest.param([], id="empty-list"),
    pytest.param(SIGNER.public_key, id="no-prefix"),
    pytest.param("whsec_", id="empty-secret"),
    pytest.param("whsec_" + base64.b64encode(bytes(16)).decode(), id="secret-too-short"),
    pytest.param("whsec_" + base64.b64encode(bytes(65)).decode(), id="secret-too-long"),
    pytest.param("whsec_not base64!", id="secret-not-base64"),
    pytest.param("whpk_" + base64.b64encode(bytes(31)).decode(), id="public-key-31-bytes"),
    pytest.param("whsk_" + base64.b64encode(bytes(32)).decode(), id="signing-key"),
    pytest.param(RAW_KEY, id="raw-bytes"),
    pytest.param(["whsec_" + base64.b64encode(bytes(32)).decode(), None], id="none-in-list"),
]


@pytest.mark.parametrize("key", BAD_STANDARD_KEYS)
def test_bad_standard_keys_fail_at_construction(key: object) -> None:
    with pytest.raises(WebhookConfigError) as info:
        StandardWebhookVerifier(key)  # type: ignore[arg-type]
    assert "AAAAAAAA" not in str(info.value)  # no key material in the message


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"tolerance": -1}, "tolerance"),
        ({"tolerance": float("nan")}, "tolerance"),
        ({"tolerance": float("inf")}, "tolerance"),
        ({"tolerance": True}, "tolerance"),
        ({"tolerance": "300"}, "tolerance"),
        ({"max_body_bytes": 0}, "max_body_bytes"),
        ({"max_body_bytes": 1.5}, "max_body_bytes"),
        ({"max_body_bytes": False}, "max_body_bytes"),
    ],
)
def test_bad_limits_fail_at_construction(options: dict[str, object], message: str) -> None:
    with pytest.raises(WebhookConfigError, match=message):
        WebhookVerifier(SIGNER.public_key, **options)  # type: ignore[arg-type]
    with pytest.raises(WebhookConfigError, match=message):
        StandardWebhookVerifier(StandardWebhookSigner().key, **options)  # type: ignore[arg-type]


def test_limits_are_exposed() -> None:
    verifier = WebhookVerifier(SIGNER.public_key, tolerance=10, max_body_bytes=2048)
    assert (verifier.tolerance, verifier.max_body_bytes) == (10, 2048)
    assert (VERIFIER.tolerance, VERIFIER.max_body_bytes) == (300, 1_048_576)
    verifier.verify(BODY, signed(timestamp=NOW - 10), now=NOW)
    assert reason_of(verifier, BODY, signed(timestamp=NOW - 11)) == "timestamp_out_of_tolerance"


def test_from_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TELNYX_PUBLIC_KEY", SIGNER.public_key + "\n")
    WebhookVerifier.from_env().verify(BODY, signed(), now=NOW)
    monkeypatch.setenv("TELNYX_PUBLIC_KEY", f"{OTHER_SIGNER.public_key}, {SIGNER.public_key}")
    verifier = WebhookVerifier.from_env(tolerance=5)
    verifier.verify(BODY, signed(), now=NOW)
    verifier.verify(BODY, OTHER_SIGNER.sign(BODY, timestamp=NOW), now=NOW)
    assert verifier.tolerance == 5


@pytest.mark.parametrize("value", [None, "", " \n", "bad-key"])
def test_from_env_fails_clearly(monkeypatch: pytest.MonkeyPatch, value: str | None) -> None:
    if value is None:
        monkeypatch.delenv("TELNYX_PUBLIC_KEY", raising=False)
    else:
        monkeypatch.setenv("TELNYX_PUBLIC_KEY", value)
    with pytest.raises(WebhookConfigError, match=r"TELNYX_PUBLIC_KEY|public_key"):
        WebhookVerifier.from_env()


def test_http_message_headers_are_read_with_duplicates() -> None:
    message = email.message.Message()
    for name, value in signed().items():
        message[name] = value
    VERIFIER.verify(BODY, message, now=NOW)  # type: ignore[arg-type]
    message["Telnyx-Timestamp"] = str(NOW)
    assert reason_of(VERIFIER, BODY, message) == "ambiguous_header"


def test_unrelated_headers_are_not_inspected() -> None:
    headers: list[tuple[object, object]] = [
        (b"\xff\xfe", b"\x00"),
        (42, None),
        ("x-huge", "y" * 1_000_000),
        ("content-type", 3.5),
        *signed().items(),
    ]
    VERIFIER.verify(BODY, headers, now=NOW)  # type: ignore[arg-type]


CONTROL = re.compile(r"[\x00-\x1f\x7f-\uffff]")


@pytest.mark.parametrize(
    "headers",
    [
        {SIG: "x", TS: "1700000000\nCRITICAL forged log line"},
        {SIG: "x", TS: "1700000000\r\n\x1b[31mred"},
        {SIG: "AAAA\nforged\u2028line\x85", TS: str(NOW)},
        {SIG: "x" * 100_000, TS: str(NOW)},
        {SIG: b"\n\r\x1b\xff" * 100, TS: b"\n1"},
    ],
)
def test_error_messages_never_carry_raw_control_characters(headers: dict[str, object]) -> None:
    with pytest.raises(WebhookVerificationError) as info:
        VERIFIER.verify(BODY, headers, now=NOW)  # type: ignore[arg-type]
    message = str(info.value)
    assert info.value.reason == "malformed_header"
    assert not CONTROL.search(message), message
    assert len(message) < 300


def test_standard_error_messages_never_carry_raw_control_characters() -> None:
    signer = StandardWebhookSigner()
    verifier = StandardWebhookVerifier(signer.key)
    headers = {**signer.sign(BODY, timestamp=NOW), "webhook-id": "msg\n\x1b[2Jforged"}
    with pytest.raises(WebhookVerificationError) as info:
        verifier.verify(BODY, headers, now=NOW)
    assert "\n" not in str(info.value)
    assert "\x1b" not in str(info.value)
    headers = {**signer.sign(BODY, timestamp=NOW), "webhook-signature": "v1,\n" * 50}
    with pytest.raises(WebhookVerificationError) as info:
        verifier.verify(BODY, headers, now=NOW)
    assert not CONTROL.search(str(info.value))
