"""Fixtures for the integration tests: one signer, and a verifier that trusts it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from telnyx_gather.testing import WebhookSigner
from telnyx_gather.verify import WebhookVerifier

from .aws_events import SEED
from .cases import Case, cases


@pytest.fixture(scope="session")
def signer() -> WebhookSigner:
    return WebhookSigner(seed=SEED)


@pytest.fixture(scope="session")
def verifier(signer: WebhookSigner) -> WebhookVerifier:
    return WebhookVerifier(signer.public_key)


@pytest.fixture
def delivery_cases(signer: WebhookSigner) -> dict[str, Case]:
    """Every case, signed just now (so "good" is within tolerance)."""
    return cases(signer)


@pytest.fixture
def django_routed() -> Iterator[None]:
    """Django serves `router_urls.urlpatterns`, which the `serve` tests fill in."""
    from . import router_urls

    with router_urls.routed():
        yield
