"""Typed models of the gather-family and call lifecycle webhook events, and their parsers."""

from ._ai_gather import (
    AIGatherMessage,
    AIGatherStatus,
    CallAIGatherEnded,
    CallAIGatherEndedPayload,
    CallAIGatherMessageHistoryUpdated,
    CallAIGatherMessageHistoryUpdatedPayload,
    CallAIGatherPartialResults,
    CallAIGatherPartialResultsPayload,
)
from ._base import CallEvent, CallIdentifiers, CallPayload, PartiesPayload, UnknownEvent
from ._conversation import (
    CallConversationEnded,
    CallConversationEndedPayload,
    ConversationMessage,
    ConversationToolCall,
    ConversationToolCallFunction,
)
from ._gather import (
    CallDtmfReceived,
    CallDtmfReceivedPayload,
    CallGatherEnded,
    CallGatherEndedPayload,
    GatherStatus,
)
from ._lifecycle import (
    CallAnswered,
    CallAnsweredPayload,
    CallDirection,
    CallHangup,
    CallHangupPayload,
    CallInitiated,
    CallInitiatedPayload,
    CallQualityStats,
    CallQualityStatsInbound,
    CallQualityStatsOutbound,
    HangupCause,
    HangupSource,
    SipHeader,
)
from ._playback import (
    CallPlaybackEnded,
    CallPlaybackEndedPayload,
    CallPlaybackStarted,
    CallPlaybackStartedPayload,
    PlaybackStatus,
)
from ._union import EVENT_TYPES, Webhook, WebhookEvent, WebhookMeta, parse_event, parse_webhook

__all__ = [
    "EVENT_TYPES",
    "AIGatherMessage",
    "AIGatherStatus",
    "CallAIGatherEnded",
    "CallAIGatherEndedPayload",
    "CallAIGatherMessageHistoryUpdated",
    "CallAIGatherMessageHistoryUpdatedPayload",
    "CallAIGatherPartialResults",
    "CallAIGatherPartialResultsPayload",
    "CallAnswered",
    "CallAnsweredPayload",
    "CallConversationEnded",
    "CallConversationEndedPayload",
    "CallDirection",
    "CallDtmfReceived",
    "CallDtmfReceivedPayload",
    "CallEvent",
    "CallIdentifiers",
    "CallGatherEnded",
    "CallGatherEndedPayload",
    "CallHangup",
    "CallHangupPayload",
    "CallInitiated",
    "CallInitiatedPayload",
    "CallPayload",
    "CallPlaybackEnded",
    "CallPlaybackEndedPayload",
    "CallPlaybackStarted",
    "CallPlaybackStartedPayload",
    "CallQualityStats",
    "CallQualityStatsInbound",
    "CallQualityStatsOutbound",
    "ConversationMessage",
    "ConversationToolCall",
    "ConversationToolCallFunction",
    "GatherStatus",
    "HangupCause",
    "HangupSource",
    "PartiesPayload",
    "PlaybackStatus",
    "SipHeader",
    "UnknownEvent",
    "Webhook",
    "WebhookEvent",
    "WebhookMeta",
    "parse_event",
    "parse_webhook",
]


def _show_public_paths() -> None:
    # Reprs, tracebacks and pickles name the import path users write. Safe
    # with deferred builds: each field's annotation was resolved when its
    # class was created, so the first build never looks names up through
    # `__module__`.
    top_level = (*EVENT_TYPES.values(), UnknownEvent, Webhook, WebhookMeta)
    for name in __all__:
        obj = globals()[name]
        if isinstance(obj, type):
            obj.__module__ = "telnyx_gather" if obj in top_level else __name__


_show_public_paths()
