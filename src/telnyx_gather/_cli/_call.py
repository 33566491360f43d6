"""`telnyx-gather call URL`: ring a running app through a sandbox, and print what happened.

The caller's script comes from the flags, in the order given: `--press`,
`--say-json` (an AI gather's answer), `--talk` (a turn with an AI
assistant), `--silent` and `--hang-up`, one step per prompt. With
`--sandbox`, the call goes through a sandbox already running
(`telnyx-gather sandbox`, which the app is pointed at); without it, this
command serves one itself, with `--port` and `--seed` fixed so the app can
be pointed at it in advance, and `--duplicate`, `--reorder` and
`--fail-first` to inject those delivery faults.

It exits 0 only when the call ended and the app took every webhook at the
first try (a fault injected on purpose aside), no command it sent was
refused, and it answered every tool call of an AI assistant in time;
otherwise it names each refused command, failed delivery and failed tool.
"""

from __future__ import annotations

import argparse
import json
import time
import urllib.error
import urllib.request
from collections.abc import Generator
from contextlib import contextmanager
from typing import Any

from .._errors import safe_repr
from ..testing._timeline import failed_attempts, one_call, print_timeline
from ._args import faults
from ._io import EXIT_FAILED, EXIT_OK, UsageError, seed

__all__ = ["run_call"]

_OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))
_SETTLE = 3.0
"""Real seconds of a quiet log after a refused command before the call is given up."""


def run_call(args: argparse.Namespace) -> int:
    """Ring `args.url`, wait for the call to end, print the timeline; 0 if it ended cleanly."""
    with _sandbox(args) as (base_url, api_key):
        request: dict[str, Any] = {
            "ring": True,
            "webhook_url": args.url,
            "script": args.steps or [],
            "from": args.from_,
            "to": args.to,
            "patience": args.patience,
        }
        call_control_id = _api(base_url, api_key, "/_sandbox/calls", request)["call_control_id"]
        print(f"ringing {args.url} from {args.from_} (call {call_control_id})", flush=True)
        deadline = time.monotonic() + args.timeout
        quiet_since, last = time.monotonic(), None
        while True:
            log = _api(base_url, api_key, "/_sandbox/log")
            mine = one_call(log, call_control_id)
            ended = any(
                w["event_type"] == "call.hangup" and w["call_control_id"] == call_control_id
                for w in mine["webhooks"]
            )
            now = time.monotonic()
            if mine != last:
                quiet_since, last = now, mine
            stuck = bool(mine["refused"]) and now - quiet_since > _SETTLE
            if ended or stuck or now > deadline:
                break
            time.sleep(0.1)
    print_timeline(mine)
    print()
    if args.html is not None:
        from ._sequence import write_html

        write_html(args.html, mine, title=f"Call {call_control_id}")
        print(f"wrote the timeline to {args.html}")
    return _verdict(mine, ended, args.timeout)


def _verdict(mine: dict[str, list[dict[str, Any]]], ended: bool, timeout: float) -> int:
    """Print a FAILED line for each thing that went wrong, or the OK line; the exit status."""
    failures = [
        f"the sandbox refused {r['action']}: {r['status']} {r['detail']}" for r in mine["refused"]
    ]
    for post in mine.get("assistant", []):
        if not post["ok"]:
            outcome = post["status"] or post.get("error")
            failures.append(f"the assistant's {post['kind']} {post['name']} failed: {outcome}")
    for webhook in mine["webhooks"]:
        if not webhook["delivered"]:
            failures.append(f"{webhook['event_type']} was never delivered")
        elif failed := failed_attempts(webhook):
            failures.append(f"{webhook['event_type']} failed at first: {', '.join(failed)}")
    if not ended:
        failures.append(
            "the call did not end"
            + (" after a refused command" if mine["refused"] else f" within {timeout}s")
        )
    for failure in failures:
        print(f"FAILED: {failure}", flush=True)
    if failures:
        return EXIT_FAILED
    print(f"OK: the call ended; {len(mine['webhooks'])} webhooks delivered.")
    return EXIT_OK


@contextmanager
def _sandbox(args: argparse.Namespace) -> Generator[tuple[str, str], None, None]:
    if args.sandbox is not None:
        if faults(args) is not None:
            raise UsageError(
                "--duplicate, --reorder and --fail-first need the sandbox this command serves: "
                "drop --sandbox, or give them to 'telnyx-gather sandbox'"
            )
        yield args.sandbox.rstrip("/"), args.api_key
        return
    from ..testing import Sandbox

    key_seed = None if args.seed is None else seed(args.seed)
    try:
        sandbox = Sandbox(
            api_key=args.api_key,
            time_scale=args.time_scale,
            seed=key_seed,
            port=args.port,
            faults=faults(args),
        )
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    except OSError as exc:
        raise UsageError(f"cannot listen on port {args.port}: {exc.strerror}") from None
    with sandbox:
        print(f"sandbox {sandbox.base_url}  public key {sandbox.public_key}", flush=True)
        yield sandbox.base_url, sandbox.api_key


def _api(base_url: str, api_key: str, path: str, body: object = None) -> Any:
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(
        base_url + path,
        data=data,
        headers={"Authorization": f"Bearer {api_key}", "Content-Type": "application/json"},
    )
    try:
        with _OPENER.open(request, timeout=10) as response:
            return json.loads(response.read())["data"]
    except urllib.error.HTTPError as exc:
        with exc:
            detail = json.loads(exc.read() or b"{}").get("errors", [{}])[0].get("detail", "")
        raise UsageError(f"the sandbox refused {path}: {exc.code} {detail}") from None
    except (urllib.error.URLError, OSError) as exc:
        raise UsageError(f"cannot reach the sandbox at {safe_repr(base_url)}: {exc}") from None
