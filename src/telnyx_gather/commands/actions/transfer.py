"""`transfer`: call a new leg and bridge this call to it when it answers."""

from __future__ import annotations

from typing import ClassVar, Literal

from .._base import ClientState, Command
from ._legs import LegFields

__all__ = ["Transfer"]


class Transfer(LegFields, Command):
    """Transfer the call: Telnyx dials `to` and bridges the two when it answers.

    The new leg sends its own `call.initiated`, `call.answered` (or
    `call.hangup`, leaving this call up) and `call.bridged`.

    Attributes:
        to: The number (+E.164) or SIP URI to call; `,<digits>` after it sends
            DTMF on answer.
        from_: Caller id for the new leg (+E.164; sent as `from`); this
            call's `to` when unset.
        from_display_name: Caller id name: at most 128 letters, digits,
            spaces or `-_~!.+`.
        audio_url: Played to the callee on answer, before bridging; not with `media_name`.
        media_name: An uploaded WAV or MP3 file played instead.
        early_media: Pass the new leg's early media (ringback) to this call
            (Telnyx default true).
        timeout_secs: Seconds to wait for an answer, 5 to 600 (Telnyx default 30).
        time_limit_secs: Longest life of the new leg in seconds, 30 to 14400
            (the Telnyx default).
        answering_machine_detection: `premium`, `detect`, ... or `disabled`
            (Telnyx default).
        answering_machine_detection_config: Thresholds of the detection.
        custom_headers: Custom headers added to the SIP INVITE.
        sip_headers: Standard SIP headers (only `User-to-User`).
        sip_auth_username: Username for SIP authentication challenges.
        sip_auth_password: Password for SIP authentication challenges.
        sip_transport_protocol: `UDP` (Telnyx default), `TCP` or `TLS`.
        sip_region: `US` (Telnyx default), `Europe`, `Canada`, `Australia` or `Middle East`.
        media_encryption: `disabled` (Telnyx default), `SRTP` or `DTLS`.
        sound_modifications: Sound effects, such as a pitch shift.
        preferred_codecs: Comma-separated codecs in order of preference.
        park_after_unbridge: `self` parks this call when the bridge ends,
            instead of hanging it up.
        mute_dtmf: Whose DTMF tones are not passed on: `none` (Telnyx
            default), `both`, `self` or `opposite`.
        diversion: The `to` of an active inbound call, which verifies `from_`.
        privacy: `id` hides the caller id from the callee; `none` shows it.
        route_to_mobile: Ring the Telnyx Mobile device itself, past call interception.
        send_digits_on_answer: DTMF to send when the callee answers: at most
            64 of 0-9, A-D, `*`, `#`, `w`, `W`.
        target_leg_client_state: Base64 state echoed in the new leg's webhooks.
        record: `record-from-answer` to record the new leg.
        record_channels: `single` or `dual` (Telnyx default).
        record_custom_file_name: The recording's file name, 1 to 40 characters.
        record_format: `wav` or `mp3` (Telnyx default).
        record_max_length: Longest recording in seconds, 0 (no limit) to 43200.
        record_timeout_secs: Seconds of silence that stop the recording, 0 (never) or more.
        record_track: `both` (Telnyx default), `inbound` or `outbound`.
        record_trim: `trim-silence` to cut silence at both ends.
        webhook_url: Where to send the new leg's webhooks.
        webhook_url_method: `POST` (Telnyx default) or `GET`.
        webhook_urls: Webhook URLs per event type (one URL or a list).
        webhook_urls_method: `POST` (Telnyx default) or `GET`, for `webhook_urls`.
        webhook_retries_policies: Retry delays per event type: at most 5,
            60,000 ms in total.
        client_state: Base64 state echoed in every later webhook.
        command_id: Telnyx ignores a repeated `command_id` on the same call.
    """

    action: ClassVar[str] = "transfer"
    method: ClassVar[str] = "transfer"

    to: str
    early_media: bool | None = None
    mute_dtmf: Literal["none", "both", "self", "opposite"] | None = None
    target_leg_client_state: ClientState | None = None
