"""The prepared core schema: used only when it matches, and identical to pydantic's own.

`_prepared.json` lets a cold start build its validator without pydantic's
Python layer. These tests pin that the committed file matches this
environment, that every mismatch (versions, sources, a missing, unreadable
or malformed file) falls back to pydantic's schema, and that both ways parse
every body to the same result.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from telnyx_gather import WebhookParseError
from telnyx_gather.events import EVENT_TYPES, Webhook
from telnyx_gather.events import _schema as schema
from telnyx_gather.events._fast import FastParser

from .test_fast_path import CRAFTED, FACTORIES, shape
from .test_hostile import HOSTILE

REGENERATE = "regenerate it: .venv/bin/python scripts/generate.py"
BODIES = [*CRAFTED.values(), *(h[1] for h in HOSTILE), *(f() for f in FACTORIES)]


def prepared_copy(tmp_path: Path, **key: str) -> str:
    document = json.loads(Path(schema.PREPARED).read_text())
    document["key"].update(key)
    path = tmp_path / "prepared.json"
    path.write_text(json.dumps(document))
    return str(path)


def _fresh_schema() -> Any:
    # The envelope's schema as a fresh process generates it: in this one, models that
    # other tests built on their own first (a `model_dump` builds its class) change how
    # pydantic lays out the shared definitions, though not what they validate.
    code = (
        "import json, sys\n"
        "from telnyx_gather.events import Webhook\n"
        "from telnyx_gather.events import _schema as s\n"
        "json.dump(s.encode(s.normalize(Webhook.__pydantic_core_schema__)), sys.stdout)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], check=True, capture_output=True, text=True, timeout=120
    )
    return schema.decode(json.loads(done.stdout))


def test_committed_schema_matches_this_environment() -> None:
    prepared = schema.read_prepared()
    assert prepared is not None, f"_prepared.json does not match this environment; {REGENERATE}"
    assert prepared == _fresh_schema(), REGENERATE


def test_prepared_schema_is_plain_data_naming_only_this_package() -> None:
    objects: list[str] = []

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            if "__object__" in node:
                objects.append(node["__object__"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)
        else:
            assert node is None or isinstance(node, (str, int, float, bool))

    walk(json.loads(Path(schema.PREPARED).read_text())["schema"])
    # Public classes name the package itself as their module (`telnyx_gather:Webhook`).
    assert "telnyx_gather:Webhook" in objects
    assert "telnyx_gather.events:CallHangupPayload" in objects
    assert all(name.startswith(("telnyx_gather:", "telnyx_gather.events")) for name in objects)


@pytest.mark.parametrize(
    "change",
    [
        {"pydantic": "2.0.0"},
        {"pydantic_core": "0.0.1"},
        {"python": "3.99"},
        {"sources": "00000000"},
    ],
)
def test_any_key_mismatch_falls_back(tmp_path: Path, change: dict[str, str]) -> None:
    path = prepared_copy(tmp_path, **change)
    assert schema.read_prepared(path) is None
    assert schema.load(Webhook, path) == schema.normalize(Webhook.__pydantic_core_schema__)


def test_missing_unreadable_or_malformed_file_falls_back(tmp_path: Path) -> None:
    (tmp_path / "truncated.json").write_bytes(Path(schema.PREPARED).read_bytes()[:-100])
    (tmp_path / "foreign.json").write_text(
        Path(schema.PREPARED).read_text().replace('"telnyx_gather:', '"os:')
    )
    (tmp_path / "a-directory.json").mkdir()
    for name in ("missing.json", "truncated.json", "foreign.json", "a-directory.json"):
        assert schema.read_prepared(str(tmp_path / name)) is None, name


def test_prepare_writes_what_read_prepared_reads(tmp_path: Path) -> None:
    path = str(tmp_path / "prepared.json")
    schema.prepare(Webhook, path)
    assert schema.read_prepared(path) == schema.normalize(Webhook.__pydantic_core_schema__)


def test_prepare_refuses_objects_from_other_packages() -> None:
    with pytest.raises(TypeError, match="cannot prepare"):
        schema.encode({"type": "function-plain", "function": shutil.copy})


@pytest.mark.parametrize("name", ["telnyx_gatherer:Webhook", "telnyx:Telnyx", "os:system"])
def test_decode_resolves_only_this_package(name: str) -> None:
    with pytest.raises(LookupError):
        schema.decode({"__object__": name})


def outcomes(parser: FastParser[Webhook]) -> list[Any]:
    results: list[Any] = []
    for body in BODIES:
        try:
            parsed = parser.parse(body)
        except WebhookParseError as exc:  # pragma: no cover - parse never raises
            results.append(str(exc))
        else:
            results.append(None if parsed is None else shape(parsed))
    return results


def test_prepared_and_generated_schemas_parse_alike(tmp_path: Path) -> None:
    mismatched = prepared_copy(tmp_path, pydantic="2.0.0")
    prepared = FastParser[Webhook](EVENT_TYPES, lambda: schema.load(Webhook))
    generated = FastParser[Webhook](EVENT_TYPES, lambda: schema.load(Webhook, mismatched))
    first = outcomes(prepared)
    assert first == outcomes(generated)
    assert sum(r is not None for r in first) >= len(FACTORIES) + 5


def test_an_unusable_schema_disables_only_the_fast_path() -> None:
    parser = FastParser[Webhook](EVENT_TYPES, lambda: {"type": "any"})
    assert parser.parse(FACTORIES[0]()) is None
    assert parser.enabled is False


COLD = """
import sys
import pydantic
{tamper}
from telnyx_gather import parse_event
from telnyx_gather.testing import call_gather_ended
event = parse_event(call_gather_ended(digits="12"))
print(type(event).__name__, event.payload.digits, "importlib.metadata" in sys.modules)
"""


@pytest.mark.parametrize(
    ("tamper", "metadata_imported"),
    [("", False), ("pydantic.VERSION = 'mismatch'", True)],
    ids=["prepared", "fallback"],
)
def test_cold_process_parses_the_same_either_way(tamper: str, metadata_imported: bool) -> None:
    out = subprocess.run(
        [sys.executable, "-I", "-c", COLD.format(tamper=tamper)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.split()
    # Only the fallback builds through pydantic, whose plugin loader imports importlib.metadata.
    assert out == ["CallGatherEnded", "12", str(metadata_imported)]
