"""One module per command family: what each command does to a simulated call.

Each public module here declares `BEHAVIOURS`, a tuple of `Behaviour`: the
command, its precondition (`When`: the call states it runs in) and one typed
function that applies it through the `Toolkit` (`emit`, `interrupt`,
`end_call`, ...). The engine finds the modules by themselves, so adding a
command's behaviour is adding its module; a test (and the generator) checks
that every command in `COMMANDS` has one.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

from ._declare import ANSWERED, LIVE, NEW_CALL, RINGING_INBOUND, Behaviour, Reply, Run, When

__all__ = [
    "ANSWERED",
    "BEHAVIOURS",
    "LIVE",
    "NEW_CALL",
    "RINGING_INBOUND",
    "Behaviour",
    "Reply",
    "Run",
    "When",
]


def _collect() -> Mapping[str, Behaviour[Any]]:
    found: dict[str, Behaviour[Any]] = {}
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        declared: tuple[Behaviour[Any], ...] = module.BEHAVIOURS
        for behaviour in declared:
            action = behaviour.command.action
            if action in found:
                raise RuntimeError(f"two behaviours for {action}: one is in {info.name}")
            found[action] = behaviour
    return MappingProxyType(found)


BEHAVIOURS: Mapping[str, Behaviour[Any]] = _collect()
"""Each action (the builder's `action`) to its behaviour."""
