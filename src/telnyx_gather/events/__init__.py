"""Typed models of the gather family's webhook events, and their parsers."""

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
from ._base import CallEvent, CallPayload, PartiesPayload, UnknownEvent
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
    "CallConversationEnded",
    "CallConversationEndedPayload",
    "CallDtmfReceived",
    "CallDtmfReceivedPayload",
    "CallEvent",
    "CallGatherEnded",
    "CallGatherEndedPayload",
    "CallPayload",
    "CallPlaybackEnded",
    "CallPlaybackEndedPayload",
    "CallPlaybackStarted",
    "CallPlaybackStartedPayload",
    "ConversationMessage",
    "ConversationToolCall",
    "ConversationToolCallFunction",
    "GatherStatus",
    "PartiesPayload",
    "PlaybackStatus",
    "UnknownEvent",
    "Webhook",
    "WebhookEvent",
    "WebhookMeta",
    "parse_event",
    "parse_webhook",
]
