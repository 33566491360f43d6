"""The sandbox's HTTP surface: auth, validation, unknown calls, response shapes, control API."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from typing import Any

import pytest
import telnyx
from jsonschema import Draft202012Validator

from telnyx_gather.commands import COMMANDS
from telnyx_gather.testing import Sandbox
from telnyx_gather.testing.sandbox.behaviours import BEHAVIOURS
from tests.conftest import load_call_control_spec, load_spec

OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def post(sandbox: Sandbox, path: str, body: bytes, token: str | None = None) -> tuple[int, Any]:
    """POST raw bytes; return the status and the decoded JSON answer."""
    headers = {"Content-Type": "application/json"}
    if token is not None:
        headers["Authorization"] = f"Bearer {token}"
    request = urllib.request.Request(sandbox.base_url + path, data=body, headers=headers)
    try:
        with OPENER.open(request, timeout=5) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as exc:
        with exc:
            return exc.code, json.loads(exc.read())


def schema(name: str) -> Draft202012Validator:
    """A validator for one component of the spec, with its references resolvable."""
    components = load_spec()["components"]
    root = {"$ref": f"#/components/{name}", "components": components}
    return Draft202012Validator(root, format_checker=Draft202012Validator.FORMAT_CHECKER)


def response_schema(name: str) -> Draft202012Validator:
    components = load_spec()["components"]
    inner = components["responses"][name]["content"]["application/json"]["schema"]
    return Draft202012Validator({**inner, "components": components})


def test_it_serves_every_action_of_the_spec() -> None:
    served = {f"/calls/{{call_control_id}}/actions/{action}" for action in BEHAVIOURS}
    actions = {path for path in load_call_control_spec()["paths"] if "/actions/" in path}
    assert actions <= served
    assert set(load_spec()["paths"]) <= served
    # Every builder that acts on a call is served; `Dial` is `POST /calls`.
    assert set(BEHAVIOURS) == {a for a, cls in COMMANDS.items() if cls.acts_on_call}


@pytest.mark.parametrize("token", [None, "wrong-key", ""])
def test_requests_without_the_api_key_get_401(sandbox: Sandbox, token: str | None) -> None:
    call = sandbox.dial()
    status, body = post(sandbox, f"/calls/{call.call_control_id}/actions/gather", b"{}", token)
    assert status == 401
    assert body["errors"][0]["code"] == "10009"
    assert body["errors"][0]["title"] == "Authentication failed"
    response_schema("call-control_GenericErrorResponse").validate(body)
    sandbox.wait_idle()
    assert sandbox.deliveries == []


def test_the_sdk_raises_its_own_authentication_error(sandbox: Sandbox) -> None:
    call = sandbox.dial()
    with (
        telnyx.Telnyx(api_key="not-the-key", base_url=sandbox.base_url, max_retries=0) as client,
        pytest.raises(telnyx.AuthenticationError),
    ):
        client.calls.actions.stop_gather(call.call_control_id)


@pytest.mark.parametrize(
    ("action", "body", "pointer", "code"),
    [
        ("gather", {"maximum_digits": "ten"}, "/maximum_digits", "10020"),
        ("gather", {"valid_digits": "12x"}, "/valid_digits", None),
        ("gather", {"minimum_digits": 5, "maximum_digits": 2}, None, None),
        ("gather", {"no_such_field": 1}, "/no_such_field", "10015"),
        ("gather_using_speak", {"voice": "male"}, "/payload", "10004"),
        (
            "gather_using_speak",
            {"payload": "Hi", "voice": "male", "payload_type": "mp3"},
            "/payload_type",
            "10032",
        ),
        ("gather_using_ai", {}, "/parameters", "10004"),
        ("gather_stop", {"client_state": "not base64!"}, "/client_state", None),
        ("ai_assistant_add_messages", {"messages": [{"role": "robot"}]}, None, None),
    ],
)
def test_invalid_bodies_get_422_naming_the_field(
    sandbox: Sandbox,
    action: str,
    body: dict[str, Any],
    pointer: str | None,
    code: str | None,
) -> None:
    call = sandbox.dial().press("1")
    path = f"/calls/{call.call_control_id}/actions/{action}"

    status, answer = post(sandbox, path, json.dumps(body).encode(), sandbox.api_key)

    assert status == 422
    response_schema("UnprocessableEntityResponse").validate(answer)
    first = answer["errors"][0]
    if pointer is not None:
        assert first["source"]["pointer"] == pointer
        assert pointer.lstrip("/") in first["detail"]
    if code is not None:
        assert first["code"] == code
    sandbox.wait_idle()
    assert sandbox.deliveries == []


def test_malformed_json_gets_400(sandbox: Sandbox) -> None:
    call = sandbox.dial()
    path = f"/calls/{call.call_control_id}/actions/gather"
    status, answer = post(sandbox, path, b'{"maximum_digits": ', sandbox.api_key)
    assert (status, answer["errors"][0]["code"]) == (400, "10023")


def test_a_body_over_a_mebibyte_gets_413(sandbox: Sandbox) -> None:
    call = sandbox.dial()
    path = f"/calls/{call.call_control_id}/actions/gather"
    body = b'{"gather_id": "' + b"x" * 1_048_576 + b'"}'
    status, answer = post(sandbox, path, body, sandbox.api_key)
    assert (status, answer["errors"][0]["code"]) == (413, "10015")


def test_error_details_escape_hostile_field_names(sandbox: Sandbox) -> None:
    call = sandbox.dial()
    path = f"/calls/{call.call_control_id}/actions/gather_stop"
    status, answer = post(sandbox, path, b'{"\\u001b[31mx\\n": 1}', sandbox.api_key)
    assert status == 422
    assert "\x1b" not in answer["errors"][0]["detail"]
    assert "\n" not in answer["errors"][0]["detail"]


def test_unknown_call_gets_422(sandbox: Sandbox, client: telnyx.Telnyx) -> None:
    with pytest.raises(telnyx.UnprocessableEntityError) as caught:
        client.calls.actions.gather("v3:no-such-call")
    assert caught.value.body == {
        "errors": [
            {
                "code": "90015",
                "title": "Invalid Call Control ID",
                "detail": "The call_control_id provided was not valid.",
                "source": {"pointer": "/call_control_id"},
            }
        ]
    }


def test_unknown_paths_get_404(sandbox: Sandbox) -> None:
    call = sandbox.dial()
    for path in (f"/calls/{call.call_control_id}/actions/dance", "/calls/x", "/numbers"):
        status, answer = post(sandbox, path, b"{}", sandbox.api_key)
        assert (status, answer["errors"][0]["code"]) == (404, "10005")


@pytest.mark.parametrize(
    ("action", "body", "response"),
    [
        ("gather", {}, "CallControlCommandResponse"),
        ("gather_using_audio", {"audio_url": "https://e.test/a.wav"}, "CallControlCommandResponse"),
        ("gather_using_speak", {"payload": "Hi", "voice": "male"}, "CallControlCommandResponse"),
        (
            "gather_using_ai",
            {"parameters": {"type": "object"}},
            "CallControlCommandResponseWithConversationId",
        ),
        ("gather_stop", {}, "CallControlCommandResponse"),
        ("ai_assistant_start", {}, "CallControlCommandResponseWithConversationId"),
        ("ai_assistant_stop", {}, "CallControlCommandResponse"),
        (
            "ai_assistant_add_messages",
            {"messages": [{"role": "user", "content": "Hi"}]},
            "CallControlCommandResponse",
        ),
    ],
)
def test_responses_have_the_spec_shape(
    sandbox: Sandbox, action: str, body: dict[str, Any], response: str
) -> None:
    call = sandbox.dial()
    path = f"/calls/{call.call_control_id}/actions/{action}"
    status, answer = post(sandbox, path, json.dumps(body).encode(), sandbox.api_key)
    assert status == 200
    response_schema(response).validate(answer)
    assert answer["data"]["result"] == "ok"
    assert ("conversation_id" in answer["data"]) == response.endswith("ConversationId")


def test_the_v2_prefix_is_optional(sandbox: Sandbox) -> None:
    call = sandbox.dial()
    root = sandbox.base_url.removesuffix("/v2")
    request = urllib.request.Request(
        f"{root}/calls/{call.call_control_id}/actions/gather_stop",
        data=b"{}",
        headers={"Authorization": f"Bearer {sandbox.api_key}"},
    )
    with OPENER.open(request, timeout=5) as answer:
        assert json.loads(answer.read()) == {"data": {"result": "ok"}}


def test_a_repeated_command_id_is_ignored(sandbox: Sandbox, client: telnyx.Telnyx) -> None:
    call = sandbox.dial().answer_ai({"age": 29})
    params: dict[str, Any] = {"parameters": {"type": "object"}, "command_id": "once"}
    first = client.calls.actions.gather_using_ai(call.call_control_id, **params)
    again = client.calls.actions.gather_using_ai(call.call_control_id, **params)
    sandbox.wait_idle()
    assert first.data is not None
    assert again.data is not None
    assert first.data.conversation_id == again.data.conversation_id
    assert [d.event_type for d in sandbox.deliveries].count("call.ai_gather.ended") == 1


WEBHOOK_SCHEMAS = {
    "call.gather.ended": "CallGatherEndedEvent",
    "call.dtmf.received": "CallDtmfReceivedEvent",
    "call.playback.started": "CallPlaybackStartedEvent",
    "call.playback.ended": "CallPlaybackEndedEvent",
    "call.ai_gather.ended": "CallAIGatherEndedEvent",
    "call.ai_gather.partial_results": "CallAIGatherPartialResultsEvent",
    "call.ai_gather.message_history_updated": "CallAIGatherMessageHistoryUpdatedEvent",
    "call.conversation.ended": "callConversationEndedEvent",
}


def test_every_webhook_matches_the_spec_and_is_signed(
    sandbox: Sandbox, client: telnyx.Telnyx
) -> None:
    from telnyx_gather.verify import WebhookVerifier

    call = sandbox.dial().press("9").press("1#").answer_ai({"age": 29}, partial=[{"age": 29}])
    actions = client.calls.actions
    actions.gather_using_audio(
        call.call_control_id,
        audio_url="https://example.com/menu.wav",
        invalid_audio_url="https://example.com/invalid.wav",
        valid_digits="123#",
        client_state="YQ==",
    )
    sandbox.wait_idle()
    actions.gather_using_ai(
        call.call_control_id,
        parameters={"type": "object", "required": ["age"]},
        greeting="How old are you?",
        send_partial_results=True,
        send_message_history_updates=True,
    )
    actions.start_ai_assistant(call.call_control_id, greeting="Hello")
    sandbox.wait_idle()
    actions.stop_ai_assistant(call.call_control_id)
    sandbox.wait_idle()

    seen = {d.event_type for d in sandbox.deliveries}
    assert set(WEBHOOK_SCHEMAS) <= seen
    verifier = WebhookVerifier(sandbox.public_key)
    for delivery in sandbox.deliveries:
        assert verifier.unwrap(delivery.body, delivery.headers).event_type == delivery.event_type
        if delivery.event_type in WEBHOOK_SCHEMAS:
            envelope = json.loads(delivery.body)
            schema(f"schemas/{WEBHOOK_SCHEMAS[delivery.event_type]}").validate(envelope)
            assert envelope["data"]["payload"]["client_state"] == "YQ=="


def test_control_api_dials_a_scripted_call_and_lists_webhooks(
    sandbox: Sandbox, client: telnyx.Telnyx
) -> None:
    script = {"from": "+15551230000", "script": [{"type": "press", "digits": "4#"}]}
    status, answer = post(sandbox, "/_sandbox/calls", json.dumps(script).encode(), sandbox.api_key)
    assert status == 200
    call_control_id = answer["data"]["call_control_id"]

    client.calls.actions.gather(call_control_id)
    sandbox.wait_idle()

    listing = urllib.request.Request(
        sandbox.base_url + "/_sandbox/webhooks",
        headers={"Authorization": f"Bearer {sandbox.api_key}"},
    )
    with OPENER.open(listing, timeout=5) as response:
        webhooks = json.loads(response.read())["data"]
    assert [w["event_type"] for w in webhooks] == ["call.dtmf.received"] * 2 + ["call.gather.ended"]
    assert webhooks[-1]["body"]["data"]["payload"]["digits"] == "4"
    assert webhooks[-1]["body"]["data"]["payload"]["from"] == "+15551230000"

    hang_up = f"/_sandbox/calls/{call_control_id}/hang_up"
    assert post(sandbox, hang_up, b"", sandbox.api_key)[0] == 200
    assert (
        post(sandbox, f"/calls/{call_control_id}/actions/gather", b"{}", sandbox.api_key)[0] == 422
    )


@pytest.mark.parametrize(
    "script",
    [
        {"script": [{"type": "press", "digits": "x"}]},
        {"script": [{"type": "teleport"}]},
        {"webhook_url": "file:///etc/passwd"},
    ],
)
def test_control_api_rejects_bad_scripts(sandbox: Sandbox, script: dict[str, Any]) -> None:
    status, answer = post(sandbox, "/_sandbox/calls", json.dumps(script).encode(), sandbox.api_key)
    assert status == 422
    assert answer["errors"][0]["source"]["pointer"].startswith(("/script", "/webhook_url"))


@pytest.mark.parametrize(
    "options",
    [
        {"time_scale": 0},
        {"time_scale": float("inf")},
        {"webhook_url": "ftp://example.com/hook"},
        {"seed": b"short"},
    ],
)
def test_bad_sandbox_options_raise_value_error(options: dict[str, Any]) -> None:
    with pytest.raises(ValueError, match=r"time_scale|http|seed"):
        Sandbox(**options)
