"""The fast parse path: read `event_type`, then validate once with the one model it names.

The union's validator (`Webhook`) calls a Python function to pick the member,
so pydantic-core first turns the whole `data` object into Python dicts just to
read the tag, then validates the same JSON again. Here the tag is read from
the raw bytes, and a validator of the envelope narrowed to that one member
validates the body in one pass. The result is then exactly what the union's
validator returns: a known member validates only when `data.event_type` is
its tag, and an `UnknownEvent` is accepted only when its tag is not known.

Anything this path cannot settle (no readable tag, a wrong guess, any
validation error, a possible NaN or Infinity) returns `None`, and the caller
runs the union's validator, so every error is exactly the union's.
"""

import re
from collections.abc import Callable, Collection
from typing import Any, AnyStr, Generic, Protocol, TypeVar, cast

from pydantic_core import CoreSchema, SchemaError, SchemaValidator, from_json

__all__ = ["UNKNOWN", "FastParser", "has_non_finite", "narrow"]

UNKNOWN = "unknown"
"""The union's tag for any `event_type` that is not known."""

_TAG_BYTES = re.compile(rb'"event_type"[ \t\r\n]*:[ \t\r\n]*"([^"\\]*)"')
_TAG_TEXT = re.compile(r'"event_type"[ \t\r\n]*:[ \t\r\n]*"([^"\\]*)"')
_MAX_WORDS = 64
"""How many `NaN`/`Infinity` words the scan examines before it gives up."""

Schema = dict[str, Any]


class _Event(Protocol):
    @property
    def event_type(self) -> str: ...


class _Envelope(Protocol):
    @property
    def data(self) -> _Event: ...


Envelope = TypeVar("Envelope", bound=_Envelope)


def narrow(schema: Schema, tag: str) -> Schema:
    """The envelope's core schema with the `data` union narrowed to the member tagged `tag`.

    Definitions that only the other members use are dropped, so the
    validator built from it holds only what this member needs.

    Raises:
        LookupError: The schema is not an envelope whose `data` is a tagged union
            with that member (a layout this version does not know).
    """
    if schema.get("type") == "definitions":
        inner = narrow(schema["schema"], tag)
        return {**schema, "schema": inner, "definitions": _used(inner, schema["definitions"])}
    fields = schema["schema"]
    data = fields["fields"]["data"]
    union = data["schema"]
    if (schema["type"], fields["type"], union["type"]) != ("model", "model-fields", "tagged-union"):
        raise LookupError("not an envelope with a tagged union in `data`")
    member = union["choices"][tag]
    narrowed = {**fields, "fields": {**fields["fields"], "data": {**data, "schema": member}}}
    return {**schema, "schema": narrowed}


def _used(root: Schema, definitions: list[Schema]) -> list[Schema]:
    by_ref = {definition["ref"]: definition for definition in definitions}
    used: set[str] = set()
    pending: list[object] = [root]
    while pending:
        node = pending.pop()
        if isinstance(node, dict):
            fields = cast("dict[str, object]", node)
            ref = fields.get("schema_ref") if fields.get("type") == "definition-ref" else None
            if isinstance(ref, str) and ref not in used:
                if ref not in by_ref:  # defined inline somewhere: keep every definition
                    return definitions
                used.add(ref)
                pending.append(by_ref[ref])
            pending.extend(fields.values())
        elif isinstance(node, list):
            pending.extend(cast("list[object]", node))
    return [definition for definition in definitions if definition["ref"] in used]


class FastParser(Generic[Envelope]):
    """Parses the envelope with one validator per `event_type`, built on first use.

    Args:
        known: Every known `event_type`; any other string is `UNKNOWN`.
        schema: Returns the envelope's core schema, its `data` a tagged union
            whose tags are `known` plus `UNKNOWN`. Called once, when first needed.
        member: Returns the envelope's schema already narrowed to one tag (as
            `narrow` would), or `None` to narrow `schema()` instead. With it, a
            validator is built without the whole union's schema.
    """

    def __init__(
        self,
        known: Collection[str],
        schema: Callable[[], Schema],
        member: Callable[[str], Schema | None] | None = None,
    ) -> None:
        self._known = frozenset(known)
        self._schema = schema
        self._member = member
        self._loaded: Schema | None = None
        self._validators: dict[str, SchemaValidator] = {}
        self.enabled = True
        """False once the schema turned out unusable; every body then takes the slow path."""

    def parse(self, body: bytes | bytearray | str) -> Envelope | None:
        """Parse `body`, or return `None` when only the union's validator can say."""
        tag = _read_tag(body)
        if tag is None or not self.enabled:
            return None
        key = tag if tag in self._known else UNKNOWN
        validator = self._validators.get(key) or self._build(key)
        if validator is None:
            return None
        try:
            webhook = cast("Envelope", validator.validate_json(body))
        except ValueError:  # a ValidationError, or text that is not valid Unicode
            return None
        if key == UNKNOWN and webhook.data.event_type in self._known:
            return None
        verdict = has_non_finite(body)
        if verdict is None:
            try:
                from_json(body, allow_inf_nan=False)
            except ValueError:
                return None
        return None if verdict else webhook

    def _build(self, key: str) -> SchemaValidator | None:
        try:
            narrowed = self._member(key) if self._member is not None else None
            if narrowed is None:
                if self._loaded is None:
                    self._loaded = self._schema()
                narrowed = narrow(self._loaded, key)
            validator = SchemaValidator(cast("CoreSchema", narrowed))
        except (LookupError, TypeError, ValueError, SchemaError):
            self.enabled = False
            return None
        self._validators[key] = validator
        return validator


def _read_tag(body: bytes | bytearray | str) -> str | None:
    # The first `"event_type": "..."` in the body; the validator checks the guess.
    if isinstance(body, str):
        start = body.find('"event_type"')
        found = _TAG_TEXT.match(body, start) if start >= 0 else None
        return found[1] if found else None
    start = body.find(b'"event_type"')
    found_bytes = _TAG_BYTES.match(body, start) if start >= 0 else None
    if found_bytes is None:
        return None
    try:
        return found_bytes[1].decode("utf-8")
    except UnicodeDecodeError:
        return None


def has_non_finite(body: bytes | bytearray | str) -> bool | None:
    """Whether a JSON document holds a `NaN` or `Infinity` token outside its strings.

    `body` must already have parsed as JSON (with those tokens allowed). Every
    `NaN` or `Infinity` word is located, and whether it stands inside a
    string is read from the count of unescaped quotes before it, so the
    words in a transcript or in base64 text cost no parse.

    Returns:
        `False` or `True` when settled; `None` when settling it would take a
        parse (more than 64 such words, or an escaped backslash that makes
        quotes ambiguous to count).
    """
    if isinstance(body, str):
        return _scan(body, ("NaN", "Infinity"), '"', '\\"', "\\\\")
    data = bytes(body) if isinstance(body, bytearray) else body
    return _scan(data, (b"NaN", b"Infinity"), b'"', b'\\"', b"\\\\")


def _scan(
    body: AnyStr,
    words: tuple[AnyStr, AnyStr],
    quote: AnyStr,
    escaped_quote: AnyStr,
    escaped_backslash: AnyStr,
) -> bool | None:
    found: list[int] = []
    for word in words:
        at = body.find(word)
        while at >= 0:
            found.append(at)
            if len(found) > _MAX_WORDS:
                return None
            at = body.find(word, at + len(word))
    if not found:
        return False
    if escaped_backslash in body:
        return None
    quotes = last = 0
    for at in sorted(found):
        # In valid JSON a backslash only escapes: each `\"` is a quote inside a string.
        quotes += body.count(quote, last, at) - body.count(escaped_quote, last, at)
        last = at
        if quotes % 2 == 0:
            return True
    return False
