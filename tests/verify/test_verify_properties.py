"""Property tests: nothing but WebhookVerificationError escapes, and every tamper is caught."""

from __future__ import annotations

import base64
import contextlib
from typing import get_args

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from telnyx_gather import StandardWebhookVerifier, WebhookParseError, WebhookVerificationError
from telnyx_gather._errors import VerificationFailure
from telnyx_gather.testing import StandardWebhookSigner
from tests.verify._verify_support import NOW, SIG, SIGNER, TS, VERIFIER

REASONS = set(get_args(VerificationFailure))
STANDARD_SIGNER = StandardWebhookSigner.ed25519(b"p" * 32)
STANDARD = StandardWebhookVerifier([STANDARD_SIGNER.key, StandardWebhookSigner().key])
PROPERTY = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

OUR_NAMES = [SIG, TS, "webhook-id", "webhook-timestamp", "webhook-signature"]
names = st.one_of(
    st.sampled_from(OUR_NAMES),
    st.sampled_from(OUR_NAMES).map(str.upper),
    st.sampled_from(OUR_NAMES).map(str.encode),
    st.text(max_size=30),
    st.binary(max_size=30),
    st.integers(),
    st.none(),
)
values = st.one_of(
    st.text(),
    st.binary(),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.integers(),
    st.none(),
    st.binary(min_size=64, max_size=64).map(lambda b: base64.b64encode(b).decode()),
    st.lists(st.text(max_size=5), max_size=3),
)
pairs = st.tuples(names, values)
headers = st.one_of(
    st.dictionaries(names, values, max_size=8),
    st.lists(pairs, max_size=8),
    st.lists(pairs.map(list), max_size=8),
    st.lists(st.one_of(pairs, names, st.tuples(names, values, values)), max_size=5),
    st.one_of(st.none(), st.integers(), st.text(max_size=20), st.binary(max_size=20)),
)
bodies = st.one_of(
    st.binary(max_size=512),
    st.text(max_size=256),  # includes lone surrogates
    st.binary(max_size=256).map(bytearray),
    st.binary(max_size=256).map(memoryview),
    st.none(),
    st.integers(),
    st.lists(st.integers(0, 255), max_size=8),
)
nows = st.one_of(st.none(), st.integers(0, 2**40), st.floats(0, 2**40))


@PROPERTY
@given(body=bodies, headers=headers, now=nows)
def test_only_verification_errors_escape(body: object, headers: object, now: float | None) -> None:
    for verifier in (VERIFIER, STANDARD):
        reason = None
        try:
            verifier.verify(body, headers, now=now)  # type: ignore[arg-type]
        except WebhookVerificationError as exc:
            reason = exc.reason
        assert reason in REASONS
        with contextlib.suppress(WebhookVerificationError, WebhookParseError):
            verifier.unwrap(body, headers, now=now)  # type: ignore[arg-type]


@PROPERTY
@given(body=st.binary(min_size=1, max_size=2048), data=st.data())
def test_any_single_byte_change_to_the_body_is_rejected(body: bytes, data: st.DataObject) -> None:
    headers = SIGNER.sign(body, timestamp=NOW)
    VERIFIER.verify(body, headers, now=NOW)
    index = data.draw(st.integers(0, len(body) - 1))
    flip = data.draw(st.integers(1, 255))
    tampered = bytearray(body)
    tampered[index] ^= flip
    with pytest.raises(WebhookVerificationError) as info:
        VERIFIER.verify(bytes(tampered), headers, now=NOW)
    assert info.value.reason == "bad_signature"


@PROPERTY
@given(body=st.binary(max_size=512), data=st.data())
def test_any_one_character_change_to_the_signature_is_rejected(
    body: bytes, data: st.DataObject
) -> None:
    headers = SIGNER.sign(body, timestamp=NOW)
    signature = headers[SIG]
    index = data.draw(st.integers(0, len(signature) - 1))
    char = data.draw(st.characters().filter(lambda c: c != signature[index]))
    forged = {**headers, SIG: signature[:index] + char + signature[index + 1 :]}
    with pytest.raises(WebhookVerificationError) as info:
        VERIFIER.verify(body, forged, now=NOW)
    assert info.value.reason in {"bad_signature", "malformed_header"}


@PROPERTY
@given(body=st.binary(max_size=512), data=st.data())
def test_standard_one_character_change_to_an_entry_is_rejected(
    body: bytes, data: st.DataObject
) -> None:
    headers = STANDARD_SIGNER.sign(body, msg_id="msg_1", timestamp=NOW)
    STANDARD.verify(body, headers, now=NOW)
    entry = headers["webhook-signature"]
    index = data.draw(st.integers(0, len(entry) - 1))
    char = data.draw(st.characters().filter(lambda c: c != entry[index]))
    forged = {**headers, "webhook-signature": entry[:index] + char + entry[index + 1 :]}
    with pytest.raises(WebhookVerificationError) as info:
        STANDARD.verify(body, forged, now=NOW)
    assert info.value.reason in {"bad_signature", "malformed_header"}
