"""Outbound legs: who answers a dialled number, and when.

An outbound leg (`POST /calls`, or leg B of a `transfer`) sends
`call.initiated` (outgoing), then rings. A callee scripted with
`Sandbox.callee` answers after its delay (`call.answered`), or refuses: busy
(`user_busy`) or rejected (`call_rejected`); a number with no callee rings
until the leg's timeout (`timeout`). A refused or unanswered leg ends alone,
with `call.hangup`.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from ...events import CallInitiated
from . import _lifecycle as lifecycle
from ._calls import CallState

if TYPE_CHECKING:
    from ._toolkit import Toolkit

__all__ = ["Legs"]

OnAnswer = Callable[[CallState, float], None]
"""Told when an outbound leg is answered, with the leg and the call time."""


class Legs:
    """Rings outbound legs on the toolkit's clock."""

    def __init__(self, kit: Toolkit) -> None:
        self._kit = kit

    def ring_out(
        self,
        from_: str,
        to: str,
        webhook_url: str | None,
        client_state: str | None,
        timeout: float,
        on_answer: OnAnswer | None = None,
        *,
        session: str | None = None,
    ) -> CallState:
        """Dial `to`: `call.initiated` now, then the scripted callee's answer or refusal.

        `session` makes the leg part of an existing call's session (a transfer).
        """
        kit = self._kit
        call = kit.new_call([], from_, to, webhook_url, "outgoing", "ringing")
        call.client_state = client_state
        if session is not None:
            call.call_session_id = session
        now = call.started_at
        kit.emit(call, CallInitiated, lifecycle.initiated(call, kit.iso(now)), at=now)
        callee = kit.callees.get(to)
        if callee is None:
            give_up = partial(kit.unanswered, call, "timeout", "callee", now + timeout)
            call.ring_timer = kit.clock.at(now + timeout, give_up)
        elif callee.refuse is not None:
            when = now + callee.answer_after
            refuse = partial(kit.unanswered, call, callee.refuse, "callee", when)
            call.ring_timer = kit.clock.at(when, refuse)
        else:
            call.script.extend(callee.script)
            answer = partial(self._answered, call, now + callee.answer_after, on_answer)
            call.ring_timer = kit.clock.at(now + callee.answer_after, answer)
        return call

    def _answered(self, call: CallState, at: float, on_answer: OnAnswer | None) -> None:
        self._kit.answer(call, at)
        if on_answer is not None:
            on_answer(call, at)
