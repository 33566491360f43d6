"""The public surface: exactly the contract's names, importable, and light to import."""

from __future__ import annotations

import subprocess
import sys

import pytest

import telnyx_gather

CONTRACT = {
    # errors
    "TelnyxGatherError",
    "InvalidCommandError",
    "WebhookVerificationError",
    "WebhookParseError",
    "WebhookConfigError",
    "MalformedRequestError",
    "CommandRefusedError",
    # commands
    "AddAIAssistantMessages",
    "Gather",
    "GatherUsingAI",
    "GatherUsingAudio",
    "GatherUsingSpeak",
    "StartAIAssistant",
    "StopAIAssistant",
    "StopGather",
    "Answer",
    "Hangup",
    # commands of the whole call
    "Speak",
    "StartPlayback",
    "StopPlayback",
    "SendDtmf",
    "Reject",
    "UpdateClientState",
    "Transfer",
    "Bridge",
    "StartRecording",
    "StopRecording",
    "PauseRecording",
    "ResumeRecording",
    "Enqueue",
    "LeaveQueue",
    "Refer",
    "StartStreaming",
    "StopStreaming",
    "StartForking",
    "StopForking",
    "StartSiprec",
    "StopSiprec",
    "StartNoiseSuppression",
    "StopNoiseSuppression",
    "SendSipInfo",
    "SwitchSupervisorRole",
    "StartTranscription",
    "StopTranscription",
    "Dial",
    # events
    "CallGatherEnded",
    "CallAIGatherEnded",
    "CallAIGatherMessageHistoryUpdated",
    "CallAIGatherPartialResults",
    "CallConversationEnded",
    "CallPlaybackStarted",
    "CallPlaybackEnded",
    "CallDtmfReceived",
    "CallInitiated",
    "CallAnswered",
    "CallHangup",
    "CallSpeakStarted",
    "CallSpeakEnded",
    "CallBridged",
    "CallHold",
    "CallUnhold",
    "CallEnqueued",
    "CallDequeued",
    "CallRecordingSaved",
    "CallRecordingError",
    "CallRecordingTranscriptionSaved",
    "CallMachineDetectionEnded",
    "CallMachineGreetingEnded",
    "CallMachinePremiumDetectionStarted",
    "CallMachinePremiumDetectionEnded",
    "CallMachinePremiumGreetingEnded",
    "CallMachinePremiumCallScreeningDetected",
    "CallReferStarted",
    "CallReferCompleted",
    "CallReferFailed",
    "CallStreamingStarted",
    "CallStreamingStopped",
    "CallStreamingFailed",
    "CallForkStarted",
    "CallForkStopped",
    "CallSiprecStarted",
    "CallSiprecStopped",
    "CallSiprecFailed",
    "CallConversationCreated",
    "CallConversationStartFailed",
    "CallConversationInsightsGenerated",
    "CallAnalyzed",
    "CallCost",
    "CallDeepfakeDetectionResult",
    "CallDeepfakeDetectionError",
    "CallPaymentProgress",
    "CallPaymentCompleted",
    "UnknownEvent",
    "Webhook",
    "WebhookMeta",
    "WebhookEvent",
    "parse_event",
    "parse_webhook",
    # facade
    "GatherClient",
    "AsyncGatherClient",
    "Call",
    "AsyncCall",
    "CommandResult",
    "DialResult",
    "HttpSender",
    "AsyncHttpSender",
    # router
    "Router",
    # an AI assistant's dynamic-variables request and its reply
    "AssistantInitialization",
    "InitializationReply",
    # verifiers
    "WebhookVerifier",
    "StandardWebhookVerifier",
    # client state
    "encode_client_state",
    "decode_client_state",
    # metadata
    "__version__",
}


def test_all_is_exactly_the_public_contract() -> None:
    assert set(telnyx_gather.__all__) == CONTRACT
    assert len(telnyx_gather.__all__) == len(set(telnyx_gather.__all__))


def test_every_public_name_resolves() -> None:
    for name in telnyx_gather.__all__:
        assert getattr(telnyx_gather, name) is not None, name
    assert sorted(dir(telnyx_gather)) == sorted(telnyx_gather.__all__)


def test_unknown_attribute_raises_attribute_error() -> None:
    with pytest.raises(AttributeError, match="NoSuchThing"):
        _ = telnyx_gather.NoSuchThing  # type: ignore[attr-defined]


def _modules_after(code: str) -> set[str]:
    out = subprocess.run(
        [sys.executable, "-c", f"{code}\nimport sys\nprint('\\n'.join(sys.modules))"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return set(out.split())


def test_import_does_not_import_telnyx() -> None:
    modules = _modules_after("import telnyx_gather")
    assert not {m for m in modules if m == "telnyx" or m.startswith("telnyx.")}


def test_webhook_path_does_not_import_telnyx() -> None:
    modules = _modules_after(
        "import telnyx_gather\ntelnyx_gather.parse_event\ntelnyx_gather.decode_client_state"
    )
    assert "telnyx_gather.events" in modules
    assert not {m for m in modules if m == "telnyx" or m.startswith("telnyx.")}


def test_webhook_path_does_not_build_command_models() -> None:
    modules = _modules_after("import telnyx_gather.events\ntelnyx_gather.parse_event")
    assert not {m for m in modules if m.startswith("telnyx_gather.commands")}


def test_command_builders_load_lazily() -> None:
    modules = _modules_after("import telnyx_gather\ntelnyx_gather.Gather")
    assert "telnyx_gather.commands" in modules
    assert "telnyx_gather.events" not in modules
    assert not {m for m in modules if m == "telnyx" or m.startswith("telnyx.")}


FRAMEWORKS = {"fastapi", "starlette", "flask", "werkzeug", "django", "httpx", "uvicorn"}


def test_import_imports_no_web_framework() -> None:
    modules = _modules_after("import telnyx_gather\nimport telnyx_gather.integrations")
    assert not {m for m in modules if m.split(".")[0] in FRAMEWORKS}
    assert not {m for m in modules if m.startswith("telnyx_gather.integrations.")}


def test_router_loads_lazily_and_imports_neither_telnyx_nor_redis() -> None:
    assert "telnyx_gather.router" not in _modules_after("import telnyx_gather")
    modules = _modules_after(
        "import telnyx_gather\n"
        "telnyx_gather.Router\n"
        "from telnyx_gather.stores import MemoryStore, RedisStore\n"
        "MemoryStore().claim('x')"
    )
    assert "telnyx_gather.router" in modules
    assert not {m.split(".")[0] for m in modules} & {"telnyx", "redis"}
