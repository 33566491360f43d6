"""The contract suite's fixtures: one factory of fresh stores per kind in `kinds.py`."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.stores.kinds import BOUNDED, CLOCKED, KINDS, Factory, Kind


def _open(kind: Kind, request: pytest.FixtureRequest) -> Iterator[Factory]:
    with kind.open(request.getfixturevalue(kind.server)) as factory:
        yield factory


@pytest.fixture(params=KINDS, ids=lambda kind: kind.name)
def make_store(request: pytest.FixtureRequest) -> Iterator[Factory]:
    """Builds an empty store of each kind with the settings given."""
    yield from _open(request.param, request)


@pytest.fixture(params=CLOCKED, ids=lambda kind: kind.name)
def make_clocked_store(request: pytest.FixtureRequest) -> Iterator[Factory]:
    """As `make_store`, for the kinds that read a clock they are given."""
    yield from _open(request.param, request)


@pytest.fixture(params=BOUNDED, ids=lambda kind: kind.name)
def make_bounded_store(request: pytest.FixtureRequest) -> Iterator[Factory]:
    """As `make_store`, for the kinds that hold at most `max_events` entries."""
    yield from _open(request.param, request)
