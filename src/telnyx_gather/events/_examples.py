"""Call identifiers the documented deliveries share, for the events' `example_payload`.

Values, not models: the spec's examples repeat the same few sets of ids, and
each event's example spreads the one its documented delivery carries.
"""

from typing import Any

__all__ = ["SDK_IDS", "SPEC_IDS", "SPEC_MEDIA_IDS"]

SPEC_IDS: dict[str, Any] = {
    "call_control_id": "v3:MdI91X4lWFEs7IgbBEOT9M4AigoY08M0WWZFISt1Yw2axZ_IiE4pqg",
    "connection_id": "7267xxxxxxxxxxxxxx",
    "call_leg_id": "428c31b6-7af4-4bcb-b7f5-5013ef9657c1",
    "call_session_id": "428c31b6-7af4-4bcb-b7f5-5013ef9657c1",
    "client_state": "aGF2ZSBhIG5pY2UgZGF5ID1d",
}
"""The ids of most of the spec's webhook examples."""

SPEC_MEDIA_IDS: dict[str, Any] = {
    "call_control_id": "31f19208-5db0-11ec-9ea7-02420a0d3a69",
    "connection_id": "7267xxxxxxxxxxxxxx",
    "call_leg_id": "31f19208-5db0-11ec-9ea7-02420a0d3a69",
    "call_session_id": "31f19208-5db0-11ec-9ea7-02420a0d3a69",
    "client_state": "aGF2ZSBhIG5pY2UgZGF5ID1d",
}
"""The ids of the spec's `streaming.*` and `siprec.*` examples."""

SDK_IDS: dict[str, Any] = {
    **SPEC_IDS,
    "client_state": None,
}
"""Ids for the events only the SDK documents: the spec's, with no client state set."""
