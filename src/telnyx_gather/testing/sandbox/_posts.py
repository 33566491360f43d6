"""What the sandbox's AI assistant posts to the app, and the record of each post.

An assistant's webhook tool call is not a webhook event: the body is the
bare arguments, signed with the same ed25519 headers, with the call named in
`x-telnyx-call-control-id`. The dynamic-variables webhook gets an
`assistant.initialization` envelope. Each post waits (in real time, as
Telnyx does) no longer than its deadline, and is recorded, answered or not.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal, NamedTuple

from ..._errors import safe_repr
from .._signer import WebhookSigner

__all__ = ["AssistantPost", "Posted", "post_signed"]

_OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))
_MAX_ANSWER = 64 * 1024
"""Bytes of an answer kept; the rest is not read."""


@dataclass(frozen=True)
class AssistantPost:
    """One request the sandbox's AI assistant posted to the app.

    Attributes:
        kind: `"tool"` (a webhook tool call) or `"initialization"` (the
            dynamic-variables webhook).
        name: The tool's name; `assistant.initialization` for the
            dynamic-variables webhook.
        call_control_id: The call the assistant runs on.
        at: Call time of the post (as `Sandbox.now` counts).
        url: Where it was posted.
        body: The exact bytes posted.
        status: The app's HTTP status; `None` when it did not answer.
        error: Why there is no answer (a timeout names the deadline), if so.
        answer: The app's answer body (its first 64 KiB).
        is_async: The tool is async: its result comes later, through
            `AddAIAssistantMessages`.
        timed_out: No answer came within the deadline.
    """

    kind: Literal["tool", "initialization"]
    name: str
    call_control_id: str
    at: float
    url: str
    body: bytes
    status: int | None
    error: str | None
    answer: bytes = b""
    is_async: bool = False
    timed_out: bool = False

    @property
    def ok(self) -> bool:
        """The app answered 2xx in time (an async tool may also answer later, as allowed)."""
        if self.is_async and self.timed_out:
            return True  # the assistant goes on; the result comes later
        return self.status is not None and 200 <= self.status < 300

    def summary(self) -> str:
        """One line naming the tool (or webhook) and how the post went."""
        outcome = str(self.status) if self.status is not None else self.error or "no answer"
        failed = "" if self.ok else " FAILED"
        return f"{self.kind} {self.name} on {self.call_control_id}: {outcome}{failed}"

    def describe(self, occurred_at: str) -> dict[str, Any]:
        """This post as JSON, for the log (`occurred_at` is its call time, written out)."""
        try:
            answer: Any = json.loads(self.answer) if self.answer else None
        except ValueError:
            answer = self.answer.decode("utf-8", "replace")
        return {
            "occurred_at": occurred_at,
            "call_control_id": self.call_control_id,
            "kind": self.kind,
            "name": self.name,
            "url": self.url,
            "async": self.is_async,
            "timed_out": self.timed_out,
            "ok": self.ok,
            "status": self.status,
            "error": self.error,
            "body": json.loads(self.body),
            "answer": answer,
        }


class Posted(NamedTuple):
    """How one post went: the status (`None` without an answer), why there is none, the body."""

    status: int | None
    error: str | None
    answer: bytes
    timed_out: bool = False


def post_signed(
    signer: WebhookSigner,
    url: str,
    body: bytes,
    headers: Mapping[str, str],
    timeout_ms: int,
) -> Posted:
    """POST `body`, signed, with `headers`; wait `timeout_ms` for the answer."""
    sent = {
        **headers,
        **signer.sign(body),
        "Content-Type": "application/json",
        "User-Agent": "telnyx-gather-sandbox",
    }
    request = urllib.request.Request(url, data=body, headers=sent, method="POST")
    late = Posted(None, f"no answer within {timeout_ms} ms", b"", timed_out=True)
    try:
        with _OPENER.open(request, timeout=timeout_ms / 1000) as response:
            return Posted(response.status, None, response.read(_MAX_ANSWER))
    except urllib.error.HTTPError as exc:
        with exc:
            return Posted(exc.code, None, exc.read(_MAX_ANSWER))
    except TimeoutError:
        return late
    except urllib.error.URLError as exc:
        if isinstance(exc.reason, TimeoutError):
            return late
        return Posted(None, safe_repr(str(exc.reason), limit=200), b"")
    except (OSError, ValueError) as exc:
        return Posted(None, safe_repr(str(exc), limit=200), b"")
