"""Build webhook bodies: `webhook_body` for any event, a factory per gather and lifecycle event.

Every factory returns the body as bytes, exactly as Telnyx would deliver it,
so it can be signed with `WebhookSigner` and fed to a handler. Keyword
arguments override or add payload fields (`from_` sets `from`); pass a field
as `None` to send JSON `null`. `event_id`, `occurred_at` and `attempt` set the
envelope, as for `webhook_body`.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Mapping
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Protocol, get_args

if TYPE_CHECKING:
    from ..events._base import CallEvent

__all__ = [
    "EventFactory",
    "call_ai_gather_ended",
    "call_ai_gather_message_history_updated",
    "call_ai_gather_partial_results",
    "call_answered",
    "call_conversation_ended",
    "call_dtmf_received",
    "call_gather_ended",
    "call_hangup",
    "call_initiated",
    "call_playback_ended",
    "call_playback_started",
    "example_factory",
    "webhook_body",
]

_CALL: dict[str, object] = {
    "call_control_id": "v3:test-call-control-id",
    "connection_id": "7267000000000000000",
    "call_leg_id": "428c31b6-7af4-4bcb-b7f5-5013ef9657c1",
    "call_session_id": "428c31b6-abf3-3bc1-b7f4-5013ef9657c1",
}
_PARTIES: dict[str, object] = {**_CALL, "from": "+35319605860", "to": "+13129457420"}
_HISTORY: list[object] = [
    {"role": "assistant", "content": "Hello, can you tell me your age and where you live?"},
    {"role": "user", "content": "Hello, I'm 29 and I live in Paris."},
]
_MEDIA: dict[str, object] = {**_CALL, "media_url": "https://example.com/prompt.wav"}
# An inbound call to the application's number, as the lifecycle events describe it.
_LEG: dict[str, object] = {
    **_PARTIES,
    "client_state": None,
    "calling_party_type": "pstn",
    "start_time": "2026-01-01T00:00:00.000000Z",
}


def webhook_body(
    event_type: str,
    payload: Mapping[str, object],
    *,
    event_id: str | None = None,
    occurred_at: datetime | str | None = None,
    attempt: int | None = 1,
    delivered_to: str = "https://example.com/webhooks",
) -> bytes:
    """Build a delivery body for any event type, including ones this library does not know.

    Args:
        event_type: The `data.event_type`.
        payload: The `data.payload` object, sent as given.
        event_id: The `data.id`; a fresh UUID4 when omitted.
        occurred_at: When it happened; now (UTC) when omitted. A `str` is sent
            verbatim.
        attempt: The `meta.attempt`; `None` leaves `meta` out, as some
            deliveries do.
        delivered_to: The `meta.delivered_to`, the URL the delivery is posted to.

    Returns:
        The JSON body as UTF-8 bytes.
    """
    when = datetime.now(timezone.utc) if occurred_at is None else occurred_at
    data: dict[str, object] = {
        "record_type": "event",
        "event_type": event_type,
        "id": str(uuid.uuid4()) if event_id is None else event_id,
        "occurred_at": when if isinstance(when, str) else _iso(when),
        "payload": dict(payload),
    }
    envelope: dict[str, object] = {"data": data}
    if attempt is not None:
        envelope["meta"] = {"attempt": attempt, "delivered_to": delivered_to}
    return json.dumps(envelope, ensure_ascii=False, separators=(",", ":")).encode()


def _iso(when: datetime) -> str:
    return when.isoformat(timespec="microseconds").replace("+00:00", "Z")


class EventFactory(Protocol):
    """Builds one event's body; keyword arguments override payload fields."""

    def __call__(
        self,
        *,
        event_id: str | None = None,
        occurred_at: datetime | str | None = None,
        attempt: int | None = 1,
        **payload: object,
    ) -> bytes: ...


def _factory(event_type: str, defaults: dict[str, object], summary: str) -> EventFactory:
    def build(
        *,
        event_id: str | None = None,
        occurred_at: datetime | str | None = None,
        attempt: int | None = 1,
        **payload: object,
    ) -> bytes:
        if "from_" in payload:
            payload["from"] = payload.pop("from_")
        return webhook_body(
            event_type,
            {**defaults, **payload},
            event_id=event_id,
            occurred_at=occurred_at,
            attempt=attempt,
        )

    build.__name__ = build.__qualname__ = event_type.replace(".", "_")
    build.__doc__ = f"A `{event_type}` body: {summary}. See `webhook_body` for the envelope."
    return build


def example_factory(event: type[CallEvent]) -> EventFactory:
    """A factory of `event`'s bodies whose payload defaults to `event.example_payload`.

    Args:
        event: A call event class: an `event_type` literal and an `example_payload`.

    Returns:
        The factory, named after the `event_type` (dots made underscores).
    """
    (event_type,) = get_args(event.model_fields["event_type"].annotation)
    example: dict[str, object] = getattr(event, "example_payload", {})
    return _factory(event_type, example, f"the payload of `{event.__name__}.example_payload`")


call_gather_ended: EventFactory = _factory(
    "call.gather.ended",
    {**_PARTIES, "digits": "1234", "status": "valid"},
    'digits "1234", status "valid"',
)
call_dtmf_received: EventFactory = _factory(
    "call.dtmf.received", {**_PARTIES, "digit": "1"}, 'digit "1"'
)
call_playback_started: EventFactory = _factory(
    "call.playback.started", {**_MEDIA, "overlay": False}, "an audio_url prompt started"
)
call_playback_ended: EventFactory = _factory(
    "call.playback.ended",
    {**_MEDIA, "overlay": False, "status": "completed"},
    'an audio_url prompt, status "completed"',
)
call_ai_gather_ended: EventFactory = _factory(
    "call.ai_gather.ended",
    {
        **_PARTIES,
        "message_history": _HISTORY,
        "result": {"age": 29, "city": "Paris"},
        "status": "valid",
    },
    'result {"age": 29, "city": "Paris"}, status "valid"',
)
call_ai_gather_message_history_updated: EventFactory = _factory(
    "call.ai_gather.message_history_updated",
    {**_PARTIES, "message_history": _HISTORY},
    "a two-message history",
)
call_ai_gather_partial_results: EventFactory = _factory(
    "call.ai_gather.partial_results",
    {**_PARTIES, "message_history": _HISTORY, "partial_results": {"age": 29}},
    'partial_results {"age": 29}',
)
call_conversation_ended: EventFactory = _factory(
    "call.conversation.ended",
    {
        **_PARTIES,
        "assistant_id": "assistant-d9082b56-ba2d-4ad1-a50c-58661eb1463d",
        "calling_party_type": "pstn",
        "conversation_id": "0424805b-adc1-4ff8-9f95-e1de6883ecbe",
        "duration_sec": 42,
        "messages": [
            {"role": "assistant", "content": "Hello, how can I help?"},
            {"role": "user", "content": "I'd like to check my order."},
        ],
        "reason": "user_hangup",
    },
    "a 42-second assistant conversation with a two-message transcript",
)
call_initiated: EventFactory = _factory(
    "call.initiated",
    {
        **_LEG,
        "direction": "incoming",
        "state": "parked",
        "caller_id_name": "+35319605860",
        "from_sip_uri": "+35319605860@192.0.2.10:5060",
        "to_sip_uri": "+13129457420@192.0.2.20:5060",
        "connection_codecs": "PCMA,PCMU,G722",
        "offered_codecs": "PCMU,G729",
    },
    "an incoming call, parked until the application answers",
)
call_answered: EventFactory = _factory(
    "call.answered",
    {**_LEG, "state": "answered", "codec": "PCMU", "sampling_rate": 8000},
    "the call answered, PCMU at 8 kHz",
)
call_hangup: EventFactory = _factory(
    "call.hangup",
    {
        **_LEG,
        "state": "hangup",
        "hangup_cause": "normal_clearing",
        "hangup_source": "caller",
        "sip_hangup_cause": "unspecified",
        "call_quality_stats": {
            "inbound": {
                "jitter_max_variance": "2.74",
                "jitter_packet_count": "0",
                "mos": "4.50",
                "packet_count": "591",
                "skip_packet_count": "9",
            },
            "outbound": {"packet_count": "602", "skip_packet_count": "0"},
        },
    },
    'the caller hung up ("normal_clearing"), with string call quality figures',
)
