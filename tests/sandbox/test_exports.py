"""`telnyx_gather.testing` exports the sandbox and the factories lazily, and never needs telnyx."""

from __future__ import annotations

import subprocess
import sys

import telnyx_gather.testing as testing


def test_every_exported_name_resolves() -> None:
    for name in testing.__all__:
        assert getattr(testing, name) is not None, name
    assert sorted(dir(testing)) == sorted(testing.__all__)


def test_the_signer_alone_does_not_load_the_sandbox_or_telnyx() -> None:
    code = (
        "import sys\n"
        "from telnyx_gather.testing import WebhookSigner\n"
        "loaded = {m.split('.')[0] for m in sys.modules} | set(sys.modules)\n"
        "print('telnyx' in loaded, 'telnyx_gather.testing.sandbox' in loaded)\n"
        "from telnyx_gather.testing import Sandbox\n"
        "print('telnyx' in sys.modules, 'telnyx_gather.testing.sandbox' in sys.modules)\n"
    )
    assert _printed(code) == ["False", "False", "False", "True"]


def test_the_event_factories_load_the_event_models_on_first_use() -> None:
    code = (
        "import sys\n"
        "import telnyx_gather.testing as testing\n"
        "print(any(m.startswith(('pydantic', 'telnyx_gather.events')) for m in sys.modules))\n"
        "testing.call_gather_ended()\n"
        "print('telnyx_gather.events._gather' in sys.modules)\n"
    )
    assert _printed(code) == ["False", "True"]


def _printed(code: str) -> list[str]:
    out = subprocess.run(
        [sys.executable, "-c", code], check=True, capture_output=True, text=True
    ).stdout
    return out.split()
