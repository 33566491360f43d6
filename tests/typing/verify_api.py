"""Static checks, run by mypy --strict and pyright strict: the verifier and testing API types.

Nothing here needs to run; `assert_type` is a no-op at runtime.
"""

from __future__ import annotations

from collections.abc import Mapping

from typing_extensions import assert_type

from telnyx_gather import (
    StandardWebhookVerifier,
    WebhookEvent,
    WebhookVerificationError,
    WebhookVerifier,
)
from telnyx_gather._errors import VerificationFailure
from telnyx_gather.testing import (
    EventFactory,
    StandardWebhookSigner,
    WebhookSigner,
    call_gather_ended,
)
from telnyx_gather.verify import Body, Headers, WebhookConfigError


def construction(key: str, raw: bytes, keys: list[str]) -> None:
    assert_type(WebhookVerifier(key), WebhookVerifier)
    assert_type(WebhookVerifier(raw, tolerance=60, max_body_bytes=4096), WebhookVerifier)
    assert_type(WebhookVerifier(keys), WebhookVerifier)
    assert_type(WebhookVerifier([raw, key]), WebhookVerifier)
    assert_type(WebhookVerifier.from_env(tolerance=30.5), WebhookVerifier)
    assert_type(StandardWebhookVerifier("whsec_x"), StandardWebhookVerifier)
    assert_type(StandardWebhookVerifier(("whsec_x", "whpk_y")), StandardWebhookVerifier)
    assert_type(WebhookVerifier(key).tolerance, float)
    assert_type(WebhookVerifier(key).max_body_bytes, int)


def header_forms(
    verifier: WebhookVerifier,
    body: bytes,
    str_headers: dict[str, str],
    asgi_headers: list[tuple[bytes, bytes]],
    pairs: list[tuple[str, str]],
    mapping: Mapping[str, str],
) -> None:
    assert_type(verifier.verify(body, str_headers), None)
    assert_type(verifier.verify(bytearray(body), asgi_headers, now=1700000000), None)
    assert_type(verifier.verify(memoryview(body), pairs, now=1700000000.5), None)
    assert_type(verifier.verify(body.decode(), mapping), None)
    assert_type(verifier.unwrap(body, str_headers), WebhookEvent)


def standard(verifier: StandardWebhookVerifier, body: Body, headers: Headers) -> WebhookEvent:
    assert_type(verifier.verify(body, headers), None)
    return verifier.unwrap(body, headers, now=None)


def errors(exc: WebhookVerificationError, config: WebhookConfigError) -> None:
    assert_type(exc.reason, VerificationFailure)
    assert isinstance(config, ValueError)


def signers() -> None:
    signer = WebhookSigner(b"a" * 32)
    assert_type(signer.public_key, str)
    assert_type(signer.sign(b"{}", timestamp=1700000000), dict[str, str])
    assert_type(signer.sign("{}"), dict[str, str])
    sw = StandardWebhookSigner.ed25519()
    assert_type(sw, StandardWebhookSigner)
    assert_type(sw.key, str)
    assert_type(sw.sign(b"{}", msg_id="msg_1"), dict[str, str])
    factory: EventFactory = call_gather_ended
    assert_type(factory(digits="12", event_id="e-1", attempt=None), bytes)


def rejected(verifier: WebhookVerifier, body: bytes) -> None:
    # mypy --strict reports unused ignores, so each line must really be an error.
    WebhookVerifier(123)  # type: ignore[arg-type]
    verifier.verify(body, {"a": 1})  # type: ignore[arg-type]
    verifier.verify(body, {}, now="now")  # type: ignore[arg-type]
    verifier.verify(body, {}, 1700000000)  # type: ignore[call-arg]
    StandardWebhookVerifier(b"whsec_x")  # type: ignore[arg-type]
