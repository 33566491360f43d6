"""Every event class, known to the parsers or not yet: what the event tests iterate over.

Until the generated registry lists the new classes, the tests reach them here.
"""

from __future__ import annotations

from pydantic import BaseModel

from telnyx_gather.events import EVENT_TYPES
from telnyx_gather.events._analyzed import CallAnalyzed
from telnyx_gather.events._bridge import CallBridged, CallHold, CallUnhold
from telnyx_gather.events._conversation import CallConversationCreated, CallConversationStartFailed
from telnyx_gather.events._cost import CallCost
from telnyx_gather.events._deepfake import CallDeepfakeDetectionError, CallDeepfakeDetectionResult
from telnyx_gather.events._fork import CallForkStarted, CallForkStopped
from telnyx_gather.events._insights import CallConversationInsightsGenerated
from telnyx_gather.events._machine_detection import (
    CallMachineDetectionEnded,
    CallMachineGreetingEnded,
    CallMachinePremiumCallScreeningDetected,
    CallMachinePremiumDetectionEnded,
    CallMachinePremiumDetectionStarted,
    CallMachinePremiumGreetingEnded,
)
from telnyx_gather.events._payment import CallPaymentCompleted, CallPaymentProgress
from telnyx_gather.events._queue import CallDequeued, CallEnqueued
from telnyx_gather.events._recording import (
    CallRecordingError,
    CallRecordingSaved,
    CallRecordingTranscriptionSaved,
)
from telnyx_gather.events._refer import CallReferCompleted, CallReferFailed, CallReferStarted
from telnyx_gather.events._siprec import CallSiprecFailed, CallSiprecStarted, CallSiprecStopped
from telnyx_gather.events._speak import CallSpeakEnded, CallSpeakStarted
from telnyx_gather.events._streaming import (
    CallStreamingFailed,
    CallStreamingStarted,
    CallStreamingStopped,
)

NEW_EVENTS: list[type[BaseModel]] = [
    CallSpeakStarted,
    CallSpeakEnded,
    CallBridged,
    CallHold,
    CallUnhold,
    CallEnqueued,
    CallDequeued,
    CallRecordingSaved,
    CallRecordingError,
    CallRecordingTranscriptionSaved,
    CallMachineDetectionEnded,
    CallMachineGreetingEnded,
    CallMachinePremiumDetectionStarted,
    CallMachinePremiumDetectionEnded,
    CallMachinePremiumGreetingEnded,
    CallMachinePremiumCallScreeningDetected,
    CallReferStarted,
    CallReferCompleted,
    CallReferFailed,
    CallStreamingStarted,
    CallStreamingStopped,
    CallStreamingFailed,
    CallForkStarted,
    CallForkStopped,
    CallSiprecStarted,
    CallSiprecStopped,
    CallSiprecFailed,
    CallConversationCreated,
    CallConversationStartFailed,
    CallConversationInsightsGenerated,
    CallAnalyzed,
    CallCost,
    CallDeepfakeDetectionResult,
    CallDeepfakeDetectionError,
    CallPaymentProgress,
    CallPaymentCompleted,
]
ALL_EVENTS: list[type[BaseModel]] = [*EVENT_TYPES.values(), *NEW_EVENTS]
