"""Outbound legs and bridges: who answers a dialled number, and calls joined in one session.

An outbound leg (`POST /calls`, or leg B of a `transfer`) sends
`call.initiated` (outgoing), then rings. A callee scripted with
`Sandbox.callee` answers after its delay (`call.answered`), or refuses: busy
(`user_busy`) or rejected (`call_rejected`); a number with no callee rings
until the leg's timeout (`timeout`). A refused or unanswered leg ends alone,
with `call.hangup`.

Two bridged calls each get `call.bridged`. When one of them ends, the other
ends too (`normal_clearing`), unless it asked to be kept after the bridge:
parked (`park_after_unbridge="self"`) or put on hold (`hold_after_unbridge`,
which sends it `call.hold`). A kept call stays up, alone, and takes commands.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from ...events import CallBridged, CallHold, CallInitiated
from . import _lifecycle as lifecycle
from ._calls import CallState

if TYPE_CHECKING:
    from ._toolkit import Toolkit

__all__ = ["Legs"]

OnAnswer = Callable[[CallState, float], None]
"""Told when an outbound leg is answered, with the leg and the call time."""


class Legs:
    """Rings outbound legs and bridges calls, on the toolkit's clock."""

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
        call = self._kit.new_call([], from_, to, webhook_url, "outgoing", "ringing")
        call.client_state = client_state
        if session is not None:
            call.call_session_id = session
        self.ring(call, timeout, on_answer)
        return call

    def ring(self, call: CallState, timeout: float, on_answer: OnAnswer | None = None) -> None:
        """Ring the new outbound `call`: `call.initiated`, then its callee's answer or refusal."""
        kit = self._kit
        now = call.started_at
        kit.emit(call, CallInitiated, lifecycle.initiated(call, kit.iso(now)), at=now)
        callee = kit.callees.get(call.to)
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

    def bridge(self, a: CallState, b: CallState, at: float) -> None:
        """Join `a` and `b`: `call.bridged` on both."""
        for call in (a, b):
            self.unbridge(call, at)
        a.peer, b.peer = b.call_control_id, a.call_control_id
        self._kit.emit(a, CallBridged, {}, at=at)
        self._kit.emit(b, CallBridged, {}, at=at)

    def unbridge(self, call: CallState, at: float) -> None:
        """Part `call` from its peer; the peer hangs up unless it is kept (parked or held)."""
        peer = self._kit.calls.get(call.peer or "")
        call.peer = None
        if peer is None or peer.peer != call.call_control_id:
            return
        peer.peer = None
        if peer.status != "answered":
            return
        if peer.hold_after_unbridge:
            self._kit.emit(peer, CallHold, {}, at=at)
        elif not peer.park_after_unbridge:
            source: lifecycle.Party = "callee" if peer.direction == "incoming" else "caller"
            self._kit.end_call(peer, at, "normal_clearing", source)

    def _answered(self, call: CallState, at: float, on_answer: OnAnswer | None) -> None:
        self._kit.answer(call, at)
        if on_answer is not None:
            on_answer(call, at)
