"""Redaction: what a cassette masks, so it can be shared and committed without personal data.

A `Redaction` holds the rules; a `Redactor` applies them to one call, so the
same phone number gets the same stand-in in every delivery and command of the
call, and a value masked in a delivery (a caller's name in a transcript) is
masked wherever the app repeated it (a spoken "Thank you, Alice").
"""

from __future__ import annotations

import json
import re
from base64 import b64encode
from dataclasses import dataclass, field
from typing import Any, TypeGuard, cast
from urllib.parse import urlsplit, urlunsplit

from .._base64 import decode_b64

__all__ = ["MASK", "Redaction", "Redactor", "as_object", "is_object"]

MASK = "<redacted>"
"""What a masked text value becomes."""

_PHONE = re.compile(r"^\+[1-9]\d{6,14}$")
_PHONE_IN_TEXT = re.compile(r"\+[1-9]\d{6,14}")
_PHONE_FIELDS = frozenset({"from", "to", "from_", "caller_id_number", "ani", "dnis"})
_IDENTITY_FIELDS = frozenset(
    {"caller_id_name", "from_display_name", "display_name", "from_sip_uri", "to_sip_uri"}
)
_SIP_FIELDS = frozenset({"sip_headers", "custom_headers"})
_TRANSCRIPT_FIELDS = frozenset(
    {
        "transcript",
        "transcription",
        "transcription_data",
        "speech",
        "result",
        "message_history",
        "messages",
        "partial_results",
        "history",
    }
)
_SECRET = re.compile(r"pass(word|wd)?|secret|token|api_?key|authori[sz]ation|credential", re.I)
_SHORTEST_TAINT = 3
"""Masked values shorter than this are not searched for elsewhere (digits, "ok")."""


def is_object(value: object) -> TypeGuard[dict[str, Any]]:
    """Whether `value` is a JSON object (a dict)."""
    return isinstance(value, dict)


def as_object(value: object) -> dict[str, Any]:
    """`value` if it is a JSON object (a dict), else an empty one."""
    return cast("dict[str, Any]", value) if isinstance(value, dict) else {}


@dataclass(frozen=True)
class Redaction:
    """The rules a cassette is redacted with; every rule is on by default.

    Fields are found by name at any depth of a delivery's payload or a
    command's body. Secrets are always masked: any field whose name says
    password, secret, token, API key, authorization or credential, and the
    user part and query of URLs; signatures and headers are never recorded.

    Attributes:
        phone_numbers: Phone numbers (`from`, `to` and any `+E.164` text)
            become stand-ins (`+15550000001`, the same per number within a
            call), and caller names and SIP URIs are masked.
        sip_headers: The values of `sip_headers` and `custom_headers`.
        transcripts: Speech, transcripts, message histories and AI gather
            results: their text is masked (numbers and booleans stay, so an
            AI result still fits its model on replay).
        client_state: Base64 JSON objects keep these keys in clear (the flow
            step, so the replayed app routes the same way) and have every
            other text value masked; any other `client_state` is masked whole.
            `None` leaves `client_state` alone.
        mask_fields: More field names whose text is masked (`"digits"` for
            PINs entered on the keypad).
        keep_fields: Field names never masked (your own, public numbers).
    """

    phone_numbers: bool = True
    sip_headers: bool = True
    transcripts: bool = True
    client_state: tuple[str, ...] | None = ("step",)
    mask_fields: frozenset[str] = field(default_factory=frozenset[str])
    keep_fields: frozenset[str] = field(default_factory=frozenset[str])

    def redactor(self) -> Redactor:
        """A fresh `Redactor` for one call."""
        return Redactor(self)


class Redactor:
    """Applies a `Redaction` to the deliveries and commands of one call, consistently."""

    def __init__(self, rules: Redaction) -> None:
        self.rules = rules
        self._phones: dict[str, str] = {}
        self._tainted: set[str] = set()

    def delivery(self, body: dict[str, Any]) -> dict[str, Any]:
        """A webhook envelope, redacted; `meta.delivered_to` (the app's URL) is dropped."""
        data: dict[str, Any] = dict(body.get("data") or {})
        if isinstance(data.get("payload"), dict):
            data["payload"] = self._walk(data["payload"], None)
        out: dict[str, Any] = {k: v for k, v in body.items() if k != "meta"}
        out["data"] = data
        meta = body.get("meta")
        if isinstance(meta, dict):
            out["meta"] = {k: v for k, v in meta.items() if k != "delivered_to"}  # pyright: ignore[reportUnknownVariableType]
        return out

    def command(self, body: dict[str, Any]) -> dict[str, Any]:
        """A command's body, redacted, with what the call's deliveries masked masked here too."""
        walked: dict[str, Any] = self._walk(body, None)
        return walked

    def _walk(self, value: Any, name: str | None) -> Any:
        rules = self.rules
        if name is not None and name in rules.keep_fields:
            return value
        if name is not None and _SECRET.search(name):
            return MASK
        if name == "client_state" and rules.client_state is not None and isinstance(value, str):
            return _client_state(value, rules.client_state)
        if name in _SIP_FIELDS and rules.sip_headers:
            return self._mask_all(value)
        if name in _TRANSCRIPT_FIELDS and rules.transcripts:
            return self._mask_all(value)
        if name in rules.mask_fields or (name in _IDENTITY_FIELDS and rules.phone_numbers):
            return self._mask_all(value)
        if is_object(value):
            return {k: self._walk(v, k) for k, v in value.items()}
        if isinstance(value, list):
            return [self._walk(v, name) for v in value]  # pyright: ignore[reportUnknownVariableType]
        if isinstance(value, str):
            return self._text(value, phone_field=name in _PHONE_FIELDS)
        return value

    def _mask_all(self, value: Any) -> Any:
        """Every text value inside `value` masked (and remembered); other values kept."""
        if isinstance(value, dict):
            return {k: self._mask_all(v) for k, v in value.items()}  # pyright: ignore[reportUnknownVariableType]
        if isinstance(value, list):
            return [self._mask_all(v) for v in value]  # pyright: ignore[reportUnknownVariableType]
        if isinstance(value, str):
            self._taint(value)
            return MASK
        return value

    def _text(self, text: str, *, phone_field: bool) -> str:
        if self.rules.phone_numbers:
            if _PHONE.match(text):
                return self._phone(text)
            if phone_field and text:  # a SIP URI or other address in a number field
                self._taint(text)
                return MASK
            text = _PHONE_IN_TEXT.sub(lambda m: self._phone(m.group(0)), text)
        for secret in sorted(self._tainted, key=len, reverse=True):
            if secret in text:
                text = text.replace(secret, MASK)
        return _public_url(text)

    def _taint(self, value: str) -> None:
        if len(value) >= _SHORTEST_TAINT and value != MASK:
            self._tainted.add(value)

    def _phone(self, number: str) -> str:
        if number.startswith("+1555") and len(number) == 12:
            return number  # already a stand-in
        if number not in self._phones:
            self._phones[number] = f"+1555{len(self._phones) + 1:07d}"
        return self._phones[number]


def _public_url(text: str) -> str:
    """A URL without its user part, query and fragment (where tokens hide); other text as is."""
    if not text.startswith(("http://", "https://")):
        return text
    parts = urlsplit(text)
    if not (parts.query or parts.fragment or "@" in parts.netloc):
        return text
    return urlunsplit((parts.scheme, parts.netloc.rpartition("@")[2], parts.path, "", ""))


def _client_state(value: str, keep: tuple[str, ...]) -> str:
    raw = decode_b64(value)
    try:
        state = json.loads(raw) if raw is not None else None
    except ValueError:
        state = None
    if not is_object(state):
        return _encode(MASK)
    return _encode({k: v if k in keep else _mask_text(v) for k, v in state.items()})


def _mask_text(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _mask_text(v) for k, v in value.items()}  # pyright: ignore[reportUnknownVariableType]
    if isinstance(value, list):
        return [_mask_text(v) for v in value]  # pyright: ignore[reportUnknownVariableType]
    return MASK if isinstance(value, str) else value


def _encode(value: object) -> str:
    return b64encode(json.dumps(value, separators=(",", ":")).encode()).decode("ascii")
