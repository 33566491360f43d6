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
from typing import Any, TypeVar, Union

from ...commands import Gather, GatherUsingAudio, GatherUsingSpeak
from ...commands import _defaults as default
from ...events import (
    CallConversationEnded,
    CallDtmfReceived,
    CallEvent,
    CallGatherEnded,
    CallPlaybackEnded,
    CallPlaybackStarted,
)
from ._script import CallerStep, HangUp, Press, Silence

T = TypeVar("T")

EventClass = Union[type[CallEvent], type[CallConversationEnded]]  # noqa: UP007
"""An event model: the class names the webhook."""

DigitsGather = Union[Gather, GatherUsingAudio, GatherUsingSpeak]  # noqa: UP007
"""The three DTMF gathers."""

__all__ = [
    "BEAT",
    "PROMPT_SECONDS",
    "DigitsGather",
    "EventClass",
    "Plan",
    "Planned",
    "Playback",
    "caller_steps",
    "conversation_summary",
    "or_default",
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
        event: The webhook's event class.
        payload: Its event-specific payload fields.
        collected: Digits of the current try after this event.
        ends_call: The caller hangs up with this event.
    """

    at: float
    event: EventClass
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


def or_default(value: T | None, telnyx_default: T) -> T:
    """`value`, or what Telnyx uses when the command leaves it out."""
    return telnyx_default if value is None else value


def caller_steps(script: Sequence[CallerStep]) -> Iterator[tuple[CallerStep, bool]]:
    """Each step of `script`, then silence for ever; the flag says if it is from the script."""
    yield from ((step, True) for step in script)
    while True:
        yield Silence(), False


def plan_dtmf_gather(command: DigitsGather, script: Sequence[CallerStep], start: float) -> Plan:
    """Plan `gather`, `gather_using_audio` or `gather_using_speak`.

    Args:
        command: The validated command.
        script: The caller's remaining steps.
        start: Call time at which the command arrived.
    """
    plan = Plan()
    prompted = not isinstance(command, Gather)
    tries = (
        1
        if isinstance(command, Gather)
        else or_default(command.maximum_tries, default.MAXIMUM_TRIES)
    )
    steps = caller_steps(script)
    t = start
    outcome = _Outcome("timeout", "", t)
    for attempt in range(tries):
        if prompted:
            if attempt and outcome.status == "invalid":
                t = _play(plan, t, _prompt(command, invalid=True))
            t = _play(plan, t, _prompt(command, invalid=False))
        step, scripted = next(steps)
        outcome = _listen(plan, command, step, t)
        if scripted and len(plan.commits) == attempt:
            plan.commits.append(outcome.at)
        if outcome.status in ("valid", "call_hangup"):
            break
        t = outcome.at
    ended = gather_ended(command, outcome.digits, outcome.status)
    hangup = outcome.status == "call_hangup"
    plan.items.append(Planned(outcome.at, CallGatherEnded, ended, ends_call=hangup))
    return plan


def gather_ended(command: DigitsGather, digits: str, status: str) -> dict[str, Any]:
    """The payload fields of `call.gather.ended`."""
    ended = {"digits": digits, "status": status}
    if isinstance(command, Gather) and command.gather_id is not None:
        ended["gather_id"] = command.gather_id
    return ended


def _prompt(command: DigitsGather, *, invalid: bool) -> dict[str, Any] | None:
    """The media of a prompt (`{}` for speech), or `None` when there is no such prompt."""
    if isinstance(command, GatherUsingSpeak):
        text = command.invalid_payload if invalid else command.payload
        return None if text is None else {}
    if isinstance(command, GatherUsingAudio):
        url = command.invalid_audio_url if invalid else command.audio_url
        name = command.invalid_media_name if invalid else command.media_name
        if url is not None:
            return {"media_url": url, "overlay": False}
        if name is not None:
            return {"media_name": name, "overlay": False}
    return None if invalid else {}


def _play(plan: Plan, t: float, media: dict[str, Any] | None) -> float:
    """Play a prompt from `t`; return when it ends. Speech (`{}`) sends no webhook."""
    if media is None:
        return t
    end = t + PROMPT_SECONDS
    if media:
        plan.playbacks.append(Playback(t, end, media))
        plan.items.append(Planned(t, CallPlaybackStarted, dict(media)))
        plan.items.append(Planned(end, CallPlaybackEnded, {**media, "status": "completed"}))
    return end


def _listen(plan: Plan, command: DigitsGather, step: CallerStep, t: float) -> _Outcome:
    """Collect one try's digits from `step`, starting to listen at `t`."""
    timeout = or_default(command.timeout_millis, default.TIMEOUT_MILLIS) / 1000
    if isinstance(command, Gather):
        first = or_default(command.initial_timeout_millis, default.INITIAL_TIMEOUT_MILLIS)
        deadline, end_by = t + first / 1000, t + timeout
    else:
        deadline, end_by = t + timeout, float("inf")
    if isinstance(step, HangUp):
        at = t + step.delay
        if at <= min(deadline, end_by):
            plan.commits.append(at)
            return _Outcome("call_hangup", "", at)
    if not isinstance(step, Press):
        return _Outcome("timeout", "", min(deadline, end_by))
    inter = (
        or_default(command.inter_digit_timeout_millis, default.INTER_DIGIT_TIMEOUT_MILLIS) / 1000
    )
    terminator = or_default(command.terminating_digit, default.TERMINATING_DIGIT)
    maximum = or_default(command.maximum_digits, default.MAXIMUM_DIGITS)
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
        plan.items.append(Planned(at, CallDtmfReceived, {"digit": key}, collected=digits))
        if key == terminator or len(digits) >= maximum:
            return _judge(command, digits, at)
        deadline = at + inter
    at = min(deadline, end_by)
    return _judge(command, digits, at) if pressed else _Outcome("timeout", "", at)


def _judge(command: DigitsGather, digits: str, at: float) -> _Outcome:
    minimum = or_default(command.minimum_digits, default.MINIMUM_DIGITS)
    maximum = or_default(command.maximum_digits, default.MAXIMUM_DIGITS)
    valid = or_default(command.valid_digits, default.VALID_DIGITS)
    ok = minimum <= len(digits) <= maximum and all(d in valid for d in digits)
    return _Outcome("valid" if ok else "invalid", digits, at)


def conversation_summary(conversation_id: str, seconds: float) -> dict[str, Any]:
    """The payload fields of `call.conversation.ended` that describe the conversation."""
    return {
        "conversation_id": conversation_id,
        "calling_party_type": "pstn",
        "duration_sec": round(seconds),
    }
