"""Redaction: a cassette of a call with numbers, SIP headers, a transcript and client_state
holds none of them in clear, and never a secret; the rules can be changed."""

from __future__ import annotations

import base64
import json
from pathlib import Path

import pytest

from telnyx_gather import encode_client_state
from telnyx_gather.testing import (
    Cassette,
    CassetteError,
    CassetteRecorder,
    RecordedCommand,
    Redaction,
    call_ai_gather_ended,
    call_initiated,
    webhook_body,
)

CALL = "v3:redaction-call"
SECRETS = [
    "+13125550101",  # the caller
    "+13125550199",  # the number called
    "Alice Liddell",  # caller id name
    "alice@wonderland.example",  # a SIP URI's user
    "X-Account-Token",  # a SIP header's name...
    "acct-998877",  # ...and its value
    "I would like a table for Alice",  # a transcript
    "Alice",  # the name in the AI result, repeated in a command's prompt
    "4111111111111111",  # a card number in client_state
    "hunter2",  # a password in a command
    "sekrit-token",  # a token in a webhook URL's query
]


def _record(tmp_path: Path, redaction: Redaction | None = None) -> str:
    recorder = CassetteRecorder(tmp_path, redaction)
    state = encode_client_state({"step": "booking", "card": "4111111111111111"})
    recorder.delivery(
        call_initiated(
            call_control_id=CALL,
            from_="+13125550101",
            to="+13125550199",
            caller_id_name="Alice Liddell",
            from_sip_uri="sip:alice@wonderland.example",
            custom_headers=[{"name": "X-Account-Token", "value": "acct-998877"}],
            client_state=state,
        ),
        200,
        [RecordedCommand("answer", {"client_state": state})],
    )
    recorder.delivery(
        webhook_body(
            "call.transcription",
            {
                "call_control_id": CALL,
                "transcription_data": {"transcript": "I would like a table for Alice"},
            },
        ),
        200,
    )
    recorder.delivery(
        call_ai_gather_ended(
            call_control_id=CALL,
            result={"name": "Alice", "guests": 4},
            message_history=[{"role": "user", "content": "I would like a table for Alice"}],
            client_state=state,
        ),
        200,
        [
            RecordedCommand(
                "transfer",
                {
                    "to": "+13125550101",
                    "sip_auth_password": "hunter2",
                    "webhook_url": "https://user:pw@hooks.example/t?token=sekrit-token",
                    "audio_url": "https://cdn.example/hold.mp3",
                },
            ),
            RecordedCommand("speak", {"payload": "See you soon, Alice. We call +13125550101."}),
        ],
    )
    recorder.close()
    return recorder.paths[CALL].read_text()


def _clear(text: str) -> str:
    """The cassette with every base64 client_state decoded too, so nothing hides in it."""
    decoded = [text]
    for line in text.splitlines():
        for token in line.replace('"', " ").split():
            try:
                decoded.append(base64.b64decode(token, validate=True).decode("utf-8", "replace"))
            except ValueError:
                continue
    return "\n".join(decoded)


def test_a_cassette_holds_nothing_personal_in_clear(tmp_path: Path) -> None:
    text = _clear(_record(tmp_path))
    assert [secret for secret in SECRETS if secret in text] == []


def test_what_stays_lets_the_call_replay(tmp_path: Path) -> None:
    tape = Cassette.parse(_record(tmp_path).splitlines())
    initiated, _, ended = tape.deliveries
    payload = initiated.body["data"]["payload"]
    assert payload["from"] == "+15550000001"
    assert payload["to"] == "+15550000002"
    assert payload["caller_id_name"] == "<redacted>"
    assert payload["custom_headers"] == [{"name": "<redacted>", "value": "<redacted>"}]
    state = json.loads(base64.b64decode(payload["client_state"]))
    assert state == {"step": "booking", "card": "<redacted>"}  # the step routes the replay
    result = ended.body["data"]["payload"]["result"]
    assert result == {"name": "<redacted>", "guests": 4}  # still fits the model
    transfer, speak = ended.commands
    assert transfer.body["to"] == "+15550000001"  # the caller's stand-in, as in the delivery
    assert transfer.body["sip_auth_password"] == "<redacted>"
    assert transfer.body["webhook_url"] == "https://hooks.example/t"
    assert transfer.body["audio_url"] == "https://cdn.example/hold.mp3"
    assert speak.body["payload"] == "See you soon, <redacted>. We call +15550000001."
    assert "delivered_to" not in initiated.body["meta"]


def test_signatures_and_headers_are_never_written(tmp_path: Path) -> None:
    text = _record(tmp_path)
    assert "signature" not in text.lower()
    assert "timestamp" not in text.lower()


def test_the_rules_can_be_changed(tmp_path: Path) -> None:
    rules = Redaction(
        phone_numbers=False,
        keep_fields=frozenset({"caller_id_name"}),
        mask_fields=frozenset({"audio_url"}),
        client_state=None,
    )
    tape = Cassette.parse(_record(tmp_path, rules).splitlines())
    payload = tape.deliveries[0].body["data"]["payload"]
    assert payload["from"] == "+13125550101"
    assert payload["caller_id_name"] == "Alice Liddell"
    assert payload["custom_headers"][0]["value"] == "<redacted>"
    transfer = tape.deliveries[2].commands[0]
    assert transfer.body["audio_url"] == "<redacted>"
    assert transfer.body["sip_auth_password"] == "<redacted>"  # secrets always


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "not a cassette"),
        ('{"cassette": 1}\nnot json', "line 2 of the cassette is not JSON"),
        ('{"cassette": 1}\n[1]', "line 2 of the cassette is not a JSON object"),
        ('{"cassette": 1}\n{"body": 3}', "line 2 of the cassette is not a delivery"),
        ('{"cassette": 1}\n{"body": {}, "commands": [{}]}', "line 2 of the cassette has a bad"),
    ],
)
def test_a_bad_cassette_is_named_by_line_never_echoed(text: str, message: str) -> None:
    with pytest.raises(CassetteError, match=message) as caught:
        Cassette.parse(text.splitlines())
    assert "not json" not in str(caught.value).replace("not JSON", "")


def test_a_missing_cassette_file(tmp_path: Path) -> None:
    with pytest.raises(CassetteError, match="cannot read the cassette"):
        Cassette.load(tmp_path / "nope.jsonl")
