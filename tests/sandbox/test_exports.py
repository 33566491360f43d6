"""`telnyx_gather.testing` exports the sandbox lazily, and never needs the telnyx SDK."""

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
    out = subprocess.run(
        [sys.executable, "-c", code], check=True, capture_output=True, text=True
    ).stdout
    assert out.split() == ["False", "False", "False", "True"]
