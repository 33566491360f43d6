"""The verifiers show their public import path, in reprs and wherever a class is named."""

from __future__ import annotations

import pytest

import telnyx_gather
import telnyx_gather.verify
from telnyx_gather import StandardWebhookVerifier, WebhookVerifier
from telnyx_gather.testing import StandardWebhookSigner
from tests.verify._verify_support import SIGNER


@pytest.mark.parametrize("cls", [WebhookVerifier, StandardWebhookVerifier])
def test_public_classes_name_the_public_module(cls: type[object]) -> None:
    assert cls.__module__ == "telnyx_gather"
    assert getattr(telnyx_gather, cls.__qualname__) is cls
    assert getattr(telnyx_gather.verify, cls.__qualname__) is cls


def test_reprs_show_the_public_path() -> None:
    verifiers = [
        WebhookVerifier(SIGNER.public_key),
        StandardWebhookVerifier(StandardWebhookSigner().key),
    ]
    for verifier in verifiers:
        name = type(verifier).__qualname__
        assert repr(verifier).startswith(f"<telnyx_gather.{name} object at ")


def test_the_verifier_protocol_lives_beside_the_verifiers() -> None:
    assert telnyx_gather.verify.Verifier.__module__ == "telnyx_gather.verify"
    assert "Verifier" in telnyx_gather.verify.__all__
