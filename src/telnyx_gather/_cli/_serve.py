"""`telnyx-gather sandbox`: the sandbox in the foreground, for services in any language."""

from __future__ import annotations

import argparse
import json
import signal
import threading
from types import FrameType

from ._args import faults
from ._io import EXIT_OK, UsageError, seed

__all__ = ["run_sandbox"]


def run_sandbox(args: argparse.Namespace) -> int:
    """Serve until SIGINT or SIGTERM, printing each webhook as it is sent."""
    from ..testing import Sandbox

    key_seed = None if args.seed is None else seed(args.seed)
    try:
        sandbox = Sandbox(
            webhook_url=args.webhook_url,
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
    stop = threading.Event()

    def request_stop(signum: int, frame: FrameType | None) -> None:
        stop.set()

    signal.signal(signal.SIGTERM, request_stop)
    signal.signal(signal.SIGINT, request_stop)
    with sandbox:
        dial = json.dumps({"script": [{"type": "press", "digits": "1#"}]})
        print("Call Control sandbox (Ctrl-C to stop)")
        print(f"base_url:    {sandbox.base_url}")
        print(f"api_key:     {sandbox.api_key}")
        print(f"public_key:  {sandbox.public_key}")
        print(f"webhook_url: {sandbox.webhook_url or '(none: webhooks are only logged)'}")
        print("point your app at it (the telnyx SDK reads the first two):")
        print(f"  export TELNYX_BASE_URL={sandbox.base_url}")
        print(f"  export TELNYX_API_KEY={sandbox.api_key}")
        print(f"  export TELNYX_PUBLIC_KEY={sandbox.public_key}")
        print(f"ring it:     telnyx-gather call URL --sandbox {sandbox.base_url} --press 1")
        print("new call:    curl -s -X POST", sandbox.base_url + "/_sandbox/calls", end=" ")
        print(f"-H 'Authorization: Bearer {sandbox.api_key}' -d '{dial}'", flush=True)
        seen = 0
        while not stop.is_set():
            for delivery in sandbox.next_deliveries(seen, timeout=0.2):
                seen += 1
                outcome = delivery.status or delivery.error or "logged"
                print(f"webhook {delivery.event_type} {delivery.call_control_id} -> {outcome}")
            print(end="", flush=True)
    print("stopped", flush=True)
    return EXIT_OK
