"""The webhook path builds only what it uses, so a cold start stays cheap."""

from __future__ import annotations

import json
import subprocess
import sys

CHECK = """
import json, sys
import pydantic_core
import telnyx_gather.events as ev

def built():
    return sorted(
        name for name in ev.__all__
        if isinstance(getattr(getattr(ev, name), "__pydantic_validator__", None),
                      pydantic_core.SchemaValidator)
    )

at_import = built()
event = ev.parse_event(sys.argv[1])
after_parse = built()
direct = ev.CallDtmfReceived.model_validate_json(json.dumps(json.loads(sys.argv[1])["data"]))
print(json.dumps({
    "at_import": at_import,
    "after_parse": after_parse,
    "event": type(event).__name__,
    "direct": type(direct).__name__,
    "events_loaded": "telnyx_gather.events._union" in sys.modules,
    "heavy": sorted(
        m for m in sys.modules
        if m == "telnyx" or m.startswith(("telnyx.", "telnyx_gather.commands", "telnyx_gather.client"))
    ),
}))
"""

BODY = {
    "data": {
        "record_type": "event",
        "event_type": "call.dtmf.received",
        "id": "4a8a1e0b-52f2-4f6e-9b1e-3b2a5f9e7c10",
        "occurred_at": "2026-11-24T10:15:02.123456Z",
        "payload": {
            "call_control_id": "v3:abc",
            "call_leg_id": "leg",
            "call_session_id": "session",
            "connection_id": "7267",
            "digit": "5",
        },
    }
}


def _run() -> dict[str, object]:
    out = subprocess.run(
        [sys.executable, "-c", CHECK, json.dumps(BODY)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    result: dict[str, object] = json.loads(out)
    return result


def test_importing_events_builds_no_validator_and_parsing_builds_only_the_union() -> None:
    result = _run()
    assert result["at_import"] == []
    assert result["event"] == "CallDtmfReceived"
    # Parsing builds the union's validator, not one per event class.
    assert result["after_parse"] == []
    # A class used on its own still validates: it builds its validator then.
    assert result["direct"] == "CallDtmfReceived"


def test_webhook_path_imports_neither_commands_nor_the_sdk() -> None:
    result = _run()
    assert result["events_loaded"] is True
    assert result["heavy"] == []


HANDLES = """
import json, sys
from telnyx_gather import AsyncCall, Call, CommandResult
from telnyx_gather.client import Call as PackageCall
print(json.dumps({
    "same": Call is PackageCall,
    "result": CommandResult(result="ok").result,
    "handle": repr(Call(None, "v3:abc")),
    "sdk": sorted(m for m in sys.modules if m == "telnyx" or m.startswith("telnyx.")),
    "clients": "telnyx_gather.client._clients" in sys.modules,
}))
"""


def test_call_handles_and_result_import_without_the_sdk() -> None:
    out = subprocess.run(
        [sys.executable, "-c", HANDLES], check=True, capture_output=True, text=True
    ).stdout
    assert json.loads(out) == {
        "same": True,
        "result": "ok",
        "handle": "Call('v3:abc')",
        "sdk": [],
        "clients": False,
    }
