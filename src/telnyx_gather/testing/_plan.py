"""Plan the webhooks one DTMF gather causes, from its rules and the caller's script.

Planning is pure: given the command's parameters, the caller's steps and a
start time (call time, in virtual seconds), it returns every event the gather
will emit with its time. The sandbox schedules them, and cuts the plan short
when a `gather_stop`, a new gather or a hang-up interrupts it.

The DTMF rules, per try:

- the prompt plays (`gather_using_audio` sends `call.playback.started` and
  `call.playback.ended` around it; speech sends no webhook of its own);
- each key sends `call.dtmf.received`; the terminating digit ends the input
  and is not collected; reaching `maximum_digits` ends it at once;
- input also ends when the next key does not come within the first-digit
  timeout (`initial_timeout_millis` for `gather`, `timeout_millis` after the
  prompt for the others), the inter-digit timeout, or (`gather` only) the
  overall `timeout_millis`;
- no key at all gives `timeout`; otherwise the digits are `valid` when their
  count is within `minimum_digits`..`maximum_digits` and every one is in
  `valid_digits`, else `invalid`;
- `invalid` and `timeout` replay the prompt (after the invalid prompt, for an
  invalid entry) until `maximum_tries` is used up; the last try's status is
  the gather's.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from ._script import CallerStep, HangUp, Press, Silence

__all__ = [
    "BEAT",
    "PROMPT_SECONDS",
    "Plan",
    "Planned",
    "Playback",
    "caller_steps",
    "conversation_summary",
    "millis",
    "plan_dtmf_gather",
]

PROMPT_SECONDS = 3.0
"""How long every prompt, greeting or spoken reply takes, in call time."""
BEAT = 0.5
"""The pause between an AI assistant's consecutive events, in call time."""


@dataclass(frozen=True)
class Planned:
    """One webhook a plan will emit.

    Attributes:
        at: Call time of the event.
        event_type: The webhook's `event_type`.
        payload: Its event-specific payload fields.
        collected: Digits of the current try after this event.
        ends_call: The caller hangs up with this event.
    """

    at: float
    event_type: str
    payload: dict[str, Any]
    collected: str = ""
    ends_call: bool = False


@dataclass(frozen=True)
class Playback:
    """One prompt played with `call.playback.*` webhooks."""

    start: float
    end: float
    media: dict[str, Any]


@dataclass
class Plan:
    """Everything one gather will emit, with what it needs to be cut short."""

    items: list[Planned] = field(default_factory=list[Planned])
    commits: list[float] = field(default_factory=list[float])
    """When each script step used was committed (its first key, or its try's end)."""
    playbacks: list[Playback] = field(default_factory=list[Playback])

    def consumed(self, at: float) -> int:
        """How many script steps the gather had used by `at`."""
        return sum(1 for c in self.commits if c <= at)

    def collected(self, at: float) -> str:
        """The digits of the current try at `at`."""
        done = [item for item in self.items if item.at <= at]
        return done[-1].collected if done else ""

    def open_playback(self, at: float) -> Playback | None:
        """The prompt playing at `at`, if any."""
        return next((p for p in self.playbacks if p.start <= at < p.end), None)


@dataclass(frozen=True)
class _Outcome:
    status: str
    digits: str
    at: float


def millis(params: dict[str, Any], name: str, default_ms: int) -> float:
    """The parameter `name`, in milliseconds, as seconds."""
    return int(params.get(name, default_ms)) / 1000


def caller_steps(script: Sequence[CallerStep]) -> Iterator[tuple[CallerStep, bool]]:
    """Each step of `script`, then silence for ever; the flag says if it is from the script."""
    yield from ((step, True) for step in script)
    while True:
        yield Silence(), False


def plan_dtmf_gather(
    action: str, params: dict[str, Any], script: Sequence[CallerStep], start: float
) -> Plan:
    """Plan `gather`, `gather_using_audio` or `gather_using_speak`.

    Args:
        action: The command's action.
        params: The validated request body.
        script: The caller's remaining steps.
        start: Call time at which the command arrived.
    """
    plan = Plan()
    prompted = action != "gather"
    tries = int(params.get("maximum_tries", 3)) if prompted else 1
    steps = caller_steps(script)
    t = start
    outcome = _Outcome("timeout", "", t)
    for attempt in range(tries):
        if prompted:
            if attempt and outcome.status == "invalid":
                t = _play(plan, t, _prompt(action, params, invalid=True))
            t = _play(plan, t, _prompt(action, params, invalid=False))
        step, scripted = next(steps)
        outcome = _listen(plan, params, step, t, overall=not prompted)
        if scripted and len(plan.commits) == attempt:
            plan.commits.append(outcome.at)
        if outcome.status in ("valid", "call_hangup"):
            break
        t = outcome.at
    ended = {"digits": outcome.digits, "status": outcome.status}
    if "gather_id" in params:
        ended["gather_id"] = params["gather_id"]
    hangup = outcome.status == "call_hangup"
    plan.items.append(Planned(outcome.at, "call.gather.ended", ended, ends_call=hangup))
    return plan


def _prompt(action: str, params: dict[str, Any], *, invalid: bool) -> dict[str, Any] | None:
    """The media of a prompt (`{}` for speech), or `None` when there is no such prompt."""
    prefix = "invalid_" if invalid else ""
    if action == "gather_using_speak":
        return {} if prefix + "payload" in params else None
    for key, name in (("audio_url", "media_url"), ("media_name", "media_name")):
        if prefix + key in params:
            return {name: params[prefix + key], "overlay": False}
    return None if invalid else {}


def _play(plan: Plan, t: float, media: dict[str, Any] | None) -> float:
    """Play a prompt from `t`; return when it ends. Speech (`{}`) sends no webhook."""
    if media is None:
        return t
    end = t + PROMPT_SECONDS
    if media:
        plan.playbacks.append(Playback(t, end, media))
        plan.items.append(Planned(t, "call.playback.started", dict(media)))
        plan.items.append(Planned(end, "call.playback.ended", {**media, "status": "completed"}))
    return end


def _listen(
    plan: Plan, params: dict[str, Any], step: CallerStep, t: float, *, overall: bool
) -> _Outcome:
    """Collect one try's digits from `step`, starting to listen at `t`."""
    first = "initial_timeout_millis" if overall else "timeout_millis"
    deadline = t + millis(params, first, 5000 if overall else 60000)
    end_by = t + millis(params, "timeout_millis", 60000) if overall else float("inf")
    if isinstance(step, HangUp):
        at = t + step.delay
        if at <= min(deadline, end_by):
            plan.commits.append(at)
            return _Outcome("call_hangup", "", at)
    if not isinstance(step, Press):
        return _Outcome("timeout", "", min(deadline, end_by))
    inter = millis(params, "inter_digit_timeout_millis", 5000)
    terminator = params.get("terminating_digit", "#")
    maximum = int(params.get("maximum_digits", 128))
    digits = ""
    pressed = False
    for index, key in enumerate(step.digits):
        at = t + step.delay + index * step.gap
        if at > min(deadline, end_by):
            break
        if not pressed:
            plan.commits.append(at)
            pressed = True
        if key != terminator:
            digits += key
        plan.items.append(Planned(at, "call.dtmf.received", {"digit": key}, collected=digits))
        if key == terminator or len(digits) >= maximum:
            return _judge(params, digits, at)
        deadline = at + inter
    at = min(deadline, end_by)
    return _judge(params, digits, at) if pressed else _Outcome("timeout", "", at)


def _judge(params: dict[str, Any], digits: str, at: float) -> _Outcome:
    minimum = int(params.get("minimum_digits", 1))
    maximum = int(params.get("maximum_digits", 128))
    valid = params.get("valid_digits", "0123456789#*")
    ok = minimum <= len(digits) <= maximum and all(d in valid for d in digits)
    return _Outcome("valid" if ok else "invalid", digits, at)


def conversation_summary(conversation_id: str, seconds: float) -> dict[str, Any]:
    """The payload fields of `call.conversation.ended` that describe the conversation."""
    return {
        "conversation_id": conversation_id,
        "calling_party_type": "pstn",
        "duration_sec": round(seconds),
    }
