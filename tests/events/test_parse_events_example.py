"""`examples/parse_events.py` runs and prints one line per event type."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from telnyx_gather.events import EVENT_TYPES

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "parse_events.py"


def test_example_parses_each_event_type_once() -> None:
    out = subprocess.run(
        [sys.executable, str(EXAMPLE)], check=True, capture_output=True, text=True
    ).stdout
    lines = out.splitlines()
    assert sorted(line.split()[1] for line in lines) == sorted(EVENT_TYPES)
    assert "caller pressed '1'" in out
    assert "gather ended: status=valid digits='1'" in out
    assert "incoming call from +35319605860, answer it" in out
    assert "hung up by the caller (normal_clearing)" in out
