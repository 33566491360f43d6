"""Two Lambda containers race for every webhook of a sandbox call; one DynamoDB table decides.

Each container is its own process running `examples/lambda_router.py` (a
`Router` on a `DynamoDBStore`), sharing one table on a real dynalite. A
loopback front end stands in for API Gateway: it hands each delivery from
the sandbox, as a Lambda HTTP event, to both containers at once, and answers
the sandbox with the first acknowledgement. Every event is handled once.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from collections import Counter, defaultdict
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from telnyx_gather import CallHangup
from telnyx_gather.testing import Press, Sandbox
from tests.conftest import ROOT
from tests.stores.dynalite_server import DynaliteServer


class Container:
    """One worker process; `invoke` sends it an event and reads its answer, one at a time."""

    def __init__(self, env: dict[str, str]) -> None:
        self._proc = subprocess.Popen(
            [sys.executable, "-m", "tests.integrations.lambda_container"],
            cwd=ROOT,
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert self._proc.stdout is not None
        assert self._proc.stdout.readline() == "ready\n"
        self._lock = threading.Lock()
        self.answers: list[dict[str, Any]] = []

    def invoke(self, event: dict[str, Any]) -> dict[str, Any]:
        assert self._proc.stdin is not None
        assert self._proc.stdout is not None
        with self._lock:
            self._proc.stdin.write(json.dumps(event) + "\n")
            self._proc.stdin.flush()
            answer: dict[str, Any] = json.loads(self._proc.stdout.readline())
            self.answers.append(answer)
        return answer

    def stop(self) -> None:
        assert self._proc.stdin is not None
        assert self._proc.stdout is not None
        self._proc.stdin.close()
        self._proc.wait(timeout=30)
        self._proc.stdout.close()


def front_end(containers: list[Container], pool: ThreadPoolExecutor) -> ThreadingHTTPServer:
    """API Gateway's part: each POST becomes an HTTP API event, sent to every container at once."""

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers["content-length"]))
            event = {
                "version": "2.0",
                "rawPath": self.path,
                "headers": {name.lower(): value for name, value in self.headers.items()},
                "requestContext": {"http": {"method": "POST", "path": self.path}},
                "body": body.decode(),
                "isBase64Encoded": False,
            }
            answers = list(pool.map(lambda c: c.invoke(event), containers))
            statuses = sorted(a["response"]["statusCode"] for a in answers)
            self.send_response(statuses[0])  # any acknowledgement acknowledges
            self.send_header("content-length", "0")
            self.end_headers()

        def log_message(self, format: str, *args: object) -> None:
            pass

    return ThreadingHTTPServer(("127.0.0.1", 0), Handler)


@pytest.fixture
def sandbox() -> Iterator[Sandbox]:
    with Sandbox(time_scale=0.01, delivery_timeout=30) as running:
        yield running


def test_each_event_of_a_call_is_handled_once_across_two_containers(
    sandbox: Sandbox, dynalite_server: DynaliteServer
) -> None:
    env = {
        **os.environ,
        **dynalite_server.env,
        "TELNYX_PUBLIC_KEY": sandbox.public_key,
        "TELNYX_API_KEY": sandbox.api_key,
        "TELNYX_BASE_URL": sandbox.base_url,
        "GATHER_TABLE": dynalite_server.table,
        "GATHER_PREFIX": dynalite_server.prefix(),
    }
    containers = [Container(env), Container(env)]
    pool = ThreadPoolExecutor(8)
    server = front_end(containers, pool)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        url = f"http://127.0.0.1:{server.server_port}/webhooks/telnyx"
        call = sandbox.ring(
            Press(digits="1"), Press(digits="12345678#"), webhook_url=url, patience=600
        )
        gone = sandbox.wait_for("call.hangup", call_control_id=call.call_control_id, timeout=60)
        sandbox.wait_idle(timeout=60)
    finally:
        server.shutdown()
        thread.join()
        server.server_close()
        pool.shutdown()
        for container in containers:
            container.stop()

    assert isinstance(gone.event, CallHangup)
    assert gone.event.payload.hangup_source == "callee"  # the flow ran to its goodbye
    reasons: dict[str, list[str]] = defaultdict(list)
    for container in containers:
        for answer in container.answers:
            reasons[answer["event"]].append(answer["reason"])
    handled = Counter(event for event, seen in reasons.items() for r in seen if r == "handled")
    delivered = {
        d.event_id for d in sandbox.deliveries if d.call_control_id == call.call_control_id
    }
    routed = {e for e, seen in reasons.items() if "unhandled" not in seen}
    assert set(handled.values()) == {1}  # no event ran twice...
    assert set(handled) == routed  # ...and every routed one ran
    assert {"call.initiated", "call.answered", "call.gather.ended", "call.hangup"} <= {
        d.event_type for d in sandbox.deliveries if d.event_id in handled
    }
    assert set(reasons) == delivered
    for event in routed:
        assert sorted(reasons[event]) in (["duplicate", "handled"], ["handled", "in_progress"])
    assert all(d.delivered for d in sandbox.deliveries)
