"""The nested settings of `answer`: sound, deepfake detection and webhook retries."""

from typing import Annotated, Literal

from pydantic import Field, model_validator
from typing_extensions import Self

from .._base import StrictModel
from .._fields import Float32, ListOf

__all__ = ["DeepfakeDetection", "SoundModifications", "WebhookRetriesPolicy"]

_MAX_RETRIES = 5
_MAX_TOTAL_DELAY_MS = 60_000


class SoundModifications(StrictModel):
    """Sound effects on one track of the call, such as a pitch shift.

    Attributes:
        octaves: Pitch shift in octaves, -1 to 1 (Telnyx default 0).
        pitch: The pitch itself, above 0 (Telnyx default 1; lower is deeper).
        semitone: Pitch shift in semitones, -14 to 14 (Telnyx default 0).
        track: `inbound` or `outbound`.
    """

    octaves: Annotated[float, Field(ge=-1, le=1)] | None = None
    pitch: Annotated[Float32, Field(gt=0)] | None = None
    semitone: Annotated[float, Field(ge=-14, le=14)] | None = None
    track: Literal["inbound", "outbound"] | None = None


class DeepfakeDetection(StrictModel):
    """Whether to analyse the caller's voice for AI generation; results arrive as webhooks.

    Attributes:
        enabled: Turn detection on or off.
        rtp_timeout: Seconds to wait for RTP audio before detection stops, 0 or more.
        timeout: Seconds to wait for a detection result, 0 or more.
    """

    enabled: bool
    rtp_timeout: Annotated[int, Field(ge=0)] | None = None
    timeout: Annotated[int, Field(ge=0)] | None = None


class WebhookRetriesPolicy(StrictModel):
    """How Telnyx retries one event type's webhook.

    Attributes:
        retries_ms: The delays between attempts, in milliseconds: at most 5
            delays, each 0 or more, together at most 60000.
    """

    retries_ms: (
        Annotated[ListOf[Annotated[int, Field(ge=0)]], Field(max_length=_MAX_RETRIES)] | None
    ) = None

    @model_validator(mode="after")
    def _total_delay(self) -> Self:
        if self.retries_ms is not None and sum(self.retries_ms) > _MAX_TOTAL_DELAY_MS:
            raise ValueError(f"retries_ms: the delays must add up to at most {_MAX_TOTAL_DELAY_MS}")
        return self
