"""Write every list that the hand-written models imply; a model is written once, by hand.

Run it after adding or changing a command builder (`commands/actions/`), a nested
option model (`commands/options/`) or an event model (`events/_<family>.py`):

    .venv/bin/python scripts/generate.py

It discovers the builders and events by importing those modules (no list to
edit) and writes, deterministically:

- `commands/_registry.py`: `AnyCommand` and `COMMANDS`;
- `events/_registry.py`: the tagged union of the events (each tag read from
  its class's `event_type` `Literal`) and `EVENT_TYPES`;
- the fenced blocks (`# <generated ...>` to `# </generated ...>`) of the
  package `__init__` files and of `client/_call.py` (the handle's methods,
  named by each builder's `method`); everything outside a fence is hand-written;
- `testing/_call_factories.py`: a body factory per event, its defaults the
  class's `example_payload`;
- `events/_prepared.json`, the envelope's prepared core schema, and
  `events/_prepared/<tag>.json`, that schema narrowed to each event;
- `events/_index.py`: each event's module, each exported name's module, and
  the module each public class is shown under (what loads lazily reads).

It refuses to write while a builder has no sandbox behaviour (a module under
`testing/sandbox/behaviours/` naming it in its `BEHAVIOURS`), and names the
file to add.

`--check` writes nothing and exits 1, naming each stale file; the test suite
runs it (tests/test_generated.py).
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _generate.behaviours import check_behaviours
from _generate.discover import PACKAGE, GenerateError, discover
from _generate.render import render_all

ROOT = Path(__file__).resolve().parents[1]
RUN = ".venv/bin/python scripts/generate.py"


def prepared_schema() -> str:
    """The text of `events/_prepared.json` as a fresh process prepares it."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "prepared.json"
        code = (
            "import sys\n"
            "from telnyx_gather.events import Webhook\n"
            "from telnyx_gather.events._schema import prepare\n"
            "prepare(Webhook, sys.argv[1])\n"
        )
        subprocess.run([sys.executable, "-I", "-c", code, str(path)], check=True, cwd=ROOT)
        return path.read_text(encoding="utf-8")


def main(argv: list[str]) -> int:
    check = argv == ["--check"]
    if argv and not check:
        print(f"usage: {RUN} [--check]", file=sys.stderr)
        return 2
    try:
        found = discover()
        # Refuse to write while a builder has no sandbox behaviour.
        check_behaviours(PACKAGE, found.builders)
        outputs = render_all(ROOT, found)
    except GenerateError as exc:
        print(f"generate: {exc}", file=sys.stderr)
        return 1
    stale = [path for path, text in outputs.items() if _read(path) != text]
    if not check:
        for path in stale:
            path.write_text(outputs[path], encoding="utf-8")
    # The prepared schema is keyed by the event modules' checksum: prepare it
    # from the files as they are now written.
    if not (check and stale):
        stale.extend(_prepare(write=not check))
    for path in stale:
        print(f"{'stale' if check else 'wrote'}: {path.relative_to(ROOT)}")
    if check and stale:
        print(f"generated files are stale; run: {RUN}")
        return 1
    return 0


def _prepare(*, write: bool) -> list[Path]:
    """Bring `_prepared.json` and the per-tag files of `_prepared/` up to date; the stale ones."""
    from telnyx_gather.events._schema import members

    events = ROOT / "src" / "telnyx_gather" / "events"
    text = prepared_schema()
    outputs = {events / "_prepared.json": text}
    outputs.update({events / "_prepared" / name: body for name, body in members(text).items()})
    stale = [path for path, body in outputs.items() if _read(path) != body]
    extra = sorted(set((events / "_prepared").glob("*")) - set(outputs))
    if write:
        (events / "_prepared").mkdir(exist_ok=True)
        for path in stale:
            path.write_text(outputs[path], encoding="utf-8")
        for path in extra:
            path.unlink()
    return stale + extra


def _read(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
