"""The `record`, `replay` and `graph` commands' arguments; each runs from its own module."""

from __future__ import annotations

import argparse
from collections.abc import Callable

from ._args import port, positive

__all__ = ["add_flow_commands"]

Command = Callable[[argparse.Namespace], int]
AddCommand = Callable[[str, str, Command], argparse.ArgumentParser]


def add_flow_commands(command: AddCommand) -> None:
    """Add `record`, `replay` and `graph` with `command(name, summary, run)`."""
    record = command(
        "record",
        "Stand in front of a running app and write each call it handles to a cassette.",
        _run_record,
    )
    record.add_argument("url", help="the app's webhook URL, where deliveries are passed on")
    record.add_argument("--out", default="cassettes", help="directory for the cassettes")
    record.add_argument(
        "--api",
        default="https://api.telnyx.com/v2",
        help="the Call Control API the app's commands are passed on to",
    )
    record.add_argument(
        "--public-key",
        action="append",
        metavar="KEY",
        help="verifies each delivery before it is recorded (default: $TELNYX_PUBLIC_KEY)",
    )
    record.add_argument("--port", type=port, default=0, help="port to listen on (a free one)")
    record.add_argument(
        "--calls", type=int, default=0, help="stop after this many calls hung up (0: on Ctrl-C)"
    )
    record.add_argument(
        "--keep", action="append", default=[], metavar="FIELD", help="a field never masked"
    )
    record.add_argument(
        "--mask", action="append", default=[], metavar="FIELD", help="another field to mask"
    )

    replay = command(
        "replay",
        "Replay a cassette to a running app and print how its commands differ.",
        _run_replay,
    )
    replay.add_argument("cassette", help="a cassette file, as `record` writes")
    replay.add_argument("url", help="the app's webhook URL")
    replay.add_argument(
        "--port", type=port, default=0, help="port of the stand-in API (a free one)"
    )
    replay.add_argument("--api-key", default="KEY_REPLAY", help="bearer token (KEY_REPLAY)")
    replay.add_argument("--seed", help="32-byte ed25519 seed in hex or base64, for a fixed key")
    replay.add_argument(
        "--duplicate", type=_share, default=0.0, metavar="P", help="share of deliveries sent twice"
    )
    replay.add_argument(
        "--reorder", type=_share, default=0.0, metavar="P", help="share swapped with the next"
    )
    replay.add_argument("--fault-seed", type=int, default=0, help="seeds the faults (0)")
    replay.add_argument("--html", metavar="FILE", help="also write the timeline as HTML")

    graph = command("graph", "Print a router's routes as a Mermaid state diagram.", _run_graph)
    graph.add_argument(
        "target",
        help="MODULE:NAME or path/to/file.py:NAME: a Router, or a function that builds one",
    )
    graph.add_argument("--out", metavar="FILE", help="write to a file instead of printing")


def _share(text: str) -> float:
    value = positive(text) if text.strip() not in ("0", "0.0") else 0.0
    if value > 1:
        raise argparse.ArgumentTypeError("must be a share from 0 to 1")
    return value


def _run_record(args: argparse.Namespace) -> int:
    from ._record import run_record

    return run_record(args)


def _run_replay(args: argparse.Namespace) -> int:
    from ._replay import run_replay

    return run_replay(args)


def _run_graph(args: argparse.Namespace) -> int:
    from ._graph import run_graph

    return run_graph(args)
