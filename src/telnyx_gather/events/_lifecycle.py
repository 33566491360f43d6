"""`call.initiated`, `call.answered` and `call.hangup`: where every call flow starts and ends."""

import math
from typing import Annotated, Any, ClassVar, Literal

from pydantic import AwareDatetime, BeforeValidator

from ._base import CallEvent, EventModel, PartiesPayload
from ._examples import SPEC_IDS

__all__ = [
    "CallAnswered",
    "CallAnsweredPayload",
    "CallDirection",
    "CallHangup",
    "CallHangupPayload",
    "CallInitiated",
    "CallInitiatedPayload",
    "CallQualityStats",
    "CallQualityStatsInbound",
    "CallQualityStatsOutbound",
    "HangupCause",
    "HangupSource",
    "SipHeader",
]

CallDirection = Literal["incoming", "outgoing"]
"""Which way a call goes, as seen from the application."""

HangupCause = Literal[
    "call_rejected",
    "normal_clearing",
    "originator_cancel",
    "timeout",
    "time_limit",
    "user_busy",
    "not_found",
    "no_answer",
    "unspecified",
]
"""Why a call ended. Values Telnyx adds later arrive as plain strings."""

HangupSource = Literal["caller", "callee", "unknown"]
"""Which party ended the call. Values Telnyx adds later arrive as plain strings."""


class SipHeader(EventModel):
    """A SIP header of the call: a custom one, or `User-to-User` / `Diversion` from the INVITE."""

    name: str
    value: str


class _LegPayload(PartiesPayload):
    calling_party_type: Literal["pstn", "sip"] | str | None = None
    """The kind of connection the caller is on."""
    custom_headers: list[SipHeader] | None = None
    """Custom SIP headers of the INVITE or the `answer` command."""
    sip_headers: list[SipHeader] | None = None
    """`User-to-User` and `Diversion` headers of the INVITE."""
    start_time: AwareDatetime | None = None
    """When the call started."""
    tags: list[str] | None = None
    """Tags of the number called."""


class CallInitiatedPayload(_LegPayload):
    """Payload of `call.initiated`.

    Attributes:
        direction: `incoming` for a call to the application's number, which
            waits (`state` `parked`) until the application answers it.
        state: `parked` or `bridging`.
        caller_id_name: The caller's name, or its number when none is known.
        from_sip_uri: The SIP URI the call came from.
        to_sip_uri: The SIP URI the call was sent to.
        connection_codecs: Comma-separated codecs enabled on the connection.
        offered_codecs: Comma-separated codecs the caller offered.
        shaken_stir_attestation: The SHAKEN/STIR attestation level.
        shaken_stir_validated: Whether the attestation was validated.
        call_screening_result: The call screening result.
    """

    direction: CallDirection | str | None = None
    state: Literal["parked", "bridging"] | str | None = None
    caller_id_name: str | None = None
    from_sip_uri: str | None = None
    to_sip_uri: str | None = None
    connection_codecs: str | None = None
    offered_codecs: str | None = None
    shaken_stir_attestation: str | None = None
    shaken_stir_validated: bool | None = None
    call_screening_result: str | None = None


class CallInitiated(CallEvent):
    """A call started: for an incoming call, the application should `answer` or `hangup`."""

    event_type: Literal["call.initiated"]
    payload: CallInitiatedPayload
    example_payload: ClassVar[dict[str, Any]] = {
        **SPEC_IDS,
        "from": "+35319605860",
        "to": "+35319605860",
        "direction": "incoming",
        "state": "parked",
    }


class CallAnsweredPayload(_LegPayload):
    """Payload of `call.answered`.

    Attributes:
        state: `answered`, when Telnyx sends it.
    """

    state: Literal["answered"] | str | None = None


class CallAnswered(CallEvent):
    """The call was answered: media flows and gather commands can run."""

    event_type: Literal["call.answered"]
    payload: CallAnsweredPayload
    example_payload: ClassVar[dict[str, Any]] = {
        **SPEC_IDS,
        "from": "+35319605860",
        "to": "+35319605860",
        "start_time": "2018-02-02T22:25:27.521992Z",
        "state": "answered",
    }


def _figure(value: object) -> object:
    # Telnyx sends these figures as strings; a plain finite number is taken as its text.
    if isinstance(value, float) and not math.isfinite(value):
        raise ValueError("must be a finite number")
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    return value


_Figure = Annotated[str, BeforeValidator(_figure)]


class CallQualityStatsOutbound(EventModel):
    """Outbound audio statistics, as the strings Telnyx sends (a number is taken as its text)."""

    packet_count: _Figure | None = None
    skip_packet_count: _Figure | None = None
    """Packets skipped (lost)."""


class CallQualityStatsInbound(CallQualityStatsOutbound):
    """Inbound audio statistics, as strings (`"mos": "4.50"`), as Telnyx sends them."""

    jitter_max_variance: _Figure | None = None
    jitter_packet_count: _Figure | None = None
    mos: _Figure | None = None
    """Mean Opinion Score of the inbound audio, 1 to 5."""


class CallQualityStats(EventModel):
    """Audio quality of the call, with only the figures Telnyx had."""

    inbound: CallQualityStatsInbound | None = None
    outbound: CallQualityStatsOutbound | None = None


class CallHangupPayload(_LegPayload):
    """Payload of `call.hangup`.

    Attributes:
        hangup_cause: Why the call ended.
        hangup_source: Which party ended it.
        sip_hangup_cause: The SIP response code, or `unspecified` when there
            was none (as on inbound calls).
        call_quality_stats: Audio quality figures, when Telnyx has them.
        state: `hangup`.
    """

    hangup_cause: HangupCause | str | None = None
    hangup_source: HangupSource | str | None = None
    sip_hangup_cause: str | None = None
    call_quality_stats: CallQualityStats | None = None
    state: Literal["hangup"] | str | None = None


class CallHangup(CallEvent):
    """The call ended. No command can be sent to it any more."""

    event_type: Literal["call.hangup"]
    payload: CallHangupPayload
    example_payload: ClassVar[dict[str, Any]] = {
        **SPEC_IDS,
        "from": "+35319605860",
        "to": "+35319605860",
        "start_time": "2018-02-02T22:20:27.521992Z",
        "state": "hangup",
        "hangup_cause": "call_rejected",
        "hangup_source": "caller",
        "sip_hangup_cause": "603",
        "call_quality_stats": {
            "inbound": {
                "jitter_max_variance": "2.74",
                "jitter_packet_count": "0",
                "mos": "4.50",
                "packet_count": "591",
                "skip_packet_count": "9",
            },
            "outbound": {"packet_count": "0", "skip_packet_count": "0"},
        },
    }
