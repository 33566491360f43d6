"""A table of hostile and edge-case Telnyx deliveries, each with the exact outcome expected.

`None` as the expected reason means the delivery must be accepted.
"""

from __future__ import annotations

import base64
import json
import unicodedata
from array import array

import pytest

from telnyx_gather import WebhookVerificationError
from telnyx_gather.verify import WebhookVerifier
from tests.verify._verify_support import BODY, NOW, OTHER_SIGNER, SIG, SIGNER, TS, VERIFIER, signed

GOOD = signed()
GOOD_SIG = GOOD[SIG]
B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"


def _with_plus_or_slash() -> tuple[int, str]:
    # The first timestamp near NOW whose signature uses '+' or '/', so that
    # the URL-safe alphabet really changes it.
    for offset in range(100):
        sig = signed(timestamp=NOW - offset)[SIG]
        if "+" in sig or "/" in sig:
            return NOW - offset, sig
    raise AssertionError("no signature with '+' or '/' found")


URLSAFE_TS, URLSAFE_SIG = _with_plus_or_slash()


def _padding_bits_set(sig: str) -> str:
    # The last data character before '==' carries 4 zero bits; setting one
    # keeps the decoded bytes the same under a lenient decoder.
    last = B64.index(sig[85])
    assert last % 16 != 15
    return sig[:85] + B64[last + 1] + "=="


def _released_view() -> memoryview:
    view = memoryview(BODY)
    view.release()
    return view


NFC_BODY = BODY.replace(b"zo\xc3\xab", "zoë".encode())  # already NFC; made explicit
NFD_BODY = unicodedata.normalize("NFD", NFC_BODY.decode()).encode()
NON_UTF8_BODY = BODY.replace(b"zo\xc3\xab", b"zo\xeb")  # Latin-1 bytes, signed as they are
INT_ARRAY = array("i", [1, 2, 3, 4])
ARABIC_INDIC = "".join(chr(0x0660 + int(d)) for d in str(NOW))  # str.isdigit() is True
FULLWIDTH = "".join(chr(0xFF10 + int(d)) for d in str(NOW))
CAP = 1_048_576


def h(**headers: object) -> dict[str, object]:
    """Headers with SIG and TS named by keyword: h(sig=..., ts=...)."""
    names = {"sig": SIG, "ts": TS}
    return {names.get(k, k): v for k, v in headers.items()}


CASES = [
    # --- headers ---
    pytest.param(BODY, {}, None, "missing_header", id="no-headers"),
    pytest.param(BODY, h(ts=str(NOW)), None, "missing_header", id="missing-signature"),
    pytest.param(BODY, h(sig=GOOD_SIG), None, "missing_header", id="missing-timestamp"),
    pytest.param(BODY, h(sig="", ts=str(NOW)), None, "missing_header", id="empty-signature"),
    pytest.param(BODY, h(sig=GOOD_SIG, ts=""), None, "missing_header", id="empty-timestamp"),
    pytest.param(BODY, h(sig=GOOD_SIG, ts=b""), None, "missing_header", id="empty-bytes-timestamp"),
    pytest.param(
        BODY,
        {SIG: GOOD_SIG, TS: str(NOW), "Telnyx-Timestamp": str(NOW)},
        None,
        "ambiguous_header",
        id="timestamp-twice-different-case",
    ),
    pytest.param(
        BODY,
        {SIG: GOOD_SIG, "TELNYX-SIGNATURE-ED25519": GOOD_SIG, TS: str(NOW)},
        None,
        "ambiguous_header",
        id="signature-twice-different-case",
    ),
    pytest.param(
        BODY,
        [(SIG, GOOD_SIG), (TS, str(NOW)), (TS, str(NOW - 1))],
        None,
        "ambiguous_header",
        id="timestamp-twice-as-pairs",
    ),
    pytest.param(
        BODY,
        [(SIG, OTHER_SIGNER.sign(BODY, timestamp=NOW)[SIG]), (TS, str(NOW)), (SIG, GOOD_SIG)],
        None,
        "ambiguous_header",
        id="signature-twice-as-pairs-valid-one-last",
    ),
    pytest.param(
        BODY,
        [(SIG.encode(), GOOD_SIG.encode()), (b"Telnyx-Signature-Ed25519", GOOD_SIG.encode())],
        None,
        "ambiguous_header",
        id="signature-twice-as-asgi-bytes",
    ),
    pytest.param(
        BODY,
        {"Telnyx-Signature-ED25519": GOOD_SIG, "TELNYX-timestamp": str(NOW)},
        None,
        None,
        id="names-in-mixed-case",
    ),
    pytest.param(
        BODY,
        [(SIG.upper().encode(), GOOD_SIG.encode()), (b"Telnyx-Timestamp", str(NOW).encode())],
        None,
        None,
        id="asgi-bytes-pairs",
    ),
    pytest.param(
        BODY,
        [[SIG, GOOD_SIG], [TS, str(NOW)]],
        None,
        None,
        id="pairs-as-lists",
    ),
    pytest.param(
        BODY,
        {b"telnyx-timest\xe4mp": str(NOW), SIG: GOOD_SIG},
        None,
        "missing_header",
        id="non-ascii-bytes-name-is-not-the-header",
    ),
    pytest.param(BODY, h(sig=GOOD_SIG, ts=NOW), None, "malformed_header", id="int-value"),
    pytest.param(BODY, h(sig=None, ts=str(NOW)), None, "malformed_header", id="none-value"),
    pytest.param(BODY, f"{SIG}: {GOOD_SIG}", None, "malformed_header", id="headers-as-str"),
    pytest.param(BODY, None, None, "malformed_header", id="headers-none"),
    pytest.param(BODY, [(SIG, GOOD_SIG, "x")], None, "malformed_header", id="triple-not-pair"),
    pytest.param(BODY, [SIG, TS], None, "malformed_header", id="names-not-pairs"),
    # --- timestamps (each one signed as sent, so only its format can fail) ---
    pytest.param(BODY, signed(timestamp="17e8"), None, "malformed_header", id="ts-not-digits"),
    pytest.param(BODY, signed(timestamp="+1700000000"), None, "malformed_header", id="ts-plus"),
    pytest.param(BODY, signed(timestamp="-1700000000"), None, "malformed_header", id="ts-minus"),
    pytest.param(BODY, signed(timestamp=" 1700000000"), None, "malformed_header", id="ts-space"),
    pytest.param(BODY, signed(timestamp="1700000000\n"), None, "malformed_header", id="ts-newline"),
    pytest.param(BODY, signed(timestamp="01700000000"), None, "malformed_header", id="ts-zero-pad"),
    pytest.param(BODY, signed(timestamp="1_700_000_000"), None, "malformed_header", id="ts-under"),
    pytest.param(BODY, signed(timestamp="1700000000.0"), None, "malformed_header", id="ts-float"),
    pytest.param(
        BODY, signed(timestamp=ARABIC_INDIC), None, "malformed_header", id="ts-arabic-indic"
    ),
    pytest.param(BODY, signed(timestamp=FULLWIDTH), None, "malformed_header", id="ts-fullwidth"),
    pytest.param(BODY, signed(timestamp="9" * 5000), None, "malformed_header", id="ts-5000-digits"),
    pytest.param(
        BODY,
        signed(timestamp=NOW * 1000),
        None,
        "timestamp_out_of_tolerance",
        id="ts-milliseconds",
    ),
    pytest.param(
        BODY, signed(timestamp=NOW - 301), None, "timestamp_out_of_tolerance", id="ts-301s-old"
    ),
    pytest.param(
        BODY, signed(timestamp=NOW + 301), None, "timestamp_out_of_tolerance", id="ts-301s-ahead"
    ),
    pytest.param(BODY, signed(timestamp=NOW - 300), None, None, id="ts-boundary-300s-old"),
    pytest.param(BODY, signed(timestamp=NOW + 300), None, None, id="ts-boundary-300s-ahead"),
    pytest.param(
        BODY,
        signed(),
        WebhookVerifier(SIGNER.public_key, tolerance=0),
        None,
        id="tolerance-0-exact",
    ),
    pytest.param(
        BODY,
        signed(timestamp=NOW - 1),
        WebhookVerifier(SIGNER.public_key, tolerance=0),
        "timestamp_out_of_tolerance",
        id="tolerance-0-one-second-off",
    ),
    # --- signatures ---
    pytest.param(
        BODY, h(sig=GOOD_SIG.rstrip("="), ts=str(NOW)), None, "malformed_header", id="no-padding"
    ),
    pytest.param(
        BODY,
        h(sig=GOOD_SIG[:40] + " " + GOOD_SIG[40:], ts=str(NOW)),
        None,
        "malformed_header",
        id="sig-inner-space",
    ),
    pytest.param(
        BODY, h(sig=GOOD_SIG + "\n", ts=str(NOW)), None, "malformed_header", id="sig-newline"
    ),
    pytest.param(
        BODY, h(sig=" " + GOOD_SIG, ts=str(NOW)), None, "malformed_header", id="sig-leading-space"
    ),
    pytest.param(
        BODY,
        h(sig=GOOD_SIG[:10] + "!" + GOOD_SIG[11:], ts=str(NOW)),
        None,
        "malformed_header",
        id="sig-char-outside-alphabet",
    ),
    pytest.param(
        BODY,
        h(sig=URLSAFE_SIG.replace("+", "-").replace("/", "_"), ts=str(URLSAFE_TS)),
        None,
        "malformed_header",
        id="sig-url-safe-alphabet",
    ),
    pytest.param(
        BODY, h(sig=GOOD_SIG + "AAAA", ts=str(NOW)), None, "malformed_header", id="sig-trailing"
    ),
    pytest.param(
        BODY,
        h(sig=base64.b64encode(bytes(32)).decode(), ts=str(NOW)),
        None,
        "malformed_header",
        id="sig-32-bytes",
    ),
    pytest.param(
        BODY,
        h(sig=base64.b64encode(base64.b64decode(GOOD_SIG) + b"\0").decode(), ts=str(NOW)),
        None,
        "malformed_header",
        id="sig-65-bytes",
    ),
    pytest.param(
        BODY,
        h(sig=_padding_bits_set(GOOD_SIG), ts=str(NOW)),
        None,
        "malformed_header",
        id="sig-non-zero-padding-bits",
    ),
    pytest.param(
        BODY,
        h(sig=base64.b64decode(GOOD_SIG).hex(), ts=str(NOW)),
        None,
        "malformed_header",
        id="sig-hex",
    ),
    pytest.param(
        BODY,
        h(sig=GOOD_SIG[:-3] + "é==", ts=str(NOW)),
        None,
        "malformed_header",
        id="sig-non-ascii",
    ),
    pytest.param(
        BODY,
        OTHER_SIGNER.sign(BODY, timestamp=NOW),
        None,
        "bad_signature",
        id="sig-by-another-key",
    ),
    pytest.param(
        BODY,
        h(sig=signed(timestamp=NOW - 1)[SIG], ts=str(NOW)),
        None,
        "bad_signature",
        id="sig-for-another-timestamp",
    ),
    pytest.param(
        BODY,
        h(sig=base64.b64encode(bytes(64)).decode(), ts=str(NOW)),
        None,
        "bad_signature",
        id="sig-all-zero",
    ),
    # --- bodies ---
    pytest.param(
        BODY.replace(b"1234", b"1235"), GOOD, None, "bad_signature", id="one-byte-changed"
    ),
    pytest.param(
        json.dumps(json.loads(BODY)).encode(), GOOD, None, "bad_signature", id="json-reserialised"
    ),
    pytest.param(BODY + b"\n", GOOD, None, "bad_signature", id="trailing-newline"),
    pytest.param(b"\xef\xbb\xbf" + BODY, GOOD, None, "bad_signature", id="utf8-bom-added"),
    pytest.param(NFD_BODY, signed(NFC_BODY), None, "bad_signature", id="nfc-to-nfd"),
    pytest.param(NON_UTF8_BODY, signed(NON_UTF8_BODY), None, None, id="non-utf8-signed-raw"),
    pytest.param(bytearray(BODY), GOOD, None, None, id="bytearray"),
    pytest.param(memoryview(BODY), GOOD, None, None, id="memoryview"),
    pytest.param(BODY.decode(), GOOD, None, None, id="str"),
    pytest.param(
        memoryview(INT_ARRAY),
        signed(INT_ARRAY.tobytes()),
        None,
        None,
        id="memoryview-of-ints-signed-as-its-bytes",
    ),
    pytest.param(memoryview(INT_ARRAY), GOOD, None, "bad_signature", id="memoryview-of-ints"),
    pytest.param(_released_view(), GOOD, None, "bad_signature", id="released-memoryview"),
    pytest.param("{\ud800}", signed(b"{}"), None, "bad_signature", id="str-lone-surrogate"),
    pytest.param(None, GOOD, None, "bad_signature", id="body-none"),
    pytest.param(12345, GOOD, None, "bad_signature", id="body-int"),
    pytest.param(b"x" * (CAP + 1), GOOD, None, "body_too_large", id="over-cap"),
    pytest.param("x" * (CAP + 1), GOOD, None, "body_too_large", id="str-over-cap"),
    pytest.param("é" * (CAP // 2 + 1), GOOD, None, "body_too_large", id="str-over-cap-as-utf8"),
    pytest.param(bytearray(CAP + 1), GOOD, None, "body_too_large", id="bytearray-over-cap"),
    pytest.param(memoryview(array("q", bytes(CAP + 8))), GOOD, None, "body_too_large", id="mv-cap"),
    pytest.param(
        BODY,
        GOOD,
        WebhookVerifier(SIGNER.public_key, max_body_bytes=len(BODY)),
        None,
        id="exactly-at-cap",
    ),
    pytest.param(
        BODY,
        h(sig="not base64", ts="not a time"),
        WebhookVerifier(SIGNER.public_key, max_body_bytes=len(BODY) - 1),
        "body_too_large",
        id="size-checked-first",
    ),
]


@pytest.mark.parametrize(("body", "headers", "verifier", "reason"), CASES)
def test_hostile_delivery(
    body: object, headers: object, verifier: WebhookVerifier | None, reason: str | None
) -> None:
    verifier = verifier or VERIFIER
    if reason is None:
        verifier.verify(body, headers, now=NOW)  # type: ignore[arg-type]
        return
    with pytest.raises(WebhookVerificationError) as info:
        verifier.verify(body, headers, now=NOW)  # type: ignore[arg-type]
    assert info.value.reason == reason, str(info.value)


def test_table_is_big_enough() -> None:
    rejected = [case for case in CASES if case.values[3] is not None]
    assert len(rejected) >= 40
