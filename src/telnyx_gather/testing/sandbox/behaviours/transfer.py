"""`transfer`: a second leg B rings; answered, it is bridged to the call in one session.

Leg B sends `call.initiated` (outgoing), then `call.answered` when its
scripted callee answers (`Sandbox.callee`), then both legs get
`call.bridged`, sharing the call's `call_session_id`. A busy, rejecting or
absent callee ends leg B alone with `call.hangup` (`user_busy`,
`call_rejected`, `timeout` after `timeout_secs`): the call stays up and takes
more commands. A ringing incoming call is answered when leg B answers.
Once answered, leg B gets the answering machine detection webhooks the
command asked for (see `_machine`), and, with `record="record-from-answer"`,
is recorded from then on (see `_recordings`).
"""

from __future__ import annotations

from functools import partial

from ....commands import Transfer
from .._calls import CallState
from .._toolkit import Toolkit
from ._declare import LIVE, Behaviour, Reply
from ._machine import detect

__all__: list[str] = []
"""Nothing to import: the engine finds `BEHAVIOURS` here by itself."""

TIMEOUT_SECS = 30
"""How long leg B rings when `timeout_secs` is left out (Telnyx's default)."""


def transfer(kit: Toolkit, call: CallState, command: Transfer, at: float) -> Reply:
    """Ring leg B; bridge it to `call` when it answers."""
    url = call.webhook_url if command.webhook_url is None else str(command.webhook_url)
    call.park_after_unbridge = command.park_after_unbridge == "self"
    call.hold_after_unbridge = False  # a transfer has no such option
    leg = kit.legs.ring_out(
        command.from_ or call.to,
        command.to,
        url,
        command.target_leg_client_state,
        command.timeout_secs or TIMEOUT_SECS,
        partial(_join, kit, call, command),
        session=call.call_session_id,
    )
    call.pending_leg = leg.call_control_id
    return None


def _join(kit: Toolkit, call: CallState, command: Transfer, leg: CallState, at: float) -> None:
    call.pending_leg = None
    if call.status == "ringing":
        kit.answer(call, at)
    if call.status == "answered":
        kit.legs.bridge(call, leg, at)
    kit.recorders.from_answer(leg, at, command)
    detect(kit, command, leg, at)


BEHAVIOURS = (Behaviour(Transfer, transfer, LIVE),)
