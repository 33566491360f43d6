"""`telnyx-gather replay CASSETTE URL`: replay a recorded call to a running app, print the diff.

The app must verify with the replay's key and send its commands to the
replay's stand-in API: start it with the `--seed` and `--port` given here
(the command prints the base URL and public key to point it at).
"""

from __future__ import annotations

import argparse

from .._errors import CassetteError, safe_repr
from ..testing._timeline import print_timeline
from ._io import EXIT_FAILED, EXIT_OK, UsageError, seed

__all__ = ["run_replay"]


def run_replay(args: argparse.Namespace) -> int:
    """Replay `args.cassette` to `args.url`; 0 when the app sent the recorded commands."""
    from ..testing import Cassette, Faults, Replayer

    try:
        tape = Cassette.load(args.cassette)
    except CassetteError as exc:
        raise UsageError(f"{safe_repr(args.cassette)}: {exc}") from None
    faults = None
    if args.duplicate or args.reorder:
        faults = Faults(duplicate=args.duplicate, reorder=args.reorder, seed=args.fault_seed)
    key_seed = None if args.seed is None else seed(args.seed)
    try:
        replayer = Replayer(api_key=args.api_key, seed=key_seed, port=args.port)
    except OSError as exc:
        raise UsageError(f"cannot listen on port {args.port}: {exc.strerror}") from None
    with replayer:
        print(f"stand-in API {replayer.base_url}  public key {replayer.public_key}", flush=True)
        print(f"replaying {len(tape.deliveries)} deliveries to {args.url}", flush=True)
        result = replayer.play(tape, args.url, faults=faults)
    print_timeline(result.log())
    print()
    if args.html is not None:
        from ._sequence import write_html

        write_html(args.html, result.log(), title=f"Replay of call {tape.call_control_id}")
    unanswered = sum(1 for post in result.posts if post.status is None)
    if unanswered:
        print(f"FAILED: the app did not answer {unanswered} post(s)")
    print(result.report())
    return EXIT_OK if result.ok else EXIT_FAILED
