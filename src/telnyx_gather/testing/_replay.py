"""Replay: feed a cassette's deliveries to the app, re-signed, and diff the commands it sends."""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.request
from collections.abc import Generator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

from typing_extensions import Self

from ._apps import AsgiApp, WsgiApp, serve_app
from ._capture import CaptureApi
from ._cassette import Cassette, RecordedCommand, RecordedDelivery
from ._diff import CommandChange, diff_commands
from ._redact import Redaction, as_object
from ._signer import WebhookSigner

if TYPE_CHECKING:
    from .sandbox import Faults

__all__ = ["Post", "ReplayResult", "Replayer"]

_OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))


@dataclass(frozen=True)
class Post:
    """One post of a recorded delivery to the app during a replay.

    Attributes:
        delivery: The delivery's position in the cassette, from 1.
        attempt: The `meta.attempt` it was posted with.
        status: The app's HTTP status; `None` if it did not answer.
        fault: `"fail_first"`, `"duplicate"` or `"reorder"` when a fault was injected.
    """

    delivery: int
    attempt: int
    status: int | None
    fault: str | None = None


@dataclass(frozen=True)
class ReplayResult:
    """What a replay did, and how the app's commands differ from the cassette's.

    Attributes:
        cassette: The cassette replayed.
        replayed: Each delivery as replayed: the app's last status and the
            commands it sent for it.
        posts: Every post, in order (more than the deliveries with faults).
        changes: The differences, delivery by delivery; empty when the app
            sent what was recorded.
    """

    cassette: Cassette
    replayed: tuple[RecordedDelivery, ...]
    posts: tuple[Post, ...]
    changes: tuple[CommandChange, ...]

    @property
    def ok(self) -> bool:
        """The app sent the recorded commands (ignoring `command_id` and masked values)."""
        return not self.changes

    def report(self) -> str:
        """The diff as text: one line per change, or a line saying there is none."""
        if not self.changes:
            count = sum(len(d.commands) for d in self.replayed)
            return f"no changes: the app sent the {count} recorded commands"
        lines = [f"{len(self.changes)} change(s) in the commands the app sent:"]
        lines += [f"  {change}" for change in self.changes]
        return "\n".join(lines)

    def log(self) -> dict[str, list[dict[str, Any]]]:
        """The replay as a sandbox log (`Sandbox.log()`'s shape), for a timeline."""
        commands: list[dict[str, Any]] = []
        webhooks: list[dict[str, Any]] = []
        for index, delivery in enumerate(self.replayed, 1):
            data = as_object(delivery.body.get("data"))
            occurred = str(data.get("occurred_at") or "1970-01-01T00:00:00Z")
            posts = [p for p in self.posts if p.delivery == index]
            webhooks.append(
                {
                    "event_id": str(data.get("id") or index),
                    "call_control_id": delivery.call_control_id,
                    "delivered": any(p.status is not None and p.status < 300 for p in posts),
                    "attempts": [
                        {"attempt": p.attempt, "status": p.status}
                        | ({"fault": p.fault} if p.fault else {})
                        for p in posts
                    ],
                    "body": delivery.body,
                }
            )
            for command in delivery.commands:
                commands.append(
                    {
                        "occurred_at": occurred,
                        "call_control_id": delivery.call_control_id,
                        "action": command.action,
                        "body": command.body,
                    }
                )
        return {"commands": commands, "webhooks": webhooks}


class Replayer:
    """Replays cassettes against an app, standing in for the Call Control API meanwhile.

    Build the app as for the sandbox, with this replayer's `base_url`,
    `api_key` and `public_key`; `play` then posts each recorded delivery,
    signed with the replayer's own test key (the recorded signatures were
    never kept), captures the commands the app sends to `base_url`, and
    compares them with the recorded ones. Deliveries go one at a time, in
    the recorded order (or as `faults` reshuffle them); the commands that
    arrive while a delivery is being answered, or right after, count as its.

    Args:
        api_key: The bearer token the app must send.
        seed: A 32-byte ed25519 seed for the test key; random by default.
        redaction: The rules the cassettes were recorded with, applied to the
            replayed commands before they are compared.
        timeout: Real seconds to wait for the app's answer to each delivery.
        settle: Real seconds to wait after the last delivery for late commands.
        port: The stand-in API's port; a free one by default.

    Raises:
        OSError: `port` cannot be listened on.
    """

    def __init__(
        self,
        *,
        api_key: str = "KEY_REPLAY",
        seed: bytes | None = None,
        redaction: Redaction | None = None,
        timeout: float = 10.0,
        settle: float = 0.05,
        port: int = 0,
    ) -> None:
        self.signer: WebhookSigner = WebhookSigner(seed)
        self.redaction: Redaction = Redaction() if redaction is None else redaction
        self.timeout: float = timeout
        self.settle: float = settle
        self.api: CaptureApi = CaptureApi(api_key, port)

    @property
    def base_url(self) -> str:
        """The stand-in API's base URL (with `/v2`), for the app's client."""
        return self.api.base_url

    @property
    def api_key(self) -> str:
        """The bearer token the app's client must send."""
        return self.api.api_key

    @property
    def public_key(self) -> str:
        """The base64 ed25519 public key that verifies the replayed deliveries."""
        return self.signer.public_key

    def play(
        self,
        cassette: Cassette | str | Path,
        app: str | WsgiApp | AsgiApp,
        *,
        faults: Faults | None = None,
        path: str = "/webhooks/telnyx",
    ) -> ReplayResult:
        """Replay `cassette` to `app` and compare the commands it sends with the recorded ones.

        Args:
            cassette: A `Cassette`, or the path of a cassette file.
            app: The app's webhook URL, or a WSGI or ASGI app, served on
                loopback for the replay (its webhook route at `path`).
            faults: `duplicate` posts a delivery again after it was answered,
                `reorder` swaps it with the next one, `fail_first` posts it
                twice as a dropped answer would; seeded, as in the sandbox.
            path: The webhook route of an `app` that is served here.

        Raises:
            CassetteError: The cassette file cannot be read.
        """
        tape = cassette if isinstance(cassette, Cassette) else Cassette.load(cassette)
        with _target(app, path) as url:
            return self._play(tape, url, faults)

    def _play(self, tape: Cassette, url: str, faults: Faults | None) -> ReplayResult:
        order = list(enumerate(tape.deliveries, 1))
        draws = {i: (faults.draw(d.event_type) if faults else (False,) * 3) for i, d in order}
        for n in range(len(order) - 1):
            if draws[order[n][0]][2]:
                order[n], order[n + 1] = order[n + 1], order[n]
        sent: dict[int, list[RecordedCommand]] = {i: [] for i, _ in order}
        status: dict[int, int | None] = {}
        posts: list[Post] = []
        mark, last = self.api.count(), order[0][0] if order else 0
        for index, delivery in order:
            sent[last] += self.api.since(mark)  # what came after the last answer
            mark, last = self.api.count(), index
            fail_first, duplicate, reorder = draws[index]
            attempt = int(as_object(delivery.body.get("meta")).get("attempt") or 1)
            faulted = "reorder" if reorder else None
            if fail_first:
                posts.append(Post(index, attempt, self._post(url, delivery, attempt), "fail_first"))
                attempt += 1
            status[index] = self._post(url, delivery, attempt)
            posts.append(Post(index, attempt, status[index], faulted))
            if duplicate:
                posts.append(
                    Post(index, attempt + 1, self._post(url, delivery, attempt + 1), "duplicate")
                )
            sent[index] += self.api.since(mark)
            mark = self.api.count()
            if delivery.event_type == "call.hangup":
                with self.api.lock:
                    self.api.ended.add(delivery.call_control_id)
        time.sleep(self.settle)
        sent[last] += self.api.since(mark)
        replayed = tuple(
            RecordedDelivery(d.body, status.get(i), tuple(sent[i]))
            for i, d in enumerate(tape.deliveries, 1)
        )
        changes = [
            change
            for (i, old), new in zip(enumerate(tape.deliveries, 1), replayed, strict=False)
            for change in diff_commands(
                i, old.event_type, old.commands, new.commands, self.redaction
            )
        ]
        return ReplayResult(tape, replayed, tuple(posts), tuple(changes))

    def _post(self, url: str, delivery: RecordedDelivery, attempt: int) -> int | None:
        envelope = dict(delivery.body)
        envelope["meta"] = {**as_object(delivery.body.get("meta")), "attempt": attempt}
        body = json.dumps(envelope, separators=(",", ":"), ensure_ascii=False).encode()
        headers = {"Content-Type": "application/json", **self.signer.sign(body)}
        request = urllib.request.Request(url, data=body, headers=headers, method="POST")
        try:
            with _OPENER.open(request, timeout=self.timeout) as response:
                response.read()
                return int(response.status)
        except urllib.error.HTTPError as exc:
            with exc:
                return exc.code
        except (urllib.error.URLError, OSError):
            return None

    def close(self) -> None:
        """Stop the stand-in API. Safe to call twice."""
        self.api.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()


@contextmanager
def _target(app: str | WsgiApp | AsgiApp, path: str) -> Generator[str, None, None]:
    if isinstance(app, str):
        yield app
        return
    with serve_app(app) as base_url:
        yield base_url + path
