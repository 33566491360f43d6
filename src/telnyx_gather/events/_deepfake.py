"""`call.deepfake_detection.result` and `.error`: was the caller's voice synthetic (SDK only)."""

from typing import Any, ClassVar, Literal

from ._base import CallEvent, CallPayload
from ._examples import SDK_IDS

__all__ = [
    "CallDeepfakeDetectionError",
    "CallDeepfakeDetectionErrorPayload",
    "CallDeepfakeDetectionResult",
    "CallDeepfakeDetectionResultPayload",
    "DeepfakeDetectionError",
    "DeepfakeVerdict",
]

DeepfakeVerdict = Literal["real", "fake", "silence_timeout"]
"""The verdict on the caller's voice. Values Telnyx adds later arrive as plain strings."""

DeepfakeDetectionError = Literal[
    "detection_timeout", "rtp_timeout", "dfd_connection_error", "dfd_stream_error"
]
"""Why deepfake detection failed. Values Telnyx adds later arrive as plain strings."""


class CallDeepfakeDetectionResultPayload(CallPayload):
    """Payload of `call.deepfake_detection.result`.

    Attributes:
        result: `real`, `fake`, or `silence_timeout` when the caller said
            too little to judge.
        score: How likely the voice is synthetic, 0 to 1.
        consistency: How consistent the verdict was over the audio, 0 to 1.
    """

    result: DeepfakeVerdict | str | None = None
    score: float | None = None
    consistency: float | None = None


class CallDeepfakeDetectionResult(CallEvent):
    """Deepfake detection judged the caller's voice. Known from the telnyx SDK only."""

    event_type: Literal["call.deepfake_detection.result"]
    payload: CallDeepfakeDetectionResultPayload
    example_payload: ClassVar[dict[str, Any]] = {
        **SDK_IDS,
        "result": "real",
        "score": 0.04,
        "consistency": 0.97,
    }


class CallDeepfakeDetectionErrorPayload(CallPayload):
    """Payload of `call.deepfake_detection.error`.

    Attributes:
        error_message: What went wrong.
    """

    error_message: DeepfakeDetectionError | str | None = None


class CallDeepfakeDetectionError(CallEvent):
    """Deepfake detection could not judge the call. Known from the telnyx SDK only."""

    event_type: Literal["call.deepfake_detection.error"]
    payload: CallDeepfakeDetectionErrorPayload
    example_payload: ClassVar[dict[str, Any]] = {**SDK_IDS, "error_message": "rtp_timeout"}
