"""`telnyx-gather graph TARGET`: a router's routes as a Mermaid state diagram.

TARGET is `module:name` or `path/to/file.py:name`. `name` is a `Router`, or a
function that builds one: it is called with stand-ins for its `verifier`
and `client` parameters (a random test key; a client that refuses to send),
since drawing needs only the routes.
"""

from __future__ import annotations

import argparse
import importlib
import importlib.util
import inspect
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

from .._errors import safe_repr
from ._io import EXIT_OK, UsageError

__all__ = ["run_graph"]


class _NoClient:
    """The stand-in client: drawing a router never sends."""

    def send(self, call_control_id: str, command: object, /) -> object:
        raise RuntimeError("telnyx-gather graph never sends commands")


def run_graph(args: argparse.Namespace) -> int:
    """Print (or write) the Mermaid diagram of the router `args.target` names."""
    from ..router import Router

    router = _load(args.target)
    if not isinstance(router, Router):
        raise UsageError(f"{safe_repr(args.target)} is not a Router, nor builds one")
    text: str = router.to_mermaid()  # pyright: ignore[reportUnknownMemberType]
    if args.out is None:
        print(text, end="")
        return EXIT_OK
    try:
        Path(args.out).write_text(text, encoding="utf-8")
    except OSError as exc:
        raise UsageError(f"cannot write {safe_repr(args.out)}: {exc.strerror}") from None
    return EXIT_OK


def _load(target: str) -> object:
    where, colon, name = target.rpartition(":")
    if not colon or not where or not name.isidentifier():
        raise UsageError("give the router as MODULE:NAME or path/to/file.py:NAME")
    module = _module(where)
    value = getattr(module, name, None)
    if value is None:
        raise UsageError(f"{safe_repr(where)} has no {safe_repr(name)}")
    if inspect.isfunction(value):
        return _build(value)
    return value


def _module(where: str) -> ModuleType:
    try:
        if where.endswith(".py"):
            path = Path(where).resolve()
            spec = importlib.util.spec_from_file_location(path.stem, path)
            if spec is None or spec.loader is None or not path.is_file():
                raise UsageError(f"no such file: {safe_repr(where)}")
            sys.path.insert(0, str(path.parent))  # its own imports, as `python file.py` finds them
            module = importlib.util.module_from_spec(spec)
            sys.modules[path.stem] = module
            spec.loader.exec_module(module)
            return module
        sys.path.insert(0, str(Path.cwd()))
        return importlib.import_module(where)
    except UsageError:
        raise
    except ImportError as exc:
        raise UsageError(f"cannot import {safe_repr(where)}: {type(exc).__name__}") from None
    except Exception as exc:  # noqa: BLE001 -- the user's module may raise anything on import
        raise UsageError(f"importing {safe_repr(where)} failed: {type(exc).__name__}") from None


def _build(factory: Any) -> object:
    from ..testing import WebhookSigner
    from ..verify import WebhookVerifier

    stand_ins = {
        "verifier": WebhookVerifier(WebhookSigner().public_key),
        "client": _NoClient(),
    }
    try:
        parameters = inspect.signature(factory).parameters
        return factory(**{k: v for k, v in stand_ins.items() if k in parameters})
    except Exception as exc:  # noqa: BLE001 -- the user's factory may raise anything
        raise UsageError(f"building the router failed: {type(exc).__name__}") from None
