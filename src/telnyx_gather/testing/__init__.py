"""Helpers for testing offline: a signer, event body factories, and the Call Control sandbox.

They need only the core install (no `telnyx` SDK), and `import telnyx_gather`
never imports this package. The sandbox serves the API over plain HTTP, so
the `telnyx` client (the `client` extra) is only needed to talk to it; its
names load on first use, so a webhook-only test suite does not pay for them.
"""

from typing import TYPE_CHECKING

from .._lazy import load as _load
from ._call_factories import (
    call_analyzed,
    call_bridged,
    call_conversation_created,
    call_conversation_insights_generated,
    call_conversation_start_failed,
    call_cost,
    call_deepfake_detection_error,
    call_deepfake_detection_result,
    call_dequeued,
    call_enqueued,
    call_fork_started,
    call_fork_stopped,
    call_hold,
    call_machine_detection_ended,
    call_machine_greeting_ended,
    call_machine_premium_call_screening_detected,
    call_machine_premium_detection_ended,
    call_machine_premium_detection_started,
    call_machine_premium_greeting_ended,
    call_payment_completed,
    call_payment_progress,
    call_recording_error,
    call_recording_saved,
    call_recording_transcription_saved,
    call_refer_completed,
    call_refer_failed,
    call_refer_started,
    call_speak_ended,
    call_speak_started,
    call_unhold,
    siprec_failed,
    siprec_started,
    siprec_stopped,
    streaming_failed,
    streaming_started,
    streaming_stopped,
)
from ._factories import (
    EventFactory,
    call_ai_gather_ended,
    call_ai_gather_message_history_updated,
    call_ai_gather_partial_results,
    call_answered,
    call_conversation_ended,
    call_dtmf_received,
    call_gather_ended,
    call_hangup,
    call_initiated,
    call_playback_ended,
    call_playback_started,
    webhook_body,
)
from ._signer import StandardWebhookSigner, WebhookSigner

if TYPE_CHECKING:
    from .._errors import CassetteError, UndeliveredWebhookError
    from ._cassette import Cassette, CassetteRecorder, RecordedCommand, RecordedDelivery
    from ._coverage import RouteCoverage
    from ._diff import CommandChange
    from ._flow import CallFlow
    from ._redact import Redaction
    from ._replay import Post, Replayer, ReplayResult
    from .sandbox import (
        DEFAULT_RETRY_DELAYS,
        AIAnswer,
        Attempt,
        CallerStep,
        Delivery,
        Faults,
        HangUp,
        Press,
        Sandbox,
        SandboxCall,
        SentCommand,
        Silence,
    )

__all__ = [
    "DEFAULT_RETRY_DELAYS",
    "AIAnswer",
    "Attempt",
    "CallFlow",
    "CallerStep",
    "Cassette",
    "CassetteError",
    "CassetteRecorder",
    "CommandChange",
    "Delivery",
    "EventFactory",
    "Faults",
    "HangUp",
    "Post",
    "Press",
    "RecordedCommand",
    "RecordedDelivery",
    "Redaction",
    "ReplayResult",
    "Replayer",
    "RouteCoverage",
    "Sandbox",
    "SandboxCall",
    "SentCommand",
    "Silence",
    "StandardWebhookSigner",
    "UndeliveredWebhookError",
    "WebhookSigner",
    "call_ai_gather_ended",
    "call_ai_gather_message_history_updated",
    "call_ai_gather_partial_results",
    "call_analyzed",
    "call_answered",
    "call_bridged",
    "call_conversation_created",
    "call_conversation_ended",
    "call_conversation_insights_generated",
    "call_conversation_start_failed",
    "call_cost",
    "call_deepfake_detection_error",
    "call_deepfake_detection_result",
    "call_dequeued",
    "call_dtmf_received",
    "call_enqueued",
    "call_fork_started",
    "call_fork_stopped",
    "call_gather_ended",
    "call_hangup",
    "call_hold",
    "call_initiated",
    "call_machine_detection_ended",
    "call_machine_greeting_ended",
    "call_machine_premium_call_screening_detected",
    "call_machine_premium_detection_ended",
    "call_machine_premium_detection_started",
    "call_machine_premium_greeting_ended",
    "call_payment_completed",
    "call_payment_progress",
    "call_playback_ended",
    "call_playback_started",
    "call_recording_error",
    "call_recording_saved",
    "call_recording_transcription_saved",
    "call_refer_completed",
    "call_refer_failed",
    "call_refer_started",
    "call_speak_ended",
    "call_speak_started",
    "call_unhold",
    "siprec_failed",
    "siprec_started",
    "siprec_stopped",
    "streaming_failed",
    "streaming_started",
    "streaming_stopped",
    "webhook_body",
]

_LAZY: dict[str, str] = {
    "DEFAULT_RETRY_DELAYS": ".sandbox",
    "AIAnswer": ".sandbox",
    "Attempt": ".sandbox",
    "CallerStep": ".sandbox",
    "Delivery": ".sandbox",
    "Faults": ".sandbox",
    "HangUp": ".sandbox",
    "Press": ".sandbox",
    "Sandbox": ".sandbox",
    "SandboxCall": ".sandbox",
    "SentCommand": ".sandbox",
    "Silence": ".sandbox",
    "UndeliveredWebhookError": ".._errors",
    "CallFlow": "._flow",
    "Cassette": "._cassette",
    "CassetteError": ".._errors",
    "CassetteRecorder": "._cassette",
    "CommandChange": "._diff",
    "Post": "._replay",
    "RecordedCommand": "._cassette",
    "RecordedDelivery": "._cassette",
    "Redaction": "._redact",
    "ReplayResult": "._replay",
    "Replayer": "._replay",
    "RouteCoverage": "._coverage",
}


def __getattr__(name: str) -> object:
    return _load(__name__, _LAZY, globals(), name)


def __dir__() -> list[str]:
    return sorted(__all__)
