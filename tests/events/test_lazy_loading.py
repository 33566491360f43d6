"""The event classes load on first use: a parse imports only the family of the event it reads.

Each check runs in a fresh interpreter, since this one has long imported
every family. What is pinned is which modules are loaded and which classes
come back, never how long anything takes.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import telnyx_gather.events as events
from telnyx_gather.events import _index as index
from telnyx_gather.events import _schema as schema
from telnyx_gather.events._fast import UNKNOWN

GATHER_ENDED = {
    "data": {
        "record_type": "event",
        "event_type": "call.gather.ended",
        "id": "0ccc7b54-4df3-4bca-a65a-3da1ecc777f0",
        "occurred_at": "2026-11-24T10:15:02.123456Z",
        "payload": {"call_control_id": "v3:abc", "digits": "12", "status": "valid"},
    },
    "meta": {"attempt": 1, "delivered_to": "https://example.com/webhooks"},
}

# What a receiver does, then what it has loaded.
PARSE = """
import json, sys
from telnyx_gather import WebhookVerifier, parse_webhook
webhook = parse_webhook(sys.argv[1].encode())
{then}
print(json.dumps({{
    "event": type(webhook.data).__name__,
    "modules": sorted(m for m in sys.modules if m.startswith("telnyx_gather.events.")),
    "metadata": "importlib.metadata" in sys.modules,
    "out": out,
}}))
"""


def _run(then: str = "out = None", body: dict[str, Any] = GATHER_ENDED) -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, "-I", "-c", PARSE.format(then=then), json.dumps(body)],
        check=True,
        capture_output=True,
        text=True,
    )
    result: dict[str, Any] = json.loads(done.stdout)
    return result


def _families(modules: list[str]) -> set[str]:
    return {m.rsplit(".", 1)[1] for m in modules} & {f[1:] for f in index.EVENT_MODULES.values()}


def test_parsing_one_event_imports_only_its_family() -> None:
    result = _run()
    assert result["event"] == "CallGatherEnded"
    assert _families(result["modules"]) == {"_gather"}
    # Neither the union over every event nor its registry was needed.
    assert "telnyx_gather.events._registry" not in result["modules"]
    assert "telnyx_gather.events._tagged" not in result["modules"]
    assert result["metadata"] is False


def test_an_unknown_event_imports_no_family() -> None:
    body = {"data": {**GATHER_ENDED["data"], "event_type": "conference.created"}}
    result = _run(body=body)
    assert result["event"] == "UnknownEvent"
    assert _families(result["modules"]) == set()


def test_a_name_read_later_is_the_class_the_parser_returned() -> None:
    then = (
        "import telnyx_gather, telnyx_gather.events as ev\n"
        "from telnyx_gather.events import CallGatherEnded, CallGatherEndedPayload\n"
        "event = webhook.data\n"
        "out = [type(event) is CallGatherEnded is ev.CallGatherEnded"
        " is telnyx_gather.CallGatherEnded,\n"
        "       type(event.payload) is CallGatherEndedPayload,\n"
        "       isinstance(event, ev.CallEvent), repr(type(event)), repr(type(event.payload))]"
    )
    assert _run(then)["out"] == [
        True,
        True,
        True,
        "<class 'telnyx_gather.CallGatherEnded'>",
        "<class 'telnyx_gather.events.CallGatherEndedPayload'>",
    ]


def test_the_whole_union_still_works_after_a_lazy_parse() -> None:
    then = (
        "import pickle, typing\n"
        "from pydantic import TypeAdapter\n"
        "from telnyx_gather import Webhook, WebhookEvent\n"
        "from telnyx_gather.events import EVENT_TYPES, CallHangup\n"
        "dumped = webhook.model_dump(mode='json')\n"
        "again = TypeAdapter(Webhook).validate_python(dumped)\n"
        "hangup = TypeAdapter(WebhookEvent).validate_python({**dumped['data'],"
        " 'event_type': 'call.hangup'})\n"
        "out = [again == webhook, pickle.loads(pickle.dumps(webhook)) == webhook,\n"
        "       type(hangup) is CallHangup, len(EVENT_TYPES),\n"
        "       typing.get_type_hints(Webhook, include_extras=True)['data'] == WebhookEvent]"
    )
    result = _run(then)
    assert result["out"] == [True, True, True, len(index.EVENT_MODULES), True]
    assert _families(result["modules"]) == {m[1:] for m in index.EVENT_MODULES.values()}


def test_a_family_imported_directly_shows_its_classes_at_their_public_paths() -> None:
    code = (
        "import telnyx_gather.events._speak as speak\n"
        "print(speak.CallSpeakEnded.__module__, speak.CallSpeakEndedPayload.__module__)\n"
    )
    done = subprocess.run(
        [sys.executable, "-I", "-c", code], check=True, capture_output=True, text=True
    )
    assert done.stdout.split() == ["telnyx_gather", "telnyx_gather.events"]


def test_every_name_resolves_and_dir_lists_them() -> None:
    for name in events.__all__:
        assert getattr(events, name) is not None, name
    assert set(events.__all__) <= set(dir(events))
    with pytest.raises(AttributeError, match="NoSuchEvent"):
        _ = events.NoSuchEvent  # type: ignore[attr-defined]


def test_the_index_names_each_event_module_and_export() -> None:
    assert list(index.EVENT_MODULES) == list(events.EVENT_TYPES)
    for tag, cls in events.EVENT_TYPES.items():
        assert getattr(sys.modules[events.__name__ + index.EVENT_MODULES[tag]], cls.__name__) is cls
    for name, module in index.EXPORTS.items():
        assert getattr(sys.modules[events.__name__ + module], name) is getattr(events, name)


def test_there_is_a_prepared_member_per_tag_and_each_narrows_the_whole() -> None:
    folder = Path(schema.MEMBERS)
    expected = schema.members(Path(schema.PREPARED).read_text(encoding="utf-8"))
    assert sorted(p.name for p in folder.iterdir()) == sorted(expected)
    assert sorted(expected) == sorted(f"{tag}.json" for tag in [*index.EVENT_MODULES, UNKNOWN])
    for name, text in expected.items():
        assert (folder / name).read_text(encoding="utf-8") == text, name
    assert schema.load_member("call.gather.ended") is not None


@pytest.mark.parametrize("tag", ["../_prepared", "call.gather.ended/", "", "Call.Hangup", "a..b"])
def test_a_member_is_read_only_for_a_plain_tag(tag: str) -> None:
    assert schema.load_member(tag) is None


def test_a_mismatched_member_falls_back_to_the_whole_schema(tmp_path: Path) -> None:
    text = (Path(schema.MEMBERS) / "call.gather.ended.json").read_text(encoding="utf-8")
    (tmp_path / "call.gather.ended.json").write_text(text.replace('"pydantic":', '"x":', 1))
    assert schema.load_member("call.gather.ended", str(tmp_path)) is None
    assert schema.load_member("call.hangup", str(tmp_path)) is None
