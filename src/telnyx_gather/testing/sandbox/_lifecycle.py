"""The payload fields of `call.initiated`, `call.answered` and `call.hangup`.

Shaped after real deliveries: every field a production log of one call
carries that the sandbox can know (`state`, `start_time`, `hangup_cause`,
`hangup_source`, `sip_hangup_cause`, ...).
"""

from __future__ import annotations

from typing import Any, Literal

from ._calls import CallState

__all__ = ["HangupCause", "Party", "answered", "hung_up", "initiated"]

HangupCause = Literal[
    "normal_clearing",
    "originator_cancel",
    "call_rejected",
    "timeout",
    "no_answer",
    "user_busy",
    "unallocated_number",
    "temporarily_unavailable",
]
Party = Literal["caller", "callee"]

_SIP_CAUSE: dict[str, str] = {
    "normal_clearing": "unspecified",
    "originator_cancel": "487",
    "call_rejected": "603",
    "timeout": "408",
    "no_answer": "480",
    "user_busy": "486",
    "unallocated_number": "404",
    "temporarily_unavailable": "480",
}


def initiated(call: CallState, start_time: str) -> dict[str, Any]:
    """`call.initiated`: an incoming call parked until answered, or an outgoing one ringing."""
    return {
        "direction": call.direction,
        "state": "parked" if call.direction == "incoming" else "bridging",
        "caller_id_name": call.from_,
        "calling_party_type": "pstn",
        "start_time": start_time,
    }


def answered(start_time: str) -> dict[str, Any]:
    """`call.answered`."""
    return {"state": "answered", "calling_party_type": "pstn", "start_time": start_time}


def hung_up(cause: HangupCause, source: Party, start_time: str, end_time: str) -> dict[str, Any]:
    """`call.hangup`: why, by whom, and when the call started and ended."""
    return {
        "state": "hangup",
        "hangup_cause": cause,
        "hangup_source": source,
        "sip_hangup_cause": _SIP_CAUSE[cause],
        "calling_party_type": "pstn",
        "start_time": start_time,
        "end_time": end_time,
    }
