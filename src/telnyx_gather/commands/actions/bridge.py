"""`bridge`: join the call with another call, a queue or a video room."""

from __future__ import annotations

from typing import ClassVar, Literal

from pydantic import model_validator
from typing_extensions import Self

from .._base import Command
from .._fields import UuidText
from ._legs import RecordFields

__all__ = ["Bridge", "Ringtone"]

Ringtone = Literal[
    "at", "au", "be", "bg", "br", "ch", "cl", "cn", "cz", "de", "dk", "ee", "es", "fi", "fr",
    "gr", "hu", "il", "in", "it", "jp", "lt", "mx", "my", "nl", "no", "nz", "ph", "pl", "pt",
    "ru", "se", "sg", "th", "tw", "uk", "us-old", "us", "ve", "za",
]  # fmt: skip
"""The country whose ringtone `play_ringtone` plays."""


class Bridge(RecordFields, Command):
    """Bridge the call with another; Telnyx sends `call.bridged` on both.

    Set exactly one of `call_control_id`, `queue` and `video_room_id`.

    Attributes:
        call_control_id: The call to bridge with (the other call, not this one).
        queue: A queue whose first call to bridge with (it leaves the queue
            whether or not the bridge works).
        video_room_id: A video room to bridge with (a UUID).
        video_room_context: Text passed to the video room, such as the
            participant's name; only with `video_room_id`.
        prevent_double_bridge: Do not bridge if the other call is already bridged.
        park_after_unbridge: `self` parks this call when the bridge ends,
            instead of hanging it up.
        hold_after_unbridge: Put this call on hold when the bridge ends,
            instead of hanging it up.
        play_ringtone: Play a ringtone while the other call is not yet answered.
        ringtone: The country of that ringtone (Telnyx default `us`).
        mute_dtmf: Whose DTMF tones are not passed on: `none` (Telnyx
            default), `both`, `self` or `opposite`.
        record: `record-from-answer` to record the bridged call.
        record_channels: `single` or `dual` (Telnyx default).
        record_custom_file_name: The recording's file name, 1 to 40 characters.
        record_format: `wav` or `mp3` (Telnyx default).
        record_max_length: Longest recording in seconds, 0 (no limit) to 43200.
        record_timeout_secs: Seconds of silence that stop the recording, 0 (never) or more.
        record_track: `both` (Telnyx default), `inbound` or `outbound`.
        record_trim: `trim-silence` to cut silence at both ends.
        client_state: Base64 state echoed in every later webhook.
        command_id: Telnyx ignores a repeated `command_id` on the same call.
    """

    action: ClassVar[str] = "bridge"
    method: ClassVar[str] = "bridge"

    call_control_id: str | None = None
    queue: str | None = None
    video_room_id: UuidText | None = None
    video_room_context: str | None = None
    prevent_double_bridge: bool | None = None
    park_after_unbridge: Literal["self"] | None = None
    hold_after_unbridge: bool | None = None
    play_ringtone: bool | None = None
    ringtone: Ringtone | None = None
    mute_dtmf: Literal["none", "both", "self", "opposite"] | None = None

    @model_validator(mode="after")
    def _one_target(self) -> Self:
        targets = (self.call_control_id, self.queue, self.video_room_id)
        if sum(target is not None for target in targets) != 1:
            raise ValueError("call_control_id, queue, video_room_id: set exactly one of them")
        if self.video_room_context is not None and self.video_room_id is None:
            raise ValueError("video_room_context: only with video_room_id")
        return self
