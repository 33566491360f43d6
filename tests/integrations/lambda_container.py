"""One Lambda "container" for the fleet flow test: `examples/lambda_router.py`, driven by lines.

`python -m tests.integrations.lambda_container` imports the example handler
(configured by the environment: the sandbox's keys and URL, dynalite's
`AWS_ENDPOINT_URL`, `GATHER_TABLE` and `GATHER_PREFIX`), then for each line
on stdin (a Lambda HTTP event, as JSON) calls `handler(event, context)` and
prints one JSON line (after a first line, `ready`, at the end of its cold start): the response, and the reason and event id of the
router's outcome. It stops at the end of its input.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


class Context:
    """The part of Lambda's context object the handler reads: 30 s left, as a fresh invocation."""

    def get_remaining_time_in_millis(self) -> int:
        return 30_000


def main() -> None:
    sys.path.insert(0, str(EXAMPLES))
    import lambda_router

    seen: list[Any] = []
    handle = lambda_router.Router.handle

    def recording(router: Any, body: bytes, headers: Any) -> Any:
        outcome = handle(router, body, headers)
        seen.append(outcome)
        return outcome

    lambda_router.Router.handle = recording  # a spy: each outcome, unchanged
    print("ready", flush=True)  # the cold start is over
    for line in sys.stdin:
        response = lambda_router.handler(json.loads(line), Context())
        outcome = seen.pop()
        event_id = outcome.event.id if outcome.event is not None else None
        print(json.dumps({"response": response, "reason": outcome.reason, "event": event_id}))
        sys.stdout.flush()


if __name__ == "__main__":
    main()
