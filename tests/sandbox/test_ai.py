"""AI gathers and the AI assistant: which webhooks, in which order, with what in them."""

from __future__ import annotations

from typing import Any

import pytest
import telnyx
from syrupy.assertion import SnapshotAssertion

from telnyx_gather import CallAIGatherEnded, CallConversationEnded
from telnyx_gather.testing import Sandbox

from .conftest import timeline

PARAMETERS = {
    "type": "object",
    "properties": {"age": {"type": "integer"}, "city": {"type": "string"}},
    "required": ["age", "city"],
}


def _gather_ai(client: telnyx.Telnyx, call_control_id: str, **extra: Any) -> str:
    response = client.calls.actions.gather_using_ai(call_control_id, parameters=PARAMETERS, **extra)
    assert response.data is not None
    assert response.data.conversation_id is not None
    return str(response.data.conversation_id)


def test_partial_results_and_history_updates_come_when_asked(
    sandbox: Sandbox, client: telnyx.Telnyx, snapshot: SnapshotAssertion
) -> None:
    call = sandbox.dial().answer_ai({"age": 29, "city": "Paris"}, say="I'm 29, from Paris.")
    conversation_id = _gather_ai(
        client,
        call.call_control_id,
        greeting="How old are you, and where do you live?",
        gather_ended_speech="Thank you.",
        send_partial_results=True,
        send_message_history_updates=True,
        message_history=[{"role": "assistant", "content": "Hello."}],
    )
    sandbox.wait_idle()

    log = sandbox.deliveries
    assert [d.event_type for d in log] == [
        "call.ai_gather.message_history_updated",
        "call.ai_gather.message_history_updated",
        "call.ai_gather.partial_results",
        "call.ai_gather.partial_results",
        "call.ai_gather.message_history_updated",
        "call.ai_gather.ended",
        "call.conversation.ended",
    ]
    ended, conversation = log[-2].event, log[-1].event
    assert isinstance(ended, CallAIGatherEnded)
    assert (ended.payload.status, ended.payload.result) == ("valid", {"age": 29, "city": "Paris"})
    assert isinstance(conversation, CallConversationEnded)
    assert conversation.payload.conversation_id == conversation_id
    assert timeline(log) == snapshot


def test_without_the_flags_only_the_ends_are_sent(sandbox: Sandbox, client: telnyx.Telnyx) -> None:
    call = sandbox.dial().answer_ai({"age": 29, "city": "Paris"})
    _gather_ai(client, call.call_control_id, greeting="Hi")
    sandbox.wait_idle()
    assert [d.event_type for d in sandbox.deliveries] == [
        "call.ai_gather.ended",
        "call.conversation.ended",
    ]


def test_explicit_partials_are_sent_in_order(sandbox: Sandbox, client: telnyx.Telnyx) -> None:
    partials: list[dict[str, Any]] = [{"city": "Paris"}, {"city": "Paris", "age": 29}]
    call = sandbox.dial().answer_ai({"age": 29, "city": "Paris"}, partial=partials)
    _gather_ai(client, call.call_control_id, send_partial_results=True)
    sandbox.wait_idle()
    sent = [
        e.payload.partial_results for e in call.events() if hasattr(e.payload, "partial_results")
    ]
    assert sent == partials


def test_a_result_missing_a_required_field_is_invalid(
    sandbox: Sandbox, client: telnyx.Telnyx
) -> None:
    call = sandbox.dial().answer_ai({"age": 29})
    _gather_ai(client, call.call_control_id)
    ended = sandbox.wait_for("call.ai_gather.ended").event
    assert isinstance(ended, CallAIGatherEnded)
    assert (ended.payload.status, ended.payload.result) == ("invalid", {"age": 29})


def test_a_silent_caller_times_out_invalid(sandbox: Sandbox, client: telnyx.Telnyx) -> None:
    call = sandbox.dial().stay_silent()
    _gather_ai(client, call.call_control_id, user_response_timeout_ms=4000)
    ended = sandbox.wait_for("call.ai_gather.ended").event
    assert isinstance(ended, CallAIGatherEnded)
    assert (ended.payload.status, ended.payload.result) == ("invalid", None)
    conversation = sandbox.wait_for("call.conversation.ended").event
    assert isinstance(conversation, CallConversationEnded)
    assert conversation.payload.duration_sec == 4


def test_assistant_start_and_stop(sandbox: Sandbox, client: telnyx.Telnyx) -> None:
    call = sandbox.dial()
    actions = client.calls.actions
    started = actions.start_ai_assistant(
        call.call_control_id, greeting="Hi there", client_state="YXNzaXN0YW50"
    )
    actions.add_ai_assistant_messages(
        call.call_control_id, messages=[{"role": "user", "content": "I need help."}]
    )
    with pytest.raises(telnyx.UnprocessableEntityError) as twice:
        actions.start_ai_assistant(call.call_control_id, client_state="cmVqZWN0ZWQ=")
    sandbox.wait_idle()
    assert sandbox.deliveries == []

    actions.stop_ai_assistant(call.call_control_id)
    sandbox.wait_idle()

    assert twice.value.body == {
        "errors": [
            {
                "code": "90061",
                "title": "AI Assistant is already in progress",
                "detail": "AI Assistant cannot be started more than once.",
            }
        ]
    }
    assert [d.event_type for d in sandbox.deliveries] == [
        "call.conversation.ended",
        "call.conversation_insights.generated",
    ]
    ended = sandbox.deliveries[0].event
    assert isinstance(ended, CallConversationEnded)
    assert started.data is not None
    assert ended.payload.conversation_id == str(started.data.conversation_id)
    assert ended.payload.client_state == "YXNzaXN0YW50"  # not the rejected command's
    assert [(m.role, m.content) for m in ended.payload.messages or []] == [
        ("assistant", "Hi there"),
        ("user", "I need help."),
    ]


def test_hanging_up_ends_the_assistant(sandbox: Sandbox, client: telnyx.Telnyx) -> None:
    call = sandbox.dial()
    client.calls.actions.start_ai_assistant(call.call_control_id)
    call.hang_up_now()
    sandbox.wait_idle()
    assert [d.event_type for d in sandbox.deliveries] == [
        "call.conversation.ended",
        "call.conversation_insights.generated",
        "call.hangup",
    ]


def test_hanging_up_mid_ai_gather_ends_it_and_the_conversation() -> None:
    with (
        Sandbox(time_scale=1.0) as live,
        telnyx.Telnyx(api_key=live.api_key, base_url=live.base_url, max_retries=0) as client,
    ):
        call = live.dial().answer_ai({"age": 29, "city": "Paris"}, delay=5)
        _gather_ai(client, call.call_control_id, greeting="Hello")
        call.hang_up_now()
        live.wait_for("call.hangup")  # the last webhook of the call
        ended = live.deliveries[0].event
        assert [d.event_type for d in live.deliveries] == [
            "call.ai_gather.ended",
            "call.conversation.ended",
            "call.hangup",
        ]
        assert isinstance(ended, CallAIGatherEnded)
        assert (ended.payload.status, ended.payload.result) == ("invalid", None)


def test_a_new_gather_ends_the_ai_conversation() -> None:
    with (
        Sandbox(time_scale=1.0) as live,
        telnyx.Telnyx(api_key=live.api_key, base_url=live.base_url, max_retries=0) as client,
    ):
        call = live.dial()
        conversation_id = _gather_ai(client, call.call_control_id, greeting="Hello")
        client.calls.actions.gather(call.call_control_id, initial_timeout_millis=60000)
        conversation = live.wait_for("call.conversation.ended").event
        assert isinstance(conversation, CallConversationEnded)
        assert conversation.payload.conversation_id == conversation_id
        assert [d.event_type for d in live.deliveries] == ["call.conversation.ended"]
