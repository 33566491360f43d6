"""telnyx-gather: typed commands, events and webhook verification for Telnyx gather.

Public names are imported lazily, so a webhook handler that only verifies and
parses never builds the command models or imports the `telnyx` SDK.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

from ._errors import (
    InvalidCommandError,
    TelnyxGatherError,
    WebhookParseError,
    WebhookVerificationError,
)
from ._version import __version__

if TYPE_CHECKING:
    from .client_state import decode_client_state, encode_client_state
    from .events import (
        CallAIGatherEnded,
        CallAIGatherMessageHistoryUpdated,
        CallAIGatherPartialResults,
        CallConversationEnded,
        CallDtmfReceived,
        CallGatherEnded,
        CallPlaybackEnded,
        CallPlaybackStarted,
        UnknownEvent,
        Webhook,
        WebhookEvent,
        WebhookMeta,
        parse_event,
        parse_webhook,
    )
    from .verify import StandardWebhookVerifier, WebhookVerifier

__all__ = [
    "CallAIGatherEnded",
    "CallAIGatherMessageHistoryUpdated",
    "CallAIGatherPartialResults",
    "CallConversationEnded",
    "CallDtmfReceived",
    "CallGatherEnded",
    "CallPlaybackEnded",
    "CallPlaybackStarted",
    "InvalidCommandError",
    "StandardWebhookVerifier",
    "TelnyxGatherError",
    "UnknownEvent",
    "Webhook",
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
    **dict.fromkeys(["decode_client_state", "encode_client_state"], ".client_state"),
    **dict.fromkeys(
        [
            "CallAIGatherEnded",
            "CallAIGatherMessageHistoryUpdated",
            "CallAIGatherPartialResults",
            "CallConversationEnded",
            "CallDtmfReceived",
            "CallGatherEnded",
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
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(module, __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
