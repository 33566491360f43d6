"""telnyx-gather: typed commands, events and webhook verification for Telnyx gather.

Public names are imported lazily, so a webhook handler that only verifies and
parses never builds the command models or imports the `telnyx` SDK.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ._errors import (
    CommandRefusedError,
    InvalidCommandError,
    MalformedRequestError,
    TelnyxGatherError,
    WebhookConfigError,
    WebhookParseError,
    WebhookVerificationError,
)
from ._lazy import load as _load
from ._version import __version__

if TYPE_CHECKING:
    from .client import AsyncCall, AsyncGatherClient, Call, CommandResult, GatherClient
    from .client_state import decode_client_state, encode_client_state
    from .commands import (
        AddAIAssistantMessages,
        Answer,
        Gather,
        GatherUsingAI,
        GatherUsingAudio,
        GatherUsingSpeak,
        Hangup,
        StartAIAssistant,
        StopAIAssistant,
        StopGather,
    )
    from .events import (
        CallAIGatherEnded,
        CallAIGatherMessageHistoryUpdated,
        CallAIGatherPartialResults,
        CallAnswered,
        CallConversationEnded,
        CallDtmfReceived,
        CallGatherEnded,
        CallHangup,
        CallInitiated,
        CallPlaybackEnded,
        CallPlaybackStarted,
        UnknownEvent,
        Webhook,
        WebhookEvent,
        WebhookMeta,
        parse_event,
        parse_webhook,
    )
    from .router import Router
    from .verify import StandardWebhookVerifier, WebhookVerifier

__all__ = [
    "AddAIAssistantMessages",
    "Answer",
    "AsyncCall",
    "AsyncGatherClient",
    "Call",
    "CallAIGatherEnded",
    "CallAIGatherMessageHistoryUpdated",
    "CallAIGatherPartialResults",
    "CallAnswered",
    "CallConversationEnded",
    "CallDtmfReceived",
    "CallGatherEnded",
    "CallHangup",
    "CallInitiated",
    "CallPlaybackEnded",
    "CallPlaybackStarted",
    "CommandRefusedError",
    "CommandResult",
    "Gather",
    "GatherClient",
    "GatherUsingAI",
    "GatherUsingAudio",
    "GatherUsingSpeak",
    "Hangup",
    "InvalidCommandError",
    "MalformedRequestError",
    "Router",
    "StartAIAssistant",
    "StopAIAssistant",
    "StopGather",
    "StandardWebhookVerifier",
    "TelnyxGatherError",
    "UnknownEvent",
    "Webhook",
    "WebhookConfigError",
    "WebhookEvent",
    "WebhookMeta",
    "WebhookParseError",
    "WebhookVerificationError",
    "WebhookVerifier",
    "__version__",
    "decode_client_state",
    "encode_client_state",
    "parse_event",
    "parse_webhook",
]

_LAZY: dict[str, str] = {
    # Of these, only the two clients import `telnyx` (without the `client` extra
    # they raise ImportError); the handles and `CommandResult` never do.
    **dict.fromkeys(
        ["AsyncCall", "AsyncGatherClient", "Call", "CommandResult", "GatherClient"], ".client"
    ),
    "Router": ".router",
    **dict.fromkeys(
        [
            "AddAIAssistantMessages",
            "Answer",
            "Gather",
            "GatherUsingAI",
            "GatherUsingAudio",
            "GatherUsingSpeak",
            "Hangup",
            "StartAIAssistant",
            "StopAIAssistant",
            "StopGather",
        ],
        ".commands",
    ),
    **dict.fromkeys(["decode_client_state", "encode_client_state"], ".client_state"),
    **dict.fromkeys(
        [
            "CallAIGatherEnded",
            "CallAIGatherMessageHistoryUpdated",
            "CallAIGatherPartialResults",
            "CallAnswered",
            "CallConversationEnded",
            "CallDtmfReceived",
            "CallGatherEnded",
            "CallHangup",
            "CallInitiated",
            "CallPlaybackEnded",
            "CallPlaybackStarted",
            "UnknownEvent",
            "Webhook",
            "WebhookEvent",
            "WebhookMeta",
            "parse_event",
            "parse_webhook",
        ],
        ".events",
    ),
    **dict.fromkeys(["StandardWebhookVerifier", "WebhookVerifier"], ".verify"),
}


def __getattr__(name: str) -> object:
    return _load(__name__, _LAZY, globals(), name)


def __dir__() -> list[str]:
    return sorted(__all__)
