"""Body factories for the call events beyond the gather family, built from each class's example.

Each factory's defaults are its event class's `example_payload` (the spec's
documented delivery where there is one), so there is no second table to keep
in step. A factory is named after the `event_type`, dots made underscores
(`call_speak_ended`, `streaming_started`), and takes the same arguments as the
others: see `telnyx_gather.testing.webhook_body` for the envelope.
"""

from ..events._analyzed import CallAnalyzed
from ..events._bridge import CallBridged, CallHold, CallUnhold
from ..events._conversation import CallConversationCreated, CallConversationStartFailed
from ..events._cost import CallCost
from ..events._deepfake import CallDeepfakeDetectionError, CallDeepfakeDetectionResult
from ..events._fork import CallForkStarted, CallForkStopped
from ..events._insights import CallConversationInsightsGenerated
from ..events._machine_detection import (
    CallMachineDetectionEnded,
    CallMachineGreetingEnded,
    CallMachinePremiumCallScreeningDetected,
    CallMachinePremiumDetectionEnded,
    CallMachinePremiumDetectionStarted,
    CallMachinePremiumGreetingEnded,
)
from ..events._payment import CallPaymentCompleted, CallPaymentProgress
from ..events._queue import CallDequeued, CallEnqueued
from ..events._recording import (
    CallRecordingError,
    CallRecordingSaved,
    CallRecordingTranscriptionSaved,
)
from ..events._refer import CallReferCompleted, CallReferFailed, CallReferStarted
from ..events._siprec import CallSiprecFailed, CallSiprecStarted, CallSiprecStopped
from ..events._speak import CallSpeakEnded, CallSpeakStarted
from ..events._streaming import CallStreamingFailed, CallStreamingStarted, CallStreamingStopped
from ._factories import EventFactory, example_factory

__all__ = [
    "call_analyzed",
    "call_bridged",
    "call_conversation_created",
    "call_conversation_insights_generated",
    "call_conversation_start_failed",
    "call_cost",
    "call_deepfake_detection_error",
    "call_deepfake_detection_result",
    "call_dequeued",
    "call_enqueued",
    "call_fork_started",
    "call_fork_stopped",
    "call_hold",
    "call_machine_detection_ended",
    "call_machine_greeting_ended",
    "call_machine_premium_call_screening_detected",
    "call_machine_premium_detection_ended",
    "call_machine_premium_detection_started",
    "call_machine_premium_greeting_ended",
    "call_payment_completed",
    "call_payment_progress",
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
]


call_speak_started: EventFactory = example_factory(CallSpeakStarted)
call_speak_ended: EventFactory = example_factory(CallSpeakEnded)
call_bridged: EventFactory = example_factory(CallBridged)
call_hold: EventFactory = example_factory(CallHold)
call_unhold: EventFactory = example_factory(CallUnhold)
call_enqueued: EventFactory = example_factory(CallEnqueued)
call_dequeued: EventFactory = example_factory(CallDequeued)
call_recording_saved: EventFactory = example_factory(CallRecordingSaved)
call_recording_error: EventFactory = example_factory(CallRecordingError)
call_recording_transcription_saved: EventFactory = example_factory(CallRecordingTranscriptionSaved)
call_machine_detection_ended: EventFactory = example_factory(CallMachineDetectionEnded)
call_machine_greeting_ended: EventFactory = example_factory(CallMachineGreetingEnded)
call_machine_premium_detection_started: EventFactory = example_factory(
    CallMachinePremiumDetectionStarted
)
call_machine_premium_detection_ended: EventFactory = example_factory(
    CallMachinePremiumDetectionEnded
)
call_machine_premium_greeting_ended: EventFactory = example_factory(CallMachinePremiumGreetingEnded)
call_machine_premium_call_screening_detected: EventFactory = example_factory(
    CallMachinePremiumCallScreeningDetected
)
call_refer_started: EventFactory = example_factory(CallReferStarted)
call_refer_completed: EventFactory = example_factory(CallReferCompleted)
call_refer_failed: EventFactory = example_factory(CallReferFailed)
streaming_started: EventFactory = example_factory(CallStreamingStarted)
streaming_stopped: EventFactory = example_factory(CallStreamingStopped)
streaming_failed: EventFactory = example_factory(CallStreamingFailed)
call_fork_started: EventFactory = example_factory(CallForkStarted)
call_fork_stopped: EventFactory = example_factory(CallForkStopped)
siprec_started: EventFactory = example_factory(CallSiprecStarted)
siprec_stopped: EventFactory = example_factory(CallSiprecStopped)
siprec_failed: EventFactory = example_factory(CallSiprecFailed)
call_conversation_created: EventFactory = example_factory(CallConversationCreated)
call_conversation_start_failed: EventFactory = example_factory(CallConversationStartFailed)
call_conversation_insights_generated: EventFactory = example_factory(
    CallConversationInsightsGenerated
)
call_analyzed: EventFactory = example_factory(CallAnalyzed)
call_cost: EventFactory = example_factory(CallCost)
call_deepfake_detection_result: EventFactory = example_factory(CallDeepfakeDetectionResult)
call_deepfake_detection_error: EventFactory = example_factory(CallDeepfakeDetectionError)
call_payment_progress: EventFactory = example_factory(CallPaymentProgress)
call_payment_completed: EventFactory = example_factory(CallPaymentCompleted)
