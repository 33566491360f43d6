"""The assistant example, end to end over real HTTP: the sandbox plays the AI assistant.

The example is served by uvicorn on loopback; the sandbox rings it, runs the
commands it sends through the unmodified `telnyx` client, asks its
dynamic-variables webhook for the caller's name, and calls its two tools,
signed, with the scripted arguments.
"""

from __future__ import annotations

import json
import runpy
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel

from telnyx_gather import AddAIAssistantMessages, CallConversationEnded, StartAIAssistant
from telnyx_gather.testing import CallFlow, Sandbox, SandboxCall, ToolUse
from tests.cli.test_cli import cli
from tests.loopback import free_port, serve_asgi

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
ASSISTANT = "assistant-tables"
KNOWN, STRANGER = "+13125550101", "+13125550199"


class Booking(BaseModel):
    """The arguments of `book_table`, as the test reads them back from the transcript."""

    name: str
    party_size: int
    time: str


@pytest.fixture
def flow(monkeypatch: pytest.MonkeyPatch) -> Iterator[CallFlow]:
    """The example on uvicorn, its assistant saved in the sandbox, wired together."""
    port = free_port()
    app_url = f"http://127.0.0.1:{port}"
    with Sandbox(time_scale=0.01) as sandbox:
        sandbox.assistant(
            ASSISTANT,
            dynamic_variables_webhook_url=f"{app_url}/assistant/variables",
            dynamic_variables={"full_name": "friend"},
            dynamic_variables_webhook_timeout_ms=5000,  # Telnyx's 1500, with room for a busy CI
        )
        monkeypatch.setenv("TELNYX_PUBLIC_KEY", sandbox.public_key)
        monkeypatch.setenv("TELNYX_API_KEY", sandbox.api_key)
        monkeypatch.setenv("TELNYX_BASE_URL", sandbox.base_url)
        monkeypatch.setenv("APP_URL", app_url)
        monkeypatch.setenv("ASSISTANT_ID", ASSISTANT)
        app = runpy.run_path(str(EXAMPLES / "assistant_app.py"))["app"]
        with serve_asgi(app, port):
            yield CallFlow(sandbox, f"{app_url}/webhooks/telnyx")


def _booking(flow: CallFlow, call: SandboxCall) -> tuple[CallConversationEnded, list[Any]]:
    """Wait for the conversation's end; its event and the transcript as JSON."""
    ended = flow.sandbox.wait_for(
        "call.conversation.ended", call_control_id=call.call_control_id, timeout=30
    )
    flow.sandbox.wait_idle(timeout=30)
    event = ended.event
    assert isinstance(event, CallConversationEnded)
    return event, json.loads(ended.body)["data"]["payload"]["messages"]


def test_the_assistant_books_a_table_and_confirms_it_later(flow: CallFlow) -> None:
    call = flow.ring(from_=KNOWN).talk(
        "A table for two at 7 pm, for Ada.",
        ToolUse.of("book_table", {"name": "Ada", "party_size": 2, "time": "7 pm"}),
    )
    flow.expect(StartAIAssistant, call, timeout=30)
    event, messages = _booking(flow, call)

    assert [m["role"] for m in messages] == ["assistant", "user", "assistant", "tool", "assistant"]
    assert messages[0]["content"] == "Hello Ada Lovelace! Would you like to book a table?"
    said = event.payload.messages or []
    calls = said[2].tool_calls or []
    function = calls[0].function
    assert function is not None
    assert function.name == "book_table"
    assert function.arguments_as(Booking) == Booking(name="Ada", party_size=2, time="7 pm")
    assert said[3].tool_call_id == calls[0].id
    booked = json.loads(messages[3]["content"])
    assert booked["status"] == "booked"
    assert booked["reference"].startswith("T-")


def test_both_tools_and_the_async_result(flow: CallFlow) -> None:
    book = ToolUse.of("book_table", {"name": "Ada", "party_size": 2, "time": "7 pm"})
    call = flow.ring(from_=STRANGER).talk("A table for two at 7 pm.", book)
    call.talk("And a confirmation, please.", ToolUse.of("send_confirmation", {"reference": "T-1"}))
    _, messages = _booking(flow, call)

    added = flow.expect(AddAIAssistantMessages, call)
    assert added.to_params()["messages"] == [
        {"role": "developer", "content": "The confirmation of T-1 was sent."}
    ]
    assert messages[0]["content"] == "Hello there! Would you like to book a table?"
    roles = [m["role"] for m in messages]
    assert roles == [
        "assistant",  # the greeting
        "user",
        "assistant",  # book_table's call
        "tool",
        "assistant",
        "user",
        "assistant",  # send_confirmation's call
        "tool",  # its first answer: submitted
        "assistant",
        "developer",  # its result, added later by the app
    ]
    assert json.loads(messages[7]["content"]) == {"status": "submitted"}
    posts = flow.assistant_posts(call)
    assert [(p.kind, p.name, p.status, p.is_async) for p in posts] == [
        ("initialization", "assistant.initialization", 200, False),
        ("tool", "book_table", 200, False),
        ("tool", "send_confirmation", 200, True),
    ]
    assert all(p.ok for p in posts)


def test_a_misfit_argument_gets_a_structured_error_in_the_transcript(flow: CallFlow) -> None:
    misfit = ToolUse.of("book_table", {"name": "Ada", "party_size": "lots", "time": "7 pm"})
    call = flow.ring(from_=KNOWN).talk("A table for lots of us.", misfit)
    _, messages = _booking(flow, call)

    error = json.loads(messages[3]["content"])
    assert error["error"] == "bad_arguments"
    assert [p["field"] for p in error["problems"]] == ["party_size"]
    assert "lots" not in messages[3]["content"]
    (post,) = [p for p in flow.assistant_posts(call) if p.kind == "tool"]
    assert (post.status, post.ok) == (422, False)
    rows = flow.sandbox.log(call.call_control_id)["assistant"]
    assert [(r["name"], r["status"], r["ok"]) for r in rows][1:] == [("book_table", 422, False)]


def test_the_cli_shows_each_tool_call_and_fails_on_a_refused_one(flow: CallFlow) -> None:
    turn = {
        "say": "A table for lots of us.",
        "tools": [{"name": "book_table", "arguments": {"name": "Ada", "party_size": "lots"}}],
    }
    url = flow.webhook_url
    result = cli(
        "call", url, "--sandbox", flow.sandbox.base_url, "--from", KNOWN,
        "--talk", json.dumps(turn), "--hang-up", "--patience", "3000", "--timeout", "30",
    )  # fmt: skip

    assert result.returncode == 1, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert any("assistant.initialization" in line and " 200" in line for line in lines)
    assert any("tool book_table" in line and "422  FAILED" in line for line in lines)
    assert "FAILED: the assistant's tool book_table failed: 422" in lines
    assert any("call.conversation.ended" in line for line in lines)
