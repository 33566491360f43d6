"""Helpers for testing webhook handlers offline: a signer and event body factories.

They need only the core install (no `telnyx` SDK), and `import telnyx_gather`
never imports this package.
"""

from ._factories import (
    EventFactory,
    call_ai_gather_ended,
    call_ai_gather_message_history_updated,
    call_ai_gather_partial_results,
    call_conversation_ended,
    call_dtmf_received,
    call_gather_ended,
    call_playback_ended,
    call_playback_started,
    webhook_body,
)
from ._signer import StandardWebhookSigner, WebhookSigner

__all__ = [
    "EventFactory",
    "StandardWebhookSigner",
    "WebhookSigner",
    "call_ai_gather_ended",
    "call_ai_gather_message_history_updated",
    "call_ai_gather_partial_results",
    "call_conversation_ended",
    "call_dtmf_received",
    "call_gather_ended",
    "call_playback_ended",
    "call_playback_started",
    "webhook_body",
]
