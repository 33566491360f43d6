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

`telnyx_replay` replays cassettes (see `Replayer`). With `--telnyx-coverage`
(or `telnyx_coverage = true`), the session ends with a table of the routes of
every router that handled a delivery, marking those no test reached;
`--telnyx-coverage-fail-under=PERCENT` fails the session below that share.

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
    from ._replay import Replayer
    from .sandbox import Sandbox

__all__ = [
    "pytest_addoption",
    "pytest_configure",
    "pytest_sessionfinish",
    "pytest_terminal_summary",
    "telnyx_flow",
    "telnyx_replay",
    "telnyx_sandbox",
]

_COVERAGE = pytest.StashKey[Any]()


def pytest_addoption(parser: pytest.Parser) -> None:
    """Register the plugin's ini options."""
    parser.addini(
        "telnyx_time_scale", "telnyx-gather sandbox: real seconds per call second", default="0.01"
    )
    parser.addini(
        "telnyx_webhook_path", "telnyx-gather: the app's webhook route", default="/webhooks/telnyx"
    )
    parser.addini(
        "telnyx_coverage", "telnyx-gather: report route coverage", type="bool", default=False
    )
    group = parser.getgroup("telnyx-gather")
    group.addoption(
        "--telnyx-coverage",
        action="store_true",
        help="report which routes of your routers no test reached",
    )
    group.addoption(
        "--telnyx-coverage-fail-under",
        type=float,
        default=None,
        metavar="PERCENT",
        help="fail the session when fewer routes were reached (implies --telnyx-coverage)",
    )


def pytest_configure(config: pytest.Config) -> None:
    """Register the `telnyx_sandbox` marker; start counting routes when route coverage is on."""
    config.addinivalue_line(
        "markers",
        "telnyx_sandbox(**options): Sandbox keyword arguments for this test's "
        "telnyx_sandbox (faults=, time_scale=, retry_delays=, ...)",
    )
    wanted = (
        config.getoption("--telnyx-coverage", False)
        or config.getoption("--telnyx-coverage-fail-under", None) is not None
        or config.getini("telnyx_coverage")
    )
    if wanted:
        from ..router import observe_routers
        from ._coverage import RouteCoverage

        coverage = RouteCoverage()
        config.stash[_COVERAGE] = coverage
        config.add_cleanup(observe_routers(coverage))


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """Fail the session when route coverage is below `--telnyx-coverage-fail-under`."""
    coverage = session.config.stash.get(_COVERAGE, None)
    floor = session.config.getoption("--telnyx-coverage-fail-under", None)
    if coverage is not None and floor is not None and coverage.percent < floor:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


def pytest_terminal_summary(terminalreporter: Any, exitstatus: int, config: pytest.Config) -> None:
    """Print the route coverage table."""
    coverage = config.stash.get(_COVERAGE, None)
    if coverage is None:
        return
    terminalreporter.write_sep("-", "telnyx-gather route coverage")
    terminalreporter.write_line(coverage.report())
    floor = config.getoption("--telnyx-coverage-fail-under", None)
    if floor is not None and coverage.percent < floor:
        terminalreporter.write_line(f"FAILED: route coverage is below {floor:g}%")


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


@pytest.fixture
def telnyx_replay(request: pytest.FixtureRequest) -> Generator[Replayer, None, None]:
    """A `Replayer`: build your app with its `base_url`, `api_key` and `public_key`, then `play`."""
    from ._replay import Replayer

    with Replayer() as replayer:
        yield replayer
