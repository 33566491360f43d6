"""The sandbox plays the AI assistant: variables, signed tool calls, deadlines, the transcript.

The tools are served over real HTTP: by the loopback `Recorder` where the
test reads exactly what was posted, and by a `Router` on uvicorn where the
app's own tool serving answers.
"""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Iterator
from typing import Any

import pytest
import telnyx
from pydantic import BaseModel
from starlette.applications import Starlette

from telnyx_gather import CallConversationEnded, GatherClient, Router
from telnyx_gather.commands import webhook_tool
from telnyx_gather.integrations.starlette import serve_tools
from telnyx_gather.router import ToolContext
from telnyx_gather.testing import AssistantTurn, HangUp, Sandbox, ToolUse
from telnyx_gather.testing._timeline import timeline_rows
from telnyx_gather.verify import WebhookVerifier
from tests.loopback import Recorder, Reply, free_port, serve_asgi

from .conftest import FAST


class Lookup(BaseModel):
    """Look an order up."""

    order: str


def _tool(url: str, **settings: Any) -> dict[str, Any]:
    return webhook_tool(Lookup, name="lookup", url=url, **settings).model_dump(
        mode="json", by_alias=True, exclude_none=True
    )


def _transcript(sandbox: Sandbox, call_control_id: str) -> list[dict[str, Any]]:
    ended = sandbox.wait_for("call.conversation.ended", call_control_id=call_control_id)
    sandbox.wait_idle()
    assert isinstance(ended.event, CallConversationEnded)
    messages: list[dict[str, Any]] = json.loads(ended.body)["data"]["payload"]["messages"]
    return messages


@pytest.fixture
def recorder() -> Iterator[Recorder]:
    with Recorder() as running:
        yield running


def test_tool_calls_are_signed_bare_arguments_with_the_call_named(
    sandbox: Sandbox, client: telnyx.Telnyx, recorder: Recorder
) -> None:
    recorder.reply(Reply(body={"status": "shipped"}))
    tool = _tool(
        f"{recorder.url}/tools/lookup",
        preset_body_fields={"account": "{{account}}"},
        store_fields_as_variables=[{"name": "order_status", "value_path": "status"}],
    )
    call = sandbox.dial().talk("Where is order 42?", ToolUse.of("lookup", Lookup(order="42")))
    client.calls.actions.start_ai_assistant(
        call.call_control_id,
        assistant={"tools": [tool], "dynamic_variables": {"account": "acme"}},
        greeting="Hi!",
    )
    messages = _transcript(sandbox, call.call_control_id)

    (posted,) = recorder.requests
    assert posted.path == "/tools/lookup"
    assert posted.json() == {"order": "42", "account": "acme"}
    assert posted.headers["x-telnyx-call-control-id"] == call.call_control_id
    WebhookVerifier(sandbox.public_key).verify(posted.body, posted.headers)
    tool_call = messages[2]["tool_calls"][0]
    assert (tool_call["type"], tool_call["function"]["name"]) == ("function", "lookup")
    assert json.loads(tool_call["function"]["arguments"]) == {"order": "42"}
    assert messages[3] == {
        "role": "tool",
        "tool_call_id": tool_call["id"],
        "content": '{"status": "shipped"}',
    }
    assert messages[4] == {"role": "assistant", "content": "Done: I used lookup."}


def test_the_dynamic_variables_reply_fills_the_greeting(
    sandbox: Sandbox, client: telnyx.Telnyx, recorder: Recorder
) -> None:
    recorder.reply(Reply(body={"dynamic_variables": {"name": "Ada", "plan": "gold"}}))
    sandbox.assistant(
        "assistant-1",
        greeting="Hello {{name}}, on {{plan}} since {{year}} ({{unknown}}).",
        dynamic_variables={"name": "there", "year": 2020},
        dynamic_variables_webhook_url=f"{recorder.url}/variables",
    )
    call = sandbox.dial(from_="+13125550101").talk("Hi.", reply="Bye.")
    client.calls.actions.start_ai_assistant(
        call.call_control_id, assistant={"id": "assistant-1", "dynamic_variables": {"plan": "vip"}}
    )
    messages = _transcript(sandbox, call.call_control_id)

    assert messages == [
        {"role": "assistant", "content": "Hello Ada, on vip since 2020 ({{unknown}})."},
        {"role": "user", "content": "Hi."},
        {"role": "assistant", "content": "Bye."},
    ]
    (posted,) = recorder.requests
    WebhookVerifier(sandbox.public_key).verify(posted.body, posted.headers)
    data = posted.json()["data"]
    assert data["event_type"] == "assistant.initialization"
    assert data["payload"]["call_control_id"] == call.call_control_id
    assert data["payload"]["telnyx_end_user_target"] == "+13125550101"
    assert data["payload"]["assistant_id"] == "assistant-1"


def test_a_late_variables_reply_leaves_the_defaults(
    sandbox: Sandbox, client: telnyx.Telnyx, recorder: Recorder
) -> None:
    recorder.reply(Reply(body={"dynamic_variables": {"name": "Ada"}}, delay=0.5))
    sandbox.assistant(
        "assistant-1",
        greeting="Hello {{name}}.",
        dynamic_variables={"name": "there"},
        dynamic_variables_webhook_url=f"{recorder.url}/variables",
        dynamic_variables_webhook_timeout_ms=100,
    )
    call = sandbox.dial().talk("Hi.")
    client.calls.actions.start_ai_assistant(call.call_control_id, assistant={"id": "assistant-1"})
    messages = _transcript(sandbox, call.call_control_id)

    assert messages[0] == {"role": "assistant", "content": "Hello there."}
    (post,) = sandbox.assistant_posts(call.call_control_id)
    assert (post.kind, post.ok, post.error) == ("initialization", False, "no answer within 100 ms")


def test_a_tool_that_overruns_its_timeout_is_reported(
    sandbox: Sandbox, client: telnyx.Telnyx
) -> None:
    port = free_port()
    router = Router(
        verifier=WebhookVerifier(sandbox.public_key),
        client=GatherClient(api_key=sandbox.api_key, base_url=sandbox.base_url),
    )

    @router.tool("lookup")
    async def lookup(args: Lookup, context: ToolContext) -> dict[str, str]:
        await asyncio.sleep(1.0)  # longer than the tool's timeout_ms
        return {"status": "late"}

    app = Starlette()
    app.add_route("/tools/{name}", serve_tools(router), methods=["POST"])
    tool = _tool(f"http://127.0.0.1:{port}/tools/lookup", timeout_ms=200)
    call = sandbox.dial().talk(
        "Where is it?", ToolUse.of("lookup", {"order": "7"}), ToolUse.of("refund", {})
    )
    with serve_asgi(app, port):
        client.calls.actions.start_ai_assistant(call.call_control_id, assistant={"tools": [tool]})
        messages = _transcript(sandbox, call.call_control_id)

    assert json.loads(messages[2]["content"]) == {
        "error": "no_answer",
        "message": "no answer within 200 ms",
    }
    assert json.loads(messages[4]["content"])["message"] == (
        "the assistant has no webhook tool of this name"
    )
    posts = sandbox.assistant_posts(call.call_control_id)
    assert [(p.name, p.ok, p.status, p.error) for p in posts] == [
        ("lookup", False, None, "no answer within 200 ms"),
        ("refund", False, None, "the assistant has no webhook tool of this name"),
    ]
    rows = [(arrow, name, detail) for _, arrow, name, detail in timeline_rows(sandbox.log())]
    assert ("<-", "tool lookup", "no answer within 200 ms  FAILED") in rows
    assert posts[0].summary().endswith("no answer within 200 ms FAILED")


def test_the_caller_hanging_up_ends_the_conversation_with_its_transcript(
    sandbox: Sandbox, client: telnyx.Telnyx
) -> None:
    call = sandbox.dial(AssistantTurn(say="Hello?", reply="Hi!"), HangUp(delay=2))
    client.calls.actions.start_ai_assistant(call.call_control_id, greeting="Welcome.")
    messages = _transcript(sandbox, call.call_control_id)

    assert [d.event_type for d in sandbox.deliveries] == [
        "call.conversation.ended",
        "call.conversation_insights.generated",
        "call.hangup",
    ]
    assert [m["content"] for m in messages] == ["Welcome.", "Hello?", "Hi!"]
    assert call.ended


def test_stopping_the_assistant_ends_the_conversation_mid_script() -> None:
    with Sandbox(time_scale=FAST * 10) as slow:
        call = slow.dial().talk("One.", delay=1).talk("Two.", delay=3600)
        with telnyx.Telnyx(api_key=slow.api_key, base_url=slow.base_url, max_retries=0) as api:
            api.calls.actions.start_ai_assistant(call.call_control_id, greeting="Hi.")
            api.calls.actions.stop_ai_assistant(call.call_control_id)
        messages = _transcript(slow, call.call_control_id)
    assert messages[0] == {"role": "assistant", "content": "Hi."}
    assert "Two." not in [m["content"] for m in messages]


def test_an_async_tool_may_answer_late_and_its_result_comes_later(
    sandbox: Sandbox, client: telnyx.Telnyx, recorder: Recorder
) -> None:
    recorder.reply(Reply(body={"status": "queued"}, delay=0.5))
    tool = _tool(f"{recorder.url}/tools/lookup", async_=True, async_timeout_ms=100)
    call = sandbox.dial().talk("Check order 9.", ToolUse.of("lookup", {"order": "9"}))
    client.calls.actions.start_ai_assistant(call.call_control_id, assistant={"tools": [tool]})
    deadline = time.monotonic() + 10  # a bound on waiting for the post, not a timing
    while not sandbox.assistant_posts(call.call_control_id) and time.monotonic() < deadline:
        time.sleep(0.01)
    (post,) = sandbox.assistant_posts(call.call_control_id)
    assert (post.is_async, post.timed_out, post.ok) == (True, True, True)
    assert sandbox.events(call.call_control_id) == []  # the conversation awaits the result

    client.calls.actions.add_ai_assistant_messages(
        call.call_control_id, messages=[{"role": "developer", "content": "Order 9 ships today."}]
    )
    messages = _transcript(sandbox, call.call_control_id)

    assert [m["role"] for m in messages] == ["user", "assistant", "tool", "assistant", "developer"]
    assert json.loads(messages[2]["content"]) == {"status": "submitted"}
    assert messages[4]["content"] == "Order 9 ships today."
