"""The argument parser, and the `verify`, `parse` and `sign` commands."""

from __future__ import annotations

import argparse
import importlib.util
import os
import sys
from collections.abc import Callable, Sequence

from .._errors import WebhookParseError, WebhookVerificationError
from .._version import __version__
from ._args import Parser, StepAction, add_fault_flags, port, positive, tolerance, unix_time
from ._flows import add_flow_commands
from ._io import EXIT_FAILED, EXIT_OK, EXIT_USAGE, UsageError, read_body, read_headers, seed

__all__ = ["main"]

Command = Callable[[argparse.Namespace], int]

_DEMO_NEEDS = "The demo needs the client extra: pip install 'telnyx-gather[client]'"

_EPILOG = """exit status: 0 success, 1 verification, parsing or the demo failed, 2 usage error.
Bodies are read from a file, or from standard input when given as '-'."""


def main(argv: Sequence[str] | None = None) -> int:
    """Run the `telnyx-gather` command line; return its exit status."""
    parser = _parser()
    args, extra = parser.parse_known_args(argv)
    try:
        run: Command | None = getattr(args, "run", None)
        if run is None:
            parser.print_help(sys.stderr)
            return EXIT_USAGE
        if extra:  # the subcommand's own usage, not the top level's
            args.parser.error(f"unrecognized arguments: {' '.join(extra)}")
        return run(args)
    except UsageError as exc:
        print(f"telnyx-gather {args.command}: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except BrokenPipeError:
        # The reader went away (`| head`): stop quietly, and keep Python's own
        # flush at exit from failing on the same pipe.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_FAILED


def _parser() -> argparse.ArgumentParser:
    parser = Parser(
        prog="telnyx-gather",
        description="Verify, parse and sign Telnyx gather webhooks, and test an IVR offline.",
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    def command(name: str, summary: str, run: Command, needs: str = "") -> argparse.ArgumentParser:
        sub = commands.add_parser(
            name,
            help=summary,
            description=summary + needs,
            epilog=_EPILOG,
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        sub.set_defaults(run=run, parser=sub)
        return sub

    demo = command(
        "demo",
        "Run a small IVR against the offline sandbox and print the webhook timeline.",
        _run_demo,
        f"\n\n{_DEMO_NEEDS}",
    )
    demo.add_argument(
        "--time-scale",
        type=positive,
        default=0.02,
        help="real seconds per call second (0.02: a 3 s prompt takes 60 ms)",
    )
    demo.add_argument(
        "--timeout", type=positive, default=15.0, help="give up after this many real seconds"
    )

    verify = command("verify", "Check a webhook's ed25519 signature, then parse it.", _run_verify)
    verify.add_argument("body", help="the raw body: a file, or '-' for standard input")
    _header_arguments(verify)
    verify.add_argument(
        "--public-key",
        action="append",
        metavar="KEY",
        help="base64 public key from the Telnyx portal; repeat while keys rotate "
        "(default: $TELNYX_PUBLIC_KEY)",
    )
    verify.add_argument(
        "--tolerance", type=tolerance, default=300, help="allowed clock skew in seconds (300)"
    )
    verify.add_argument(
        "--now", type=unix_time, metavar="UNIX", help="check the timestamp against this time"
    )

    parse = command("parse", "Parse a webhook body and print the typed event as JSON.", _run_parse)
    parse.add_argument("body", help="the raw body: a file, or '-' for standard input")
    parse.add_argument(
        "--envelope", action="store_true", help="print the whole envelope, with its meta"
    )

    sign = command(
        "sign",
        "Sign a body as Telnyx does and print the two headers (for curl -H @file).",
        _run_sign,
    )
    sign.add_argument("body", help="the raw body: a file, or '-' for standard input")
    sign.add_argument(
        "--seed",
        metavar="SEED",
        help="32-byte ed25519 seed (or 64-byte private key) in hex or base64; "
        "a random key when omitted (its seed and public key go to stderr)",
    )
    sign.add_argument("--timestamp", type=unix_time, metavar="UNIX", help="sign as of this time")

    sandbox = command(
        "sandbox",
        "Serve the offline Call Control sandbox in the foreground until Ctrl-C.",
        _run_sandbox,
    )
    sandbox.add_argument("--port", type=port, default=0, help="port to listen on (a free one)")
    sandbox.add_argument("--api-key", default="KEY_SANDBOX", help="bearer token (KEY_SANDBOX)")
    sandbox.add_argument("--webhook-url", help="where to post webhooks (none: only log them)")
    sandbox.add_argument(
        "--time-scale", type=positive, default=1.0, help="real seconds per call second (1.0)"
    )
    sandbox.add_argument("--seed", help="32-byte ed25519 seed in hex or base64, for a fixed key")
    add_fault_flags(sandbox)

    call = command(
        "call",
        "Ring a running app through a sandbox, script the caller, and print the timeline.",
        _run_call,
    )
    call.add_argument("url", help="the app's webhook URL, such as http://localhost:8000/webhooks")
    script = call.add_argument_group("the caller, one step per prompt, in order")
    script.add_argument(
        "--press", action=StepAction, const="press", metavar="DIGITS", help="press these keys"
    )
    script.add_argument(
        "--say-json",
        action=StepAction,
        const="ai_answer",
        metavar="JSON",
        help="answer an AI gather with this result object",
    )
    script.add_argument(
        "--talk",
        action=StepAction,
        const="assistant_turn",
        metavar="JSON",
        help='a turn with the AI assistant: {"say": ..., "tools": [{"name", "arguments"}]}',
    )
    script.add_argument(
        "--silent", action=StepAction, const="silence", nargs=0, help="let the prompt time out"
    )
    script.add_argument(
        "--hang-up", action=StepAction, const="hang_up", nargs=0, help="hang up during the prompt"
    )
    call.add_argument("--from", dest="from_", default="+13125550101", help="the caller's number")
    call.add_argument("--to", default="+13125550100", help="the number called")
    call.add_argument(
        "--patience", type=tolerance, default=120.0, help="call seconds to wait for answer (120)"
    )
    call.add_argument(
        "--timeout", type=positive, default=60.0, help="give up after this many real seconds (60)"
    )
    call.add_argument(
        "--sandbox", metavar="BASE_URL", help="a running sandbox's base URL (default: serve one)"
    )
    call.add_argument("--html", metavar="FILE", help="also write the timeline as HTML")
    call.add_argument("--port", type=port, default=0, help="port of the sandbox served here")
    call.add_argument("--api-key", default="KEY_SANDBOX", help="bearer token (KEY_SANDBOX)")
    call.add_argument(
        "--time-scale", type=positive, default=0.1, help="real seconds per call second (0.1)"
    )
    call.add_argument("--seed", help="32-byte ed25519 seed in hex or base64, for a fixed key")
    add_fault_flags(call)
    call.set_defaults(steps=[])
    add_flow_commands(command)
    return parser


def _header_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "-H",
        "--header",
        action="append",
        default=[],
        metavar="'NAME: VALUE'",
        help="a request header; repeat for each",
    )
    parser.add_argument(
        "--headers-file",
        action="append",
        default=[],
        metavar="FILE",
        help="a file of 'Name: value' lines, as 'sign' prints them",
    )


def _run_demo(args: argparse.Namespace) -> int:
    if importlib.util.find_spec("telnyx") is None:
        raise UsageError(_DEMO_NEEDS)
    from ._demo import run_demo

    return run_demo(args)


def _run_call(args: argparse.Namespace) -> int:
    from ._call import run_call

    return run_call(args)


def _run_sandbox(args: argparse.Namespace) -> int:
    from ._serve import run_sandbox

    return run_sandbox(args)


def _run_verify(args: argparse.Namespace) -> int:
    from ..verify import WebhookVerifier

    body = read_body(args.body)
    headers = read_headers(args.header, args.headers_file)
    try:
        if args.public_key:
            verifier = WebhookVerifier(args.public_key, tolerance=args.tolerance)
        elif os.environ.get("TELNYX_PUBLIC_KEY"):
            verifier = WebhookVerifier.from_env(tolerance=args.tolerance)
        else:
            raise UsageError("give --public-key or set TELNYX_PUBLIC_KEY")
    except ValueError as exc:  # the tolerance was checked as it was parsed
        raise UsageError(f"bad public key: {exc}") from None
    try:
        event = verifier.unwrap(body, headers, now=args.now)
    except WebhookVerificationError as exc:
        print(f"FAILED {exc.reason}: {exc}", file=sys.stderr)
        return EXIT_FAILED
    except WebhookParseError as exc:
        print(f"FAILED parse: signature OK, but {exc}", file=sys.stderr)
        return EXIT_FAILED
    print(f"OK {event.event_type} {getattr(event, 'id', None) or ''}".rstrip())
    return EXIT_OK


def _run_parse(args: argparse.Namespace) -> int:
    from ..events import parse_webhook

    try:
        webhook = parse_webhook(read_body(args.body))
    except WebhookParseError as exc:
        print(f"FAILED parse: {exc}", file=sys.stderr)
        return EXIT_FAILED
    shown = webhook if args.envelope else webhook.data
    print(shown.model_dump_json(indent=2, by_alias=True))
    return EXIT_OK


def _run_sign(args: argparse.Namespace) -> int:
    import secrets

    from ..testing import WebhookSigner

    body = read_body(args.body)
    if args.seed is None:
        key_seed = secrets.token_bytes(32)
        print(f"seed: {key_seed.hex()}", file=sys.stderr)
    else:
        key_seed = seed(args.seed)
    signer = WebhookSigner(key_seed)
    print(f"public key: {signer.public_key}", file=sys.stderr)
    for name, value in signer.sign(body, timestamp=args.timestamp).items():
        print(f"{name}: {value}")
    return EXIT_OK
