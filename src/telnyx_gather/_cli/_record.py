"""`telnyx-gather record URL`: stand in front of a running app and record its calls.

One port, two faces. Webhooks posted to it (any path but `/v2/...`) are
verified, passed on to the app at URL with their headers, and recorded with
the app's answer. Requests to `/v2/...` are the app's own API calls (point
its `TELNYX_BASE_URL` here): they are passed on to `--api`, and each command
the API accepts is recorded with the delivery of its call being handled
(or, when the app sends it after answering, with the call's last delivery).
Cassettes are redacted as they are written; headers, the API key and
signatures are never written.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import threading
import urllib.error
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import FrameType
from typing import Any, cast

from .._errors import WebhookConfigError, WebhookParseError, WebhookVerificationError
from ._io import EXIT_OK, UsageError

__all__ = ["run_record"]

_MAX_BODY = 1_048_576
_HOP = frozenset({"host", "content-length", "connection", "transfer-encoding", "accept-encoding"})
_LOOPBACK = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def run_record(args: argparse.Namespace) -> int:
    """Serve until Ctrl-C (or `--calls` calls have hung up), writing a cassette per call."""
    from ..testing import CassetteRecorder, Redaction
    from ..verify import WebhookVerifier

    keys = args.public_key or (
        [os.environ["TELNYX_PUBLIC_KEY"]] if os.environ.get("TELNYX_PUBLIC_KEY") else []
    )
    if not keys:
        raise UsageError(
            "give --public-key or set TELNYX_PUBLIC_KEY: only verified deliveries are recorded"
        )
    try:
        verifier = WebhookVerifier(keys)
    except WebhookConfigError as exc:
        raise UsageError(f"bad public key: {exc}") from None
    redaction = Redaction(keep_fields=frozenset(args.keep), mask_fields=frozenset(args.mask))
    try:
        recorder = CassetteRecorder(args.out, redaction)
        server = _Proxy(args, verifier, recorder)
    except OSError as exc:
        raise UsageError(f"cannot record: {exc.strerror}") from None
    stop = server.stop

    def request_stop(signum: int, frame: FrameType | None) -> None:
        stop.set()

    signal.signal(signal.SIGTERM, request_stop)
    signal.signal(signal.SIGINT, request_stop)
    thread = threading.Thread(
        target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
    )
    thread.start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    print(f"recording to {args.out}/ (Ctrl-C to stop)")
    print(f"webhooks:    {base}/  (passed on to {args.url})")
    print(
        f"API:         {base}/v2  (passed on to {args.api}; set the app's TELNYX_BASE_URL)",
        flush=True,
    )
    try:
        stop.wait()
    finally:
        server.shutdown()
        server.server_close()
        recorder.close()
    print(
        f"stopped: {server.hangups} call(s) ended, {len(recorder.paths)} cassette(s) written",
        flush=True,
    )
    return EXIT_OK


class _Proxy(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, args: argparse.Namespace, verifier: Any, recorder: Any) -> None:
        self.app_url: str = args.url
        self.api: str = args.api.rstrip("/")
        self.calls: int = max(0, args.calls)
        self.verifier = verifier
        self.recorder = recorder
        self.stop = threading.Event()
        self.hangups = 0
        self.lock = threading.Lock()
        self.inflight: dict[str, list[Any]] = {}
        super().__init__(("127.0.0.1", args.port), _Handler)

    def webhook(self, body: bytes, headers: list[tuple[str, str]]) -> tuple[int, bytes]:
        try:
            event = self.verifier.unwrap(body, headers)
        except (WebhookVerificationError, WebhookParseError):
            event = None  # passed on (the app refuses it too), never recorded
        call = getattr(getattr(event, "payload", None), "call_control_id", None)
        if not isinstance(call, str):
            return _forward(_LOOPBACK, self.app_url, "POST", body, headers)
        with self.lock:
            commands = self.inflight.setdefault(call, [])
        status, answer = _forward(_LOOPBACK, self.app_url, "POST", body, headers)
        with self.lock:
            self.inflight.pop(call, None)
        self.recorder.delivery(body, status or None, commands)
        print(
            f"recorded {getattr(event, 'event_type', '?')} -> {status or 'no answer'}", flush=True
        )
        if getattr(event, "event_type", None) == "call.hangup":
            self.hangups += 1
            if self.calls and self.hangups >= self.calls:
                self.stop.set()
        return status or 502, answer

    def command(
        self, method: str, path: str, body: bytes, headers: list[tuple[str, str]]
    ) -> tuple[int, bytes]:
        from ..testing import RecordedCommand

        status, answer = _forward(
            urllib.request.build_opener(), self.api + path[3:], method, body, headers
        )
        parts = path.split("?", 1)[0].strip("/").split("/")
        if method != "POST" or not 200 <= status < 300 or len(parts) != 5 or parts[3] != "actions":
            return status or 502, answer
        try:
            params = json.loads(body or b"{}")
        except ValueError:
            return status, answer
        command = RecordedCommand(
            parts[4], cast("dict[str, Any]", params) if isinstance(params, dict) else {}
        )
        with self.lock:
            pending = self.inflight.get(parts[2])
            if pending is not None:
                pending.append(command)
        if pending is None:
            self.recorder.command(parts[2], command)
        return status, answer


def _forward(
    opener: urllib.request.OpenerDirector,
    url: str,
    method: str,
    body: bytes,
    headers: list[tuple[str, str]],
) -> tuple[int, bytes]:
    kept = {k: v for k, v in headers if k.lower() not in _HOP}
    request = urllib.request.Request(
        url, data=body if method != "GET" else None, headers=kept, method=method
    )
    try:
        with opener.open(request, timeout=30) as response:
            return int(response.status), response.read()
    except urllib.error.HTTPError as exc:
        with exc:
            return exc.code, exc.read()
    except (urllib.error.URLError, OSError):
        return 0, b""


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_POST(self) -> None:
        self._serve("POST")

    def do_GET(self) -> None:
        self._serve("GET")

    def _serve(self, method: str) -> None:
        proxy = cast("_Proxy", self.server)
        length = int(self.headers.get("Content-Length") or 0)
        if length > _MAX_BODY:
            self._answer(413, b"")
            return
        body = self.rfile.read(length)
        headers = list(self.headers.items())
        if self.path.startswith("/v2/"):
            self._answer(*proxy.command(method, self.path, body, headers))
        elif method == "POST":
            self._answer(*proxy.webhook(body, headers))
        else:
            self._answer(405, b"")

    def _answer(self, status: int, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        """Keep quiet: each recorded delivery is printed instead."""
