"""Answering machine detection on an outbound leg (`dial`, a `transfer`'s leg B), once answered.

The callee's `answered_by` (`Human` by default, or `Machine`) decides the
results; the command's `answering_machine_detection` decides which webhooks
tell them, as the spec describes each mode:

- `detect`: `call.machine.detection.ended` (`human` or `machine`);
- `greeting_end`, `detect_words`: that, then for a machine
  `call.machine.greeting.ended` when its greeting ends (`beep_detected`, or
  `ended` when it ends in silence);
- `detect_beep`: that, then `call.machine.greeting.ended` only for a beep;
- `premium` (and the SDK's `premium_ios_call_screening_detection`):
  `call.machine.premium.detection.ended` (`human_residence`,
  `human_business` or `machine`), and for a beep
  `call.machine.premium.greeting.ended` (`beep_detected`); a beep heard
  before detection has decided sends only the latter;
- absent or `disabled`: nothing.

Detection decides a person `1 s + after_greeting_silence_millis` after the
answer, a machine `greeting_duration_millis` after it, either at most
`total_analysis_time_millis` (the API's defaults: 0.8 s, 3.5 s, 3.5 s).
"""

from __future__ import annotations

from ....commands import AnsweringMachineDetectionConfig, Dial, Transfer
from ....events import (
    CallMachineDetectionEnded,
    CallMachineGreetingEnded,
    CallMachinePremiumDetectionEnded,
    CallMachinePremiumGreetingEnded,
)
from .._answerer import Human, Machine
from .._calls import CallState
from .._toolkit import Toolkit

__all__ = ["detect"]

_PREMIUM = frozenset({"premium", "premium_ios_call_screening_detection"})
_GREETING = frozenset({"greeting_end", "detect_words"})


def detect(kit: Toolkit, command: Dial | Transfer, leg: CallState, at: float) -> None:
    """Schedule the detection webhooks `command` asked for about `leg`, answered at `at`."""
    mode = command.answering_machine_detection
    if mode is None or mode == "disabled":
        return
    callee = kit.callees.get(leg.to)
    answerer = Human() if callee is None else callee.answered_by
    config = command.answering_machine_detection_config or AnsweringMachineDetectionConfig()
    total = _seconds(config.total_analysis_time_millis, 3.5)
    if isinstance(answerer, Machine):
        decided = at + min(_seconds(config.greeting_duration_millis, 3.5), total)
    else:
        decided = at + min(1.0 + _seconds(config.after_greeting_silence_millis, 0.8), total)
    if mode in _PREMIUM:
        _premium(kit, leg, answerer, decided, at)
    else:
        _standard(kit, leg, mode, answerer, decided, at)


def _standard(
    kit: Toolkit, leg: CallState, mode: str, answerer: Human | Machine, decided: float, at: float
) -> None:
    if isinstance(answerer, Human):
        kit.later(leg, decided, CallMachineDetectionEnded, {"result": "human"})
        return
    kit.later(leg, decided, CallMachineDetectionEnded, {"result": "machine"})
    ended = max(at + answerer.greeting, decided)
    if mode in _GREETING:
        result = "beep_detected" if answerer.beep else "ended"
        kit.later(leg, ended, CallMachineGreetingEnded, {"result": result})
    elif mode == "detect_beep" and answerer.beep:
        kit.later(leg, ended, CallMachineGreetingEnded, {"result": "beep_detected"})


def _premium(
    kit: Toolkit, leg: CallState, answerer: Human | Machine, decided: float, at: float
) -> None:
    if isinstance(answerer, Human):
        result = "human_business" if answerer.business else "human_residence"
        kit.later(leg, decided, CallMachinePremiumDetectionEnded, {"result": result})
        return
    beep = at + answerer.greeting if answerer.beep else None
    if beep is None or beep >= decided:
        kit.later(leg, decided, CallMachinePremiumDetectionEnded, {"result": "machine"})
    if beep is not None:
        kit.later(leg, beep, CallMachinePremiumGreetingEnded, {"result": "beep_detected"})


def _seconds(millis: int | None, default: float) -> float:
    return default if millis is None else millis / 1000
