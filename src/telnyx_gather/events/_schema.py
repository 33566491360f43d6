"""The envelope's core schema for the fast path: prepared with the package, or pydantic's.

Building a validator through pydantic's Python layer imports its plugin
loader, and with it `importlib.metadata`: about 15 ms and 2.6 MiB of a cold
start. So the package ships the envelope's core schema, prepared in
`_prepared.json`, and `pydantic_core.SchemaValidator` builds the validators
straight from it. The prepared schema is used only when its key matches this
process exactly (the pydantic and pydantic-core versions, and a checksum of
this package's event modules) and it lists this process's Python among the
ones it is valid on: every Python the package claims (`PYTHONS`), each of
which the test suite checks it against (`scripts/pythons.sh` runs it on the
oldest and newest). Any mismatch, or a missing, unreadable or malformed
file, falls back to the schema pydantic generates
(`Webhook.__pydantic_core_schema__`), normalized the same way. Nothing is
ever written at run time, so a read-only filesystem (AWS Lambda) changes
nothing.

The parser needs only the envelope narrowed to the one event it reads, so
the folder `_prepared/` holds that too, one file per tag (`members` derives
them from `_prepared.json`): `load_member` reads one and resolves only the
classes it names, so a cold start creates no other event class.

Regenerate the files after changing an event module or upgrading pydantic:
`.venv/bin/python scripts/generate.py`, which calls `prepare` and `members`
(a test fails until then).
"""

import binascii
import os
import re
import sys
from collections.abc import Mapping
from importlib import import_module
from typing import Any, cast

import pydantic
import pydantic_core

from ._fast import narrow

__all__ = [
    "MEMBERS",
    "PREPARED",
    "PYTHONS",
    "decode",
    "encode",
    "environment_key",
    "load",
    "load_member",
    "members",
    "normalize",
    "prepare",
    "python_version",
]

PREPARED = os.path.join(os.path.dirname(os.path.abspath(__file__)), "_prepared.json")
MEMBERS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "_prepared")
"""The folder of the envelope's schema narrowed to each tag: `<tag>.json`."""
_TAG = re.compile(r"[a-z0-9_]+(?:\.[a-z0-9_]+)*")
_PACKAGE = "telnyx_gather"
_OBJECT = "__object__"

PYTHONS = ("3.10", "3.11", "3.12", "3.13")
"""The Pythons the package claims (its classifiers): a prepared schema is valid on each.

The normalized schema does not depend on the Python version (the suite checks
the committed file against the schema pydantic generates, on each Python it
runs on), so one file serves them all.
"""

Schema = dict[str, Any]


def environment_key() -> dict[str, str]:
    """What a prepared schema must have been prepared with to be used here."""
    return {
        "pydantic": pydantic.VERSION,
        "pydantic_core": pydantic_core.__version__,
        "sources": _sources_checksum(),
    }


def python_version() -> str:
    """This process's Python, as `PYTHONS` lists it (`3.11`)."""
    return "{}.{}".format(*sys.version_info[:2])


def _sources_checksum() -> str:
    folder = os.path.dirname(os.path.abspath(__file__))
    checksum = 0
    try:
        for name in sorted(os.listdir(folder)):
            if name.endswith(".py"):
                with open(os.path.join(folder, name), "rb") as source:
                    checksum = binascii.crc32(name.encode() + b"\0" + source.read(), checksum)
    except OSError:
        return "unreadable"
    return f"{checksum:08x}"


def load(envelope: type[pydantic.BaseModel], path: str = PREPARED) -> Schema:
    """The normalized core schema of `envelope`: prepared if it matches, else pydantic's."""
    prepared = read_prepared(path)
    if prepared is not None:
        return prepared
    return normalize(envelope.__pydantic_core_schema__)


def read_prepared(path: str = PREPARED) -> Schema | None:
    """The prepared schema at `path`, or `None` if it is missing, malformed or does not match."""
    try:
        with open(path, "rb") as file:
            document = pydantic_core.from_json(file.read())
        if document["key"] != environment_key() or python_version() not in document["pythons"]:
            return None
        schema = decode(document["schema"])
    except (OSError, ValueError, LookupError, TypeError, AttributeError):
        return None
    return cast("Schema", schema) if isinstance(schema, dict) else None


def load_member(tag: str, folder: str = MEMBERS) -> Schema | None:
    """The prepared envelope narrowed to `tag`, or `None` where the whole one must serve."""
    if not _TAG.fullmatch(tag):
        return None
    return read_prepared(os.path.join(folder, f"{tag}.json"))


def members(prepared: str) -> dict[str, str]:
    """The text of each tag's file in `MEMBERS`, from the text of `_prepared.json`.

    Each is the whole document with its schema narrowed to the tag (`narrow`).

    Raises:
        LookupError: The schema is not an envelope whose `data` is a tagged union.
    """
    import json

    document = json.loads(prepared)
    schema = document["schema"]
    inner = schema["schema"] if schema.get("type") == "definitions" else schema
    tags = inner["schema"]["fields"]["data"]["schema"]["choices"]
    return {
        f"{tag}.json": json.dumps({**document, "schema": narrow(schema, tag)}, indent=1) + "\n"
        for tag in sorted(tags)
    }


def normalize(schema: Mapping[str, Any]) -> Schema:
    """A core schema as the fast path uses it, the same whichever way it was obtained.

    `metadata` (JSON Schema hooks) is dropped; a `json-or-python` node keeps
    only its JSON side, the only side a body parsed from JSON reaches; and
    references lose the object ids pydantic appends, so that the result is
    the same in every process.

    Raises:
        ValueError: Two references would collide.
    """
    originals: dict[str, str] = {}

    def ref(name: object) -> str:
        stable = str(name).rsplit(":", 1)[0]
        if originals.setdefault(stable, str(name)) != str(name):
            raise ValueError(f"core schema references collide: {stable}")
        return stable

    def walk(node: object) -> object:
        if isinstance(node, dict):
            fields = cast("dict[str, object]", node)
            if fields.get("type") == "json-or-python":
                keep = {"ref": fields["ref"]} if "ref" in fields else {}
                return walk({**cast("dict[str, object]", fields["json_schema"]), **keep})
            return {
                key: ref(value) if key in ("ref", "schema_ref") else walk(value)
                for key, value in fields.items()
                if key != "metadata"
            }
        if isinstance(node, list):
            return [walk(item) for item in cast("list[object]", node)]
        return node

    return cast("Schema", walk(dict(schema)))


def encode(node: object) -> object:
    """A normalized schema as JSON data: classes and functions become `{"__object__": name}`.

    Raises:
        TypeError: The schema holds an object from outside this package.
    """
    if isinstance(node, dict):
        fields = cast("dict[str, object]", node)
        return {_key(key): encode(value) for key, value in fields.items()}
    if isinstance(node, list):
        return [encode(item) for item in cast("list[object]", node)]
    if node is None or isinstance(node, (str, int, float, bool)):
        return node
    name = f"{getattr(node, '__module__', '')}:{getattr(node, '__qualname__', '')}"
    if not _ours(name.partition(":")[0]) or decode({_OBJECT: name}) is not node:
        raise TypeError(f"cannot prepare a core schema holding {node!r}")
    return {_OBJECT: name}


def _ours(module: str) -> bool:
    # The public classes name the package itself as their module (`telnyx_gather:Webhook`).
    return module == _PACKAGE or module.startswith(_PACKAGE + ".")


def _key(key: object) -> str:
    if not isinstance(key, str):
        raise TypeError(f"cannot prepare a core schema keyed by {key!r}")
    return key


def decode(node: object) -> object:
    """The inverse of `encode`; names resolve only within this package.

    A module of this package is imported if it was not yet (the event
    families load on first use); nothing outside it is ever imported.

    Raises:
        LookupError: A name is not a module of this package.
        AttributeError: A name is not in its module.
    """
    if isinstance(node, dict):
        fields = cast("dict[str, object]", node)
        if _OBJECT in fields:
            module, _, qualname = str(fields[_OBJECT]).partition(":")
            if not _ours(module):
                raise LookupError(module)
            try:
                found: object = import_module(module)
            except ImportError:
                raise LookupError(module) from None
            for part in qualname.split("."):
                found = getattr(found, part)
            return found
        return {key: decode(value) for key, value in fields.items()}
    if isinstance(node, list):
        return [decode(item) for item in cast("list[object]", node)]
    return node


def prepare(
    envelope: type[pydantic.BaseModel], path: str = PREPARED, pythons: tuple[str, ...] = PYTHONS
) -> None:
    """Write the prepared schema of `envelope` for this environment to `path`.

    Args:
        envelope: The model whose core schema is prepared (`Webhook`).
        path: Where to write it.
        pythons: The Pythons it is to be used on; the suite, run on each,
            checks it matches the schema pydantic generates there.
    """
    import json

    document = {
        "key": environment_key(),
        "pythons": list(pythons),
        "schema": encode(normalize(envelope.__pydantic_core_schema__)),
    }
    with open(path, "w", encoding="utf-8") as file:
        json.dump(document, file, indent=1)
        file.write("\n")
