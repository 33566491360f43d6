"""`conference_config`: dial the new call straight into a conference."""

from typing import Literal

from pydantic import model_validator
from typing_extensions import Self

from .._base import StrictModel
from .._fields import HttpUrl, ListOf, UuidText

__all__ = ["ConferenceConfig"]


class ConferenceConfig(StrictModel):
    """The conference a dialled call joins, and how it joins.

    Attributes:
        id: The conference to join, by id.
        conference_name: The conference to join, by name.
        beep_enabled: When to beep: `always`, `never`, `on_enter` or `on_exit`.
        early_media: Join as soon as there is media (Telnyx default), or on answer.
        end_conference_on_exit: End the conference and hang up everyone when
            this participant leaves.
        soft_end_conference_on_exit: End the conference, without hanging up
            the others, when this participant leaves.
        hold: Put the participant on hold on joining.
        hold_audio_url: Audio played while on hold; not with `hold_media_name`.
        hold_media_name: An uploaded file played while on hold.
        mute: Mute the participant on joining.
        start_conference_on_create: Start the conference when it is created.
        start_conference_on_enter: Start the conference when this participant joins.
        supervisor_role: `barge`, `monitor`, `none` or `whisper`.
        whisper_call_control_ids: The calls a whispering supervisor can speak to.
    """

    id: UuidText | None = None
    conference_name: str | None = None
    beep_enabled: Literal["always", "never", "on_enter", "on_exit"] | None = None
    early_media: bool | None = None
    end_conference_on_exit: bool | None = None
    soft_end_conference_on_exit: bool | None = None
    hold: bool | None = None
    hold_audio_url: HttpUrl | None = None
    hold_media_name: str | None = None
    mute: bool | None = None
    start_conference_on_create: bool | None = None
    start_conference_on_enter: bool | None = None
    supervisor_role: Literal["barge", "monitor", "none", "whisper"] | None = None
    whisper_call_control_ids: ListOf[str] | None = None

    @model_validator(mode="after")
    def _one_hold_source(self) -> Self:
        if self.hold_audio_url is not None and self.hold_media_name is not None:
            raise ValueError("hold_audio_url, hold_media_name: cannot be used together")
        return self
