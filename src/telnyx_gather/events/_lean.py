"""Lists of messages held as plain dicts the garbage collector does not track, read as models.

A long AI transcript (`message_history`, `messages`) is the one part of an
event whose size grows with the call. Validated into one model per message,
every message is an object and a field set that the collector tracks and
scans again and again while the parse allocates; `json.loads` makes dicts of
strings that it never tracks. So a field annotated `Annotated[list[M] | None,
LEAN]` is validated, at parse time and with `M`'s own field schemas (the same
errors, at the same locations), into such dicts: the keys the message
carried, with their validated values. Reading the attribute turns them into
`M` instances on first access and keeps that list, so the typed API is
unchanged and a handler that never reads the transcript never pays for it.

Everything else a model does with its fields is kept: `model_dump` and
`model_dump_json` serialize the models, and equality, `repr` and iteration
(`EventModel` routes them through `views`) see the models too.
"""

from __future__ import annotations

import types
from collections.abc import Iterable, Iterator
from typing import Any, TypeVar, Union, cast, get_args, get_origin

from pydantic import (
    BaseModel,
    GetCoreSchemaHandler,
    GetJsonSchemaHandler,
    SerializerFunctionWrapHandler,
)
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema, core_schema

__all__ = ["LEAN", "install", "lean_fields", "views"]

Name = TypeVar("Name", str, "str | None")


class _Lean:
    """The marker: validate `list[M] | None` into untracked dicts; read it back as `M`s."""

    def __get_pydantic_core_schema__(
        self, source: Any, handler: GetCoreSchemaHandler
    ) -> CoreSchema:
        model = message_model(source)
        fields: dict[str, core_schema.TypedDictField] = {}
        for name, info in model.model_fields.items():
            if info.alias is not None:
                raise TypeError(f"{model.__name__}.{name}: aliases are not supported here")
            inner = handler.generate_schema(info.rebuild_annotation())
            fields[name] = core_schema.typed_dict_field(inner, required=info.is_required())
        item = core_schema.typed_dict_schema(fields, extra_behavior="allow")
        models = handler(cast("Any", list)[model])
        return core_schema.nullable_schema(
            core_schema.json_or_python_schema(
                json_schema=core_schema.list_schema(item),
                # Built in Python, the list is validated as models (their errors, their
                # checks), then held the same way.
                python_schema=core_schema.no_info_after_validator_function(_raw_items, models),
                serialization=core_schema.wrap_serializer_function_ser_schema(
                    _Models(model), schema=models
                ),
            )
        )

    def __get_pydantic_json_schema__(
        self, schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        # Documented as what it reads as: a list of the model, or null.
        held = cast("dict[str, Any]", schema)["schema"]
        return handler(core_schema.nullable_schema(held["serialization"]["schema"]))


LEAN = _Lean()
"""Annotate a `list[M] | None` field of an event model with it: `Annotated[..., LEAN]`."""


def message_model(annotation: Any) -> type[BaseModel]:
    """`M` in `list[M] | None`.

    Raises:
        TypeError: The annotation is not a list of one model class, optionally `None`.
    """
    if get_origin(annotation) in (Union, types.UnionType):
        annotation = next(arg for arg in get_args(annotation) if arg is not type(None))
    args = get_args(annotation)
    if get_origin(annotation) is not list or not (
        isinstance(args[0], type) and issubclass(args[0], BaseModel)
    ):
        raise TypeError("LEAN annotates a list[Model] | None field")
    model: type[BaseModel] = args[0]
    return model


def _raw(item: BaseModel) -> dict[str, Any]:
    """A model as the dict a parse would have made of it: the fields it carries, and extras."""
    fields = item.__dict__
    carried = {name: fields[name] for name in item.model_fields_set if name in fields}
    return {**carried, **(item.model_extra or {})}


def _raw_items(value: list[BaseModel]) -> list[dict[str, Any]]:
    return [_raw(item) for item in value]


class _Models:
    """Serializes a held list as the models it reads as, with the models' own serializer."""

    def __init__(self, model: type[BaseModel]) -> None:
        self.model = model

    def __call__(self, value: list[Any], handler: SerializerFunctionWrapHandler) -> Any:
        return handler(_as_models(self.model, value))


def _as_models(model: type[BaseModel], value: Iterable[Any]) -> list[Any]:
    # The dicts hold validated values (nested lean lists read themselves), so the
    # models are constructed without validating twice; the fields they carried
    # become the model's fields set, as a parse would have made them.
    return [
        item if isinstance(item, model) else model.model_construct(set(item), **item)
        for item in value
    ]


class _View:
    """The attribute of a lean field: the held dicts as `M` instances, built once per value."""

    def __init__(self, name: str, model: type[BaseModel]) -> None:
        self.name = name
        self.model = model
        self.cache = f"_{name}_models"

    def __get__(self, obj: BaseModel | None, owner: type | None = None) -> list[Any] | None:
        if obj is None:  # the class itself has no value: pydantic then inherits the field
            raise AttributeError(self.name)
        values = vars(obj)
        held = values[self.name]
        if held is None:
            return None
        cached = values.get(self.cache)
        if cached is not None and cached[0] is held:
            models: list[Any] = cached[1]
            return models
        models = _as_models(self.model, held)
        # Beside the fields, as `functools.cached_property` does: pydantic's equality,
        # serialization and iteration ignore keys that are not fields or start with `_`.
        values[self.cache] = (held, models)
        return models

    def __set__(self, obj: BaseModel, value: object) -> None:
        raise AttributeError(f"{self.name} is read-only")  # pydantic refuses first (frozen)


def lean_fields(cls: type[BaseModel]) -> tuple[str, ...]:
    """The names of `cls`'s fields annotated with `LEAN`."""
    return tuple(
        name
        for name, info in cls.model_fields.items()
        if any(marker is LEAN for marker in info.metadata)
    )


def install(cls: type[BaseModel]) -> tuple[str, ...]:
    """Give each lean field of `cls` its reading attribute; return their names."""
    names = lean_fields(cls)
    for name in names:
        setattr(cls, name, _View(name, message_model(cls.model_fields[name].annotation)))
    return names


def views(
    obj: BaseModel, names: tuple[str, ...], items: Iterable[tuple[Name, Any]]
) -> Iterator[tuple[Name, Any]]:
    """`items` (name, value pairs of `obj`) with each lean field's value read as models."""
    for name, value in list(items):  # reading may cache the models in `obj.__dict__`
        yield name, getattr(obj, name) if name in names else value
