"""Every payload the sandbox emits, validated into its event model while the suite runs.

The events' models, their `example_payload`s (which the factories send) and
the sandbox's behaviours all write payloads; this check keeps the third in
step with the first. `tests/conftest.py` wraps `Outbox.put` for every test:
each webhook is built as the outbox builds it and must validate into the
model of its `event_type`, with no field the model does not declare. The
failures are collected (the outbox runs on the sandbox's threads) and
reported when the test ends.
"""

from __future__ import annotations

import json
from collections.abc import Callable

from pydantic import BaseModel, ValidationError

from telnyx_gather._errors import describe_validation_error
from telnyx_gather.events import EVENT_TYPES
from telnyx_gather.testing import webhook_body
from telnyx_gather.testing.sandbox._outbox import Outbox, Webhook

__all__ = ["checked_put", "problem"]

# Fields the sandbox sends that the model keeps only as extras, each for a reason:
# the spec's example of `call.conversation.ended` carries the parties; a real
# `call.hangup` carries `end_time` (the spec leaves it out); the sandbox echoes a
# gather's `gather_id` on its `call.gather.ended`; `record_stop` takes a
# `recording_id`, so the sandbox's `call.recording.saved` names the one it saved.
_UNDECLARED: dict[str, frozenset[str]] = {
    "call.conversation.ended": frozenset({"from", "to"}),
    "call.hangup": frozenset({"end_time"}),
    "call.gather.ended": frozenset({"gather_id"}),
    "call.recording.saved": frozenset({"recording_id"}),
}


def problem(webhook: Webhook) -> str | None:
    """What is wrong with the payload the outbox will send for `webhook`, if anything."""
    body = webhook_body(webhook.event_type, webhook.payload, occurred_at=webhook.occurred_at)
    data = json.loads(body)["data"]
    model = EVENT_TYPES.get(webhook.event_type)
    if model is None:
        return f"{webhook.event_type}: no event model has this event_type"
    try:
        event = model.model_validate(data)
    except ValidationError as exc:
        return f"{webhook.event_type}: {describe_validation_error(exc)}"
    payload = vars(event).get("payload")
    extra = set(payload.model_extra or ()) if isinstance(payload, BaseModel) else set()
    extra -= _UNDECLARED.get(webhook.event_type, frozenset())
    if extra:
        return f"{webhook.event_type}: fields its model does not declare: {sorted(extra)}"
    return None


def checked_put(problems: list[str]) -> Callable[[Outbox, Webhook], None]:
    """`Outbox.put` that first records in `problems` what is wrong with the webhook."""
    put = Outbox.put

    def checked(self: Outbox, webhook: Webhook) -> None:
        found = problem(webhook)
        if found is not None:
            problems.append(found)
        put(self, webhook)

    return checked
