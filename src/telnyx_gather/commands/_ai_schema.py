"""The `parameters` JSON Schema of `gather_using_ai`, built from a Pydantic model.

Pydantic's own schema is the starting point; it is then made self-contained
and plain, so that any model behind Telnyx's assistant can read it:

- every `$ref` is inlined (nested models and enums included), and `$defs`,
  `title`, `default` and the OpenAPI `discriminator` are dropped;
- a single-valued `const` becomes a one-item `enum`, and a discriminated
  union's `oneOf` becomes `anyOf`;
- descriptions stay: `Field(description=...)`, class docstrings, and
  attribute docstrings when the model sets `use_attribute_docstrings=True`.

What cannot be gathered is refused, naming the field: a recursive model, a
free-form mapping (`dict[str, X]`, a model with no fields), a value with no
JSON type (`Any`, `object`), bytes, a fixed-length tuple, and types Pydantic
cannot describe at all (callables and the like). The model itself must be an
object with fields, so a `RootModel` is refused too.
"""

from __future__ import annotations

import copy
from functools import lru_cache
from typing import Any, cast

from pydantic import BaseModel, JsonValue, PydanticUserError
from pydantic.json_schema import GenerateJsonSchema, JsonSchemaValue

from .._errors import InvalidCommandError

__all__ = ["ai_gather_schema"]

_DROPPED = frozenset(
    {"title", "default", "$defs", "discriminator", "deprecated", "readOnly", "writeOnly"}
)
_KEPT = frozenset(
    {
        "type",
        "properties",
        "required",
        "items",
        "enum",
        "anyOf",
        "description",
        "format",
        "examples",
        "minimum",
        "maximum",
        "exclusiveMinimum",
        "exclusiveMaximum",
        "multipleOf",
        "minLength",
        "maxLength",
        "pattern",
        "minItems",
        "maxItems",
        "uniqueItems",
        "additionalProperties",
    }
)
_INVALID = "x-telnyx-gather-invalid"
_MAPPING = "an object needs named fields: a dict or a model with no fields cannot be gathered"


class _Unsupported(ValueError):
    def __init__(self, where: str, rule: str) -> None:
        super().__init__(f"{where}: {rule}")


class _Generator(GenerateJsonSchema):
    """Marks types Pydantic cannot describe, so that the walk names their field."""

    def handle_invalid_for_json_schema(self, schema: Any, error_info: str) -> JsonSchemaValue:
        return {_INVALID: error_info}


def ai_gather_schema(model: type[BaseModel]) -> dict[str, JsonValue]:
    """Return the `parameters` JSON Schema that asks Telnyx's assistant for `model`.

    The schema is an object with `properties`, `required` and descriptions,
    with nested models and enums inlined; `GatherUsingAI(parameters=model)`
    sends exactly this. Read the gathered values back with
    `CallAIGatherEnded.payload.result_as(model)`.

    Args:
        model: The Pydantic model whose fields the assistant should gather.

    Returns:
        A fresh JSON Schema dict (safe to modify).

    Raises:
        InvalidCommandError: If the model uses something that cannot be
            gathered (see the module notes); the message names the field.
    """
    if not _is_model(model):
        raise InvalidCommandError("must be a subclass of pydantic.BaseModel")
    return copy.deepcopy(_cached(model))


def _is_model(value: object) -> bool:
    return isinstance(value, type) and issubclass(value, BaseModel) and value is not BaseModel


@lru_cache(maxsize=256)
def _cached(model: type[BaseModel]) -> dict[str, JsonValue]:
    name = model.__name__
    try:
        raw = model.model_json_schema(mode="validation", schema_generator=_Generator)
        schema = _Walk(raw.get("$defs", {})).node(raw, name, ())
    except PydanticUserError as exc:
        # For instance `class-not-fully-defined`: a forward reference is unresolved.
        message = f"{name}: Pydantic cannot build its schema ({exc.code})"
        raise InvalidCommandError(message) from None
    except _Unsupported as exc:
        raise InvalidCommandError(str(exc)) from None
    if schema.get("type") != "object":
        raise InvalidCommandError(f"{name}: must be an object (a RootModel cannot be gathered)")
    return schema


class _Walk:
    def __init__(self, defs: dict[str, Any]) -> None:
        self.defs = defs

    def node(self, schema: dict[str, Any], where: str, seen: tuple[str, ...]) -> dict[str, Any]:
        """Return `schema` inlined and plain; `where` names the field for errors."""
        schema = dict(schema)
        if _INVALID in schema:
            raise _Unsupported(where, "Pydantic cannot describe this type as JSON Schema")
        all_of = schema.pop("allOf", None)
        if all_of is not None:
            if len(all_of) != 1:
                raise _Unsupported(where, "an intersection (allOf) cannot be gathered")
            schema = {**all_of[0], **schema}
        ref = schema.pop("$ref", None)
        if ref is None:
            return self._plain(schema, where, seen)
        target = ref.rsplit("/", 1)[-1]
        if target in seen or target not in self.defs:
            raise _Unsupported(where, f"the recursive model {target} cannot be inlined")
        # The field's own keywords (its description) win over the referenced class's.
        return self.node({**self.defs[target], **schema}, where, (*seen, target))

    def _plain(self, schema: dict[str, Any], where: str, seen: tuple[str, ...]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key, value in schema.items():
            if key in _DROPPED:
                continue
            if key == "const":
                out["enum"] = [value]
            elif key in ("anyOf", "oneOf"):
                out["anyOf"] = [b for v in value for b in _branches(self.node(v, where, seen))]
            elif key == "properties":
                fields = cast("dict[str, Any]", value)
                out[key] = {n: self.node(v, f"{where}.{n}", seen) for n, v in fields.items()}
            elif key == "items":
                out[key] = self.node(value, f"{where}[]", seen)
            elif key == "additionalProperties" and value is not False:
                if value is not True:
                    raise _Unsupported(where, _MAPPING)
            elif key == "prefixItems":
                raise _Unsupported(where, "a fixed-length tuple cannot be gathered; use a list")
            elif key in _KEPT:
                out[key] = value
            else:
                raise _Unsupported(where, f"the JSON Schema keyword {key!r} cannot be gathered")
        _check_typed(out, where)
        return out


def _branches(schema: dict[str, Any]) -> list[dict[str, Any]]:
    # `X | None` around a union nests one anyOf in another: flatten it.
    return list(schema["anyOf"]) if schema.keys() == {"anyOf"} else [schema]


def _check_typed(schema: dict[str, Any], where: str) -> None:
    if schema.get("format") == "binary":
        raise _Unsupported(where, "bytes have no JSON form; use str")
    if not ({"type", "enum", "anyOf"} & schema.keys()):
        raise _Unsupported(where, "a value with no JSON type (Any, object) cannot be gathered")
    if schema.get("type") == "object" and not schema.get("properties"):
        raise _Unsupported(where, _MAPPING)
