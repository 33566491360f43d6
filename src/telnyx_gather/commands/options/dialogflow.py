"""`dialogflow_config`: Dialogflow on a streamed or dialled call."""

from .._base import StrictModel

__all__ = ["DialogflowConfig"]


class DialogflowConfig(StrictModel):
    """What Dialogflow does on the call (`enable_dialogflow` turns it on).

    Attributes:
        analyze_sentiment: Analyse the caller's sentiment (Telnyx default false).
        partial_automated_agent_reply: Send partial automated agent replies
            (Telnyx default false).
    """

    analyze_sentiment: bool | None = None
    partial_automated_agent_reply: bool | None = None
