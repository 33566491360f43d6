"""`GatherClient`'s constructor is the SDK's own, as the SDK's client tests expect.

The SDK checks that every `__init__` parameter is one `copy()` takes too
(its `test_copy_signature`); this is that check, for both clients. Wrapping
an existing client goes through `wrap` (and the older positional form).
"""

from __future__ import annotations

import inspect

import pytest
import telnyx

from telnyx_gather import AsyncGatherClient, GatherClient

KEY = "KEY0123456789ABCDEF_test"


@pytest.mark.parametrize("cls", [GatherClient, AsyncGatherClient])
def test_every_init_parameter_is_one_copy_takes(cls: type[GatherClient]) -> None:
    client = cls(api_key=KEY, base_url="http://127.0.0.1:9/v2")
    init = inspect.signature(client.__init__)  # type: ignore[misc]
    copy = inspect.signature(client.copy)
    missing = [
        name
        for name in init.parameters
        if name not in {"transport", "proxies", "_strict_response_validation"}
        and name not in copy.parameters
    ]
    assert missing == []
    assert isinstance(client.copy(max_retries=1), cls)


def test_wrap_and_the_positional_form_share_the_clients_configuration() -> None:
    existing = telnyx.Telnyx(api_key=KEY, base_url="http://127.0.0.1:9/v2", max_retries=3)
    for wrapped in (GatherClient.wrap(existing), GatherClient(existing)):
        assert isinstance(wrapped, GatherClient)
        assert (wrapped.api_key, wrapped.max_retries) == (KEY, 3)
        assert wrapped.base_url == existing.base_url
    async_existing = telnyx.AsyncTelnyx(api_key=KEY, base_url="http://127.0.0.1:9/v2")
    assert AsyncGatherClient.wrap(async_existing).api_key == KEY


@pytest.mark.parametrize(
    "build",
    [
        lambda: GatherClient.wrap(telnyx.AsyncTelnyx(api_key=KEY)),  # type: ignore[arg-type]
        lambda: GatherClient(telnyx.Telnyx(api_key=KEY), max_retries=2),  # type: ignore[call-overload]
    ],
    ids=["wrong kind", "wrap with options"],
)
def test_wrapping_mistakes_are_type_errors(build: object) -> None:
    with pytest.raises(TypeError):
        build()  # type: ignore[operator]
