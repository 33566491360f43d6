"""The argument parser's class, and the types that check each option's value."""

from __future__ import annotations

import argparse
import json
import math
import re
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, NoReturn, TypeVar, cast

from .._errors import safe_repr
from ._io import EXIT_USAGE

if TYPE_CHECKING:
    from ..testing.sandbox import Faults

__all__ = [
    "Parser",
    "StepAction",
    "add_fault_flags",
    "fault_rule",
    "faults",
    "port",
    "positive",
    "tolerance",
    "unix_time",
]

_N = TypeVar("_N", int, float)
_EVENT_TYPE = re.compile(r"[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+")


class Parser(argparse.ArgumentParser):
    """Reports a usage error with the (sub)command's usage and where to read more."""

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        hint = f"run '{self.prog} --help' for every option"
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message}\n{hint}\n")


def positive(text: str) -> float:
    value = _number(text, float)
    if not (value > 0 and math.isfinite(value)):
        raise argparse.ArgumentTypeError(f"must be a positive number, not {safe_repr(text)}")
    return value


def tolerance(text: str) -> float:
    value = _number(text, float)
    if not (value >= 0 and math.isfinite(value)):
        raise argparse.ArgumentTypeError(
            f"must be a number of seconds, 0 or more, not {safe_repr(text)}"
        )
    return value


def unix_time(text: str) -> int:
    value = _number(text, int)
    if not 0 <= value < 10**18:
        raise argparse.ArgumentTypeError(
            f"must be a Unix time in whole seconds, 0 or more, not {safe_repr(text)}"
        )
    return value


def port(text: str) -> int:
    value = _number(text, int)
    if not 0 <= value <= 65535:
        raise argparse.ArgumentTypeError(
            f"must be a port number from 0 to 65535, not {safe_repr(text)}"
        )
    return value


def fault_rule(text: str) -> float | frozenset[str]:
    """A fault's rule: a probability from 0 to 1, or event types separated by commas."""
    try:
        value = float(text)
    except ValueError:
        names = frozenset(name.strip() for name in text.split(",") if name.strip())
        if not names or not all(_EVENT_TYPE.fullmatch(name) for name in names):
            raise argparse.ArgumentTypeError(
                "must be a probability from 0 to 1 or event types such as "
                f"call.answered,call.gather.ended, not {safe_repr(text)}"
            ) from None
        return names
    if not 0 <= value <= 1:
        raise argparse.ArgumentTypeError(
            f"must be a probability from 0 to 1, not {safe_repr(text)}"
        )
    return value


def add_fault_flags(parser: argparse.ArgumentParser) -> None:
    """`--duplicate`, `--reorder`, `--fail-first` (and `--fault-seed`): the sandbox's `Faults`."""
    group = parser.add_argument_group(
        "delivery faults, each a probability (0.2) or event types (call.answered,call.hangup)"
    )
    for flag, what in (
        ("--fail-first", "drop the app's answer to the first attempt, so the webhook is retried"),
        ("--duplicate", "post a delivered webhook again, with the same data.id"),
        ("--reorder", "swap a webhook with the next one queued for its call"),
    ):
        group.add_argument(flag, type=fault_rule, metavar="RULE", help=what)
    group.add_argument("--fault-seed", type=int, default=0, help="seeds the probabilities (0)")


def faults(args: argparse.Namespace) -> Faults | None:
    """The `Faults` the flags ask for, or `None` when none is given."""
    rules = {k: getattr(args, k, None) for k in ("fail_first", "duplicate", "reorder")}
    given = {k: v for k, v in rules.items() if v is not None}
    if not given:
        return None
    from ..testing.sandbox import Faults

    return Faults(**given, seed=args.fault_seed)


def _number(text: str, kind: type[_N]) -> _N:
    try:
        return kind(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"must be {'a whole' if kind is int else 'a'} number, not {safe_repr(text)}"
        ) from None


class StepAction(argparse.Action):
    """Appends `(type, value)` to `namespace.steps`, so flags of any kind keep their order."""

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: str | Sequence[Any] | None,
        option_string: str | None = None,
    ) -> None:
        steps: list[dict[str, Any]] = list(getattr(namespace, "steps", None) or [])
        kind = str(self.const)
        if kind == "press":
            steps.append({"type": "press", "digits": values})
        elif kind in ("ai_answer", "assistant_turn"):
            try:
                given = json.loads(str(values))
            except ValueError:
                parser.error(f"{option_string}: not JSON: {safe_repr(str(values))}")
            if not isinstance(given, dict):
                parser.error(f"{option_string}: must be a JSON object")
            found = cast("dict[str, Any]", given)
            steps.append(
                {"type": kind, "result": found} if kind == "ai_answer" else {**found, "type": kind}
            )
        else:
            steps.append({"type": kind})
        namespace.steps = steps
