"""The facade is the optional `client` extra: without `telnyx` it fails with a clear ImportError."""

from __future__ import annotations

import subprocess
import sys

import pytest

HIDE_TELNYX = "import sys\nsys.modules['telnyx'] = None  # as if the extra were not installed\n"


def _run(code: str) -> str:
    return subprocess.run(
        [sys.executable, "-c", HIDE_TELNYX + code],
        check=True,
        capture_output=True,
        text=True,
    ).stdout


@pytest.mark.parametrize(
    "access",
    [
        "telnyx_gather.GatherClient",
        "telnyx_gather.AsyncGatherClient",
        # `telnyx_gather.client` is a package whose handles need no telnyx: the
        # ImportError comes with the first name that does.
        "exec('from telnyx_gather.client import GatherClient')",
        "exec('from telnyx_gather import GatherClient')",
    ],
)
def test_facade_without_telnyx_names_the_extra(access: str) -> None:
    out = _run(
        "import telnyx_gather\n"
        "try:\n"
        f"    {access}\n"
        "except ImportError as exc:\n"
        "    print('ImportError:', exc)\n"
    )
    assert out.startswith("ImportError:")
    assert "pip install 'telnyx-gather[client]'" in out


def test_handles_and_result_work_without_telnyx() -> None:
    out = _run(
        "import telnyx_gather as tg\n"
        "print(tg.Call.__name__, tg.AsyncCall.__name__,"
        " tg.CommandResult(result='ok').result, 'telnyx' in sys.modules and sys.modules['telnyx'])\n"
    )
    assert out.split() == ["Call", "AsyncCall", "ok", "None"]


def test_facade_import_never_touches_the_sdk_resources() -> None:
    """Only `telnyx` itself is imported; `client.calls.actions` and its types are not."""
    out = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys, telnyx_gather\n"
            "telnyx_gather.GatherClient(api_key='k').call('c')\n"
            "print('\\n'.join(sys.modules))",
        ],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.split()
    assert "telnyx_gather.client" in out
    assert "telnyx.resources.calls.actions" not in out
