"""The parts of `scripts/generate.py`: discovering the models, rendering what they imply."""

from __future__ import annotations

import importlib
import sys
import types
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "src" / "telnyx_gather"
# The packages whose `__init__` holds generated blocks stand in as bare
# packages while the models are read, so a stale or empty block (a new
# module, a removed class) never stops the generator from running.
_BARE = ("commands", "events")
# The events package's own generated tables, and the modules built on them.
NOT_FAMILIES = ("_index", "_registry", "_tagged", "_union")


def _bare_packages() -> None:
    importlib.import_module("telnyx_gather")
    for name in _BARE:
        dotted = f"telnyx_gather.{name}"
        if dotted in sys.modules and not isinstance(sys.modules[dotted], _Bare):
            raise RuntimeError(f"{dotted} was imported before the generator read the models")
        bare = _Bare(dotted)
        bare.__path__ = [str(PACKAGE / name)]
        sys.modules[dotted] = bare


class _Bare(types.ModuleType):
    """A package module that has not run its `__init__`."""


_bare_packages()


class GenerateError(Exception):
    """A model module breaks a convention the generator relies on; the message names it."""
