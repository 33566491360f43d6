"""`call.conversation_insights.generated`: the insights of a finished conversation."""

from typing import Any, ClassVar, Literal

from pydantic import JsonValue

from ._base import CallEvent, CallPayload, EventModel
from ._examples import SPEC_IDS

__all__ = [
    "CallConversationInsightsGenerated",
    "CallConversationInsightsGeneratedPayload",
    "InsightResult",
]


class InsightResult(EventModel):
    """One generated insight.

    Attributes:
        insight_id: The insight (template) the result was generated from.
        result: The result: text, or an object when the insight asks for
            structured output.
    """

    insight_id: str | None = None
    result: dict[str, JsonValue] | str | None = None


class CallConversationInsightsGeneratedPayload(CallPayload):
    """Payload of `call.conversation_insights.generated`.

    Attributes:
        calling_party_type: The kind of connection the caller is on.
        insight_group_id: The insight group the results belong to.
        results: One entry per insight of the group.
    """

    calling_party_type: Literal["pstn", "sip"] | str | None = None
    insight_group_id: str | None = None
    results: list[InsightResult] | None = None


class CallConversationInsightsGenerated(CallEvent):
    """The insights configured for an AI assistant's conversation were generated."""

    event_type: Literal["call.conversation_insights.generated"]
    payload: CallConversationInsightsGeneratedPayload
    example_payload: ClassVar[dict[str, Any]] = {
        **SPEC_IDS,
        "calling_party_type": "pstn",
        "insight_group_id": "428c31b6-abf3-3bc1-b7f4-5013ef9657c1",
        "results": [
            {
                "insight_id": "428c31b6-abf3-3bc1-b7f4-5013ef9657c1",
                "result": (
                    "The user inquired about the menu at Ember & Oak. The menu offers "
                    "various options, including vegetarian, vegan, and gluten-free dishes, "
                    "as well as a children's menu. The restaurant also has a daily happy "
                    "hour from 4 PM to 6 PM and offers takeaway and delivery services. The "
                    "user found the information helpful but had to leave without making any "
                    "further decisions or requests. No specific preferences or goals were "
                    "expressed beyond inquiring about the menu."
                ),
            }
        ],
    }
