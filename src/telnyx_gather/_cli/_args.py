"""The argument parser's class, and the types that check each option's value."""

from __future__ import annotations

import argparse
import json
import math
import sys
from collections.abc import Sequence
from typing import Any, NoReturn, TypeVar

from .._errors import safe_repr
from ._io import EXIT_USAGE

__all__ = ["Parser", "StepAction", "port", "positive", "tolerance", "unix_time"]

_N = TypeVar("_N", int, float)


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
        elif kind == "ai_answer":
            try:
                result = json.loads(str(values))
            except ValueError:
                parser.error(f"{option_string}: not JSON: {safe_repr(str(values))}")
            if not isinstance(result, dict):
                parser.error(f"{option_string}: must be a JSON object")
            steps.append({"type": "ai_answer", "result": result})
        else:
            steps.append({"type": kind})
        namespace.steps = steps
