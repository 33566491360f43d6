"""The pytest plugin: flow tests of your own Telnyx app against the sandbox.

Installed with the package (entry point `pytest11`), so nothing to enable.
Define a `telnyx_app` fixture that returns your app (ASGI, such as FastAPI or
Starlette, or WSGI, such as Flask or Django) or the URL of a running one,
built to talk to the sandbox (`telnyx_sandbox.base_url`, `.api_key`,
`.public_key`). Then `telnyx_flow` serves the app on 127.0.0.1, points the
sandbox's webhooks at it, and rings it:

```python
def test_menu(telnyx_flow: CallFlow) -> None:
    call = telnyx_flow.ring().press("1")
    telnyx_flow.expect(Answer, call)
    menu = telnyx_flow.expect(GatherUsingSpeak, call)
    ...
```

Options (in `pytest.ini` or `[tool.pytest.ini_options]`):
`telnyx_time_scale` (real seconds per call second, default 0.01) and
`telnyx_webhook_path` (the app's webhook route, default `/webhooks/telnyx`).

One test's sandbox takes any `Sandbox` keyword argument (`faults`,
`time_scale`, `retry_delays`, `delivery_timeout`, ...) from the
`telnyx_sandbox` marker:

```python
@pytest.mark.telnyx_sandbox(faults=Faults(duplicate={"call.answered"}), time_scale=0.001)
def test_a_duplicate_is_handled_once(telnyx_flow: CallFlow) -> None: ...
```
"""

from __future__ import annotations

from collections.abc import Generator
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from ._flow import CallFlow
    from .sandbox import Sandbox

__all__ = ["pytest_addoption", "pytest_configure", "telnyx_flow", "telnyx_sandbox"]


def pytest_addoption(parser: pytest.Parser) -> None:
    """Register the plugin's ini options."""
    parser.addini(
        "telnyx_time_scale", "telnyx-gather sandbox: real seconds per call second", default="0.01"
    )
    parser.addini(
        "telnyx_webhook_path", "telnyx-gather: the app's webhook route", default="/webhooks/telnyx"
    )


def pytest_configure(config: pytest.Config) -> None:
    """Register the `telnyx_sandbox` marker."""
    config.addinivalue_line(
        "markers",
        "telnyx_sandbox(**options): Sandbox keyword arguments for this test's "
        "telnyx_sandbox (faults=, time_scale=, retry_delays=, ...)",
    )


@pytest.fixture
def telnyx_sandbox(request: pytest.FixtureRequest) -> Generator[Sandbox, None, None]:
    """A fresh sandbox for the test, closed after it.

    Built with `time_scale` from the `telnyx_time_scale` option, then the
    keyword arguments of the test's `@pytest.mark.telnyx_sandbox(...)`, if any.

    Raises:
        TypeError: The marker was given positional arguments.
    """
    from .sandbox import Sandbox

    options: dict[str, Any] = {"time_scale": float(request.config.getini("telnyx_time_scale"))}
    marker = request.node.get_closest_marker("telnyx_sandbox")
    if marker is not None:
        if marker.args:
            raise TypeError("@pytest.mark.telnyx_sandbox takes keyword arguments only")
        options.update(marker.kwargs)
    with Sandbox(**options) as sandbox:
        yield sandbox


@pytest.fixture
def telnyx_flow(
    request: pytest.FixtureRequest, telnyx_sandbox: Sandbox
) -> Generator[CallFlow, None, None]:
    """The sandbox wired to your `telnyx_app` (served on loopback if it is an app, not a URL)."""
    from ._apps import serve_app
    from ._flow import CallFlow

    app: Any = request.getfixturevalue("telnyx_app")
    if isinstance(app, str):
        yield CallFlow(telnyx_sandbox, app)
        return
    path = str(request.config.getini("telnyx_webhook_path"))
    with serve_app(app) as base_url:
        yield CallFlow(telnyx_sandbox, base_url + path)
