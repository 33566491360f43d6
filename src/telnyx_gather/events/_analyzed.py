"""`call.analyzed`: the post-call analysis of an AI assistant's call (SDK only, not in the spec)."""

from typing import Any, ClassVar, Literal

from pydantic import AwareDatetime, Field

from ._base import CallEvent, CallPayload, EventModel
from ._insights import InsightResult
from ._recording import RecordingUrls

__all__ = [
    "AnalyzedCost",
    "AnalyzedCostLine",
    "AnalyzedInsights",
    "AnalyzedRecording",
    "CallAnalyzed",
    "CallAnalyzedPayload",
]


class AnalyzedCostLine(EventModel):
    """The cost of one product across the call.

    Attributes:
        product: The product billed (`ai-voice-assistant`, `inference`,
            `callcontrol-cdrs`, ...); new products appear as plain strings.
        cost: The amount, as decimal text, in the cost's `currency`.
    """

    product: str | None = None
    cost: str | None = None


class AnalyzedCost(EventModel):
    """What the call cost, product by product.

    Attributes:
        breakdown: One line per product.
        currency: The currency of every amount.
        total: The sum of the breakdown, as decimal text.
    """

    breakdown: list[AnalyzedCostLine] | None = None
    currency: str | None = None
    total: str | None = None


class AnalyzedInsights(EventModel):
    """One entry of the conversation's generated insights.

    Attributes:
        status: How generating these insights went.
        conversation_insights: The generated results.
    """

    status: str | None = None
    conversation_insights: list[InsightResult] | None = None


class AnalyzedRecording(EventModel):
    """A recording made during the call.

    Attributes:
        id: The recording's id.
        channels: The channel layout (`single` or `dual`).
        format: The file format.
        start_time: When the recording started.
        end_time: When it ended.
        download_urls: Pre-signed URLs per format, which expire.
    """

    id: str | None = None
    channels: str | None = None
    format: str | None = None
    start_time: AwareDatetime | None = None
    end_time: AwareDatetime | None = None
    download_urls: RecordingUrls | None = None


class CallAnalyzedPayload(CallPayload):
    """Payload of `call.analyzed`.

    Attributes:
        assistant_id: The assistant that held the conversation.
        conversation_id: The conversation created for the call.
        conversation_insights: The generated insights: empty when there are
            none, `None` when Telnyx could not retrieve them.
        cost: The cost breakdown, or the text `"No cost data available."`
            when Telnyx could not retrieve it.
        duration_sec: Length of the conversation in seconds.
        reason: Why the conversation ended.
        recordings: The call's recordings: empty when there are none, `None`
            when Telnyx could not retrieve them.
        llm_model: The language model used.
        stt_model: The speech-to-text model used.
        tts_provider: The text-to-speech provider used.
        tts_model_id: The text-to-speech model used.
        tts_voice_id: The voice used.
    """

    assistant_id: str | None = None
    conversation_id: str | None = None
    conversation_insights: list[AnalyzedInsights] | None = None
    cost: AnalyzedCost | str | None = None
    duration_sec: int | None = None
    from_: str | None = Field(default=None, alias="from")
    to: str | None = None
    reason: str | None = None
    recordings: list[AnalyzedRecording] | None = None
    llm_model: str | None = None
    stt_model: str | None = None
    tts_provider: str | None = None
    tts_model_id: str | None = None
    tts_voice_id: str | None = None


class CallAnalyzed(CallEvent):
    """The analysis of an AI assistant's call is ready: cost, insights and recordings.

    Known from the telnyx SDK, which is newer than the spec. Check `cost`
    with `isinstance(payload.cost, AnalyzedCost)`: it is text when Telnyx had
    no cost data.
    """

    event_type: Literal["call.analyzed"]
    payload: CallAnalyzedPayload
    example_payload: ClassVar[dict[str, Any]] = {
        "call_control_id": "v3:HDR1vQHx697hpP9xZ0bhlbUOWPFPDtPcxw-nuSMuC6mGVpb0euoklQ",
        "connection_id": "2694492062593582591",
        "call_leg_id": "cc29cce6-3c91-11f0-a8e5-02420aef3d20",
        "call_session_id": "cc29c8d6-3c91-11f0-aa7c-02420aef3d20",
        "client_state": None,
        "assistant_id": "assistant-d9082b56-ba2d-4ad1-a50c-58661eb1463d",
        "conversation_id": "0424805b-adc1-4ff8-9f95-e1de6883ecbe",
        "from": "+13124287921",
        "to": "+13129457420",
        "duration_sec": 42,
        "reason": "user_hangup",
        "llm_model": "openai/gpt-4o",
        "stt_model": "distil-whisper/distil-large-v2",
        "tts_provider": "telnyx",
        "tts_model_id": "Natural",
        "tts_voice_id": "Marissa",
        "cost": {
            "currency": "USD",
            "total": "0.0710",
            "breakdown": [
                {"product": "ai-voice-assistant", "cost": "0.0600"},
                {"product": "inference", "cost": "0.0040"},
                {"product": "callcontrol-cdrs", "cost": "0.0070"},
            ],
        },
        "conversation_insights": [
            {
                "status": "completed",
                "conversation_insights": [
                    {
                        "insight_id": "428c31b6-abf3-3bc1-b7f4-5013ef9657c1",
                        "result": "The caller checked the status of an order.",
                    }
                ],
            }
        ],
        "recordings": [],
    }
