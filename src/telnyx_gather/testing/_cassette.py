"""Cassettes: one call's verified deliveries, the app's answers and its commands, as JSON Lines.

The first line says what the file is; each later line is one delivery, in the
order it reached the app, with the HTTP status the app answered and the
commands the app sent while handling it:

```json
{"cassette": 1, "call_control_id": "v3:...", "redacted": true}
{"body": {"data": {...}, "meta": {...}}, "status": 200, "commands": [{"action": "answer", ...}]}
```

Bodies are redacted as they are written (see `Redaction`); signatures and
headers are never written.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterable
from dataclasses import dataclass, field
from hashlib import sha256
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from .._errors import CassetteError
from ._redact import Redaction, Redactor, as_object, is_object

if TYPE_CHECKING:
    from ..router import Outcome
    from ..verify import Body

__all__ = [
    "Cassette",
    "CassetteRecorder",
    "RecordedCommand",
    "RecordedDelivery",
    "file_name",
]

VERSION = 1


@dataclass(frozen=True)
class RecordedCommand:
    """A command the app sent: its action (`gather_using_speak`) and its JSON body."""

    action: str
    body: dict[str, Any]

    def to_json(self) -> dict[str, Any]:
        """As a cassette line holds it."""
        return {"action": self.action, "body": self.body}


@dataclass(frozen=True)
class RecordedDelivery:
    """One webhook delivery and what the app did with it.

    Attributes:
        body: The webhook envelope (`{"data": ..., "meta": ...}`), redacted.
        status: The HTTP status the app answered, if known.
        commands: The commands the app sent while handling it, in order.
    """

    body: dict[str, Any]
    status: int | None = None
    commands: tuple[RecordedCommand, ...] = ()

    @property
    def event_type(self) -> str:
        """The delivery's `data.event_type`."""
        return str(as_object(self.body.get("data")).get("event_type", "?"))

    @property
    def call_control_id(self) -> str:
        """The call it is about (`data.payload.call_control_id`), or `""`."""
        payload = as_object(as_object(self.body.get("data")).get("payload"))
        return str(payload.get("call_control_id") or "")

    def to_json(self) -> dict[str, Any]:
        """As a cassette line holds it."""
        return {
            "body": self.body,
            "status": self.status,
            "commands": [c.to_json() for c in self.commands],
        }


@dataclass(frozen=True)
class Cassette:
    """One call, recorded: its deliveries in the order the app got them.

    Attributes:
        call_control_id: The call.
        deliveries: Each delivery with the app's answer and commands.
        redacted: Whether it was written with redaction on.
    """

    call_control_id: str
    deliveries: tuple[RecordedDelivery, ...] = ()
    redacted: bool = True

    @classmethod
    def load(cls, path: str | Path) -> Cassette:
        """Read a cassette file.

        Raises:
            CassetteError: The file cannot be read or is not a cassette (the
                message names the line, never its content).
        """
        try:
            lines = Path(path).read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError) as exc:
            raise CassetteError(f"cannot read the cassette: {type(exc).__name__}") from None
        return cls.parse(lines)

    @classmethod
    def parse(cls, lines: Iterable[str]) -> Cassette:
        """A cassette from its JSON Lines (see `load`)."""
        rows: list[dict[str, Any]] = []
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except ValueError:
                raise CassetteError(f"line {number} of the cassette is not JSON") from None
            if not isinstance(row, dict):
                raise CassetteError(f"line {number} of the cassette is not a JSON object")
            rows.append(row)  # pyright: ignore[reportUnknownArgumentType]
        if not rows or rows[0].get("cassette") != VERSION:
            raise CassetteError(f"not a cassette: the first line must be {{'cassette': {VERSION}}}")
        head, deliveries = rows[0], list[RecordedDelivery]()
        for number, row in enumerate(rows[1:], 2):
            listed: object = row.get("commands") or []
            body, status = row.get("body"), row.get("status")
            if not is_object(body) or not isinstance(listed, list):
                raise CassetteError(f"line {number} of the cassette is not a delivery")
            commands: list[RecordedCommand] = []
            for item in cast("list[object]", listed):
                command = as_object(item)
                if not isinstance(command.get("action"), str):
                    raise CassetteError(f"line {number} of the cassette has a bad command")
                commands.append(RecordedCommand(command["action"], as_object(command.get("body"))))
            deliveries.append(
                RecordedDelivery(body, status if isinstance(status, int) else None, tuple(commands))
            )
        return cls(
            str(head.get("call_control_id") or ""),
            tuple(deliveries),
            bool(head.get("redacted", True)),
        )

    def lines(self) -> list[str]:
        """The cassette as JSON Lines (without line breaks)."""
        head = {
            "cassette": VERSION,
            "call_control_id": self.call_control_id,
            "redacted": self.redacted,
        }
        return [_line(head), *(_line(d.to_json()) for d in self.deliveries)]

    def dump(self, path: str | Path) -> None:
        """Write the cassette to `path`."""
        Path(path).write_text("".join(line + "\n" for line in self.lines()), encoding="utf-8")


def _line(value: object) -> str:
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False)


def file_name(call_control_id: str) -> str:
    """The file a call's cassette is written to: safe on any file system, whatever the id."""
    return f"call-{sha256(call_control_id.encode()).hexdigest()[:16]}.jsonl"


@dataclass
class _Open:
    path: Path
    redactor: Redactor
    pending: RecordedDelivery | None = None
    commands: list[RecordedCommand] = field(default_factory=list[RecordedCommand])


class CassetteRecorder:
    """Writes one cassette per call into `directory`, redacted as it goes.

    Set it as a router's recorder (`router.recorder = CassetteRecorder("cassettes")`):
    every verified delivery the router handled is written with its outcome's
    status and the commands sent. `telnyx-gather record` feeds one from a
    proxy instead, through `delivery` and `command`. A call's file is
    `call-<hash of its id>.jsonl`; lines are written as they happen, and the
    call's redaction state is dropped when its `call.hangup` is written.

    Args:
        directory: Where the cassettes go; created if missing.
        redaction: The rules (all on by default); `Redaction(phone_numbers=False, ...)`
            turns one off.
    """

    def __init__(self, directory: str | Path, redaction: Redaction | None = None) -> None:
        self.directory: Path = Path(directory)
        self.directory.mkdir(parents=True, exist_ok=True)
        self.redaction: Redaction = Redaction() if redaction is None else redaction
        self.paths: dict[str, Path] = {}
        """The cassette of each call recorded so far, by call control id."""
        self._open: dict[str, _Open] = {}
        self._lock = threading.Lock()

    def record(self, router: object, body: Body, outcome: Outcome) -> None:
        """The router's hook: write a verified delivery with its status and commands."""
        if outcome.event is None:
            return  # rejected: not verified, so never recorded
        sent = [RecordedCommand(c.action, c.to_params()) for c in outcome.sent]
        self.delivery(body.encode() if isinstance(body, str) else bytes(body), outcome.status, sent)

    def delivery(
        self, body: bytes, status: int | None, commands: Iterable[RecordedCommand] = ()
    ) -> None:
        """Write one delivery (the raw envelope) with the app's status and commands.

        A call's last delivery is held until the next one (or `close`), so
        commands the app sends after answering still join it (see `command`).
        """
        try:
            envelope = json.loads(body)
        except ValueError:
            return
        if not isinstance(envelope, dict):
            return
        raw: dict[str, Any] = envelope  # pyright: ignore[reportUnknownVariableType]
        call_control_id = RecordedDelivery(raw).call_control_id
        with self._lock:
            call = self._call(call_control_id)
            self._flush(call)
            call.pending = RecordedDelivery(call.redactor.delivery(raw), status)
            call.commands = [
                RecordedCommand(c.action, call.redactor.command(c.body)) for c in commands
            ]
            if call.pending.event_type == "call.hangup":
                self._flush(call)
                del self._open[call_control_id]

    def command(self, call_control_id: str, command: RecordedCommand) -> None:
        """A command sent to a call outside a delivery: it joins the call's last delivery."""
        with self._lock:
            call = self._open.get(call_control_id)
            if call is not None and call.pending is not None:
                call.commands.append(
                    RecordedCommand(command.action, call.redactor.command(command.body))
                )

    def close(self) -> None:
        """Write every delivery still held."""
        with self._lock:
            for call in self._open.values():
                self._flush(call)
            self._open.clear()

    def _call(self, call_control_id: str) -> _Open:
        call = self._open.get(call_control_id)
        if call is None:
            path = self.paths.get(call_control_id) or self.directory / file_name(call_control_id)
            if call_control_id not in self.paths:
                self.paths[call_control_id] = path
                head = Cassette(call_control_id, redacted=True).lines()[0]
                path.write_text(head + "\n", encoding="utf-8")
            call = self._open[call_control_id] = _Open(path, self.redaction.redactor())
        return call

    def _flush(self, call: _Open) -> None:
        if call.pending is None:
            return
        done = RecordedDelivery(call.pending.body, call.pending.status, tuple(call.commands))
        with call.path.open("a", encoding="utf-8") as file:
            file.write(_line(done.to_json()) + "\n")
        call.pending, call.commands = None, []
