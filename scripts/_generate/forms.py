"""The static forms of the command models: `...Dict` TypedDicts and typed `__init__`s.

Type checkers see Pydantic's synthesised `__init__`, which takes a nested
model only as the model. Where a model has nested fields, a typed `__init__`
(under `TYPE_CHECKING`) takes the model or its plain-dict form instead; every
nested model has that form, a `TypedDict` of its wire fields. Both are
rendered here from the fields' annotations:

- a nested model `M` becomes `M | MDict`, a discriminated union alias `U` of
  models `U | UDict`; `ListOf[X]` becomes `Sequence[X]`, `DictOf[X]`
  `Mapping[str, X]`; a named alias (a `Literal`, `JsonValue`) keeps its name;
  `Annotated` metadata is dropped, except `Accepts(T)`, which adds `| T`;
- in a `TypedDict`, `None` is left out (an absent key says it) and a key is
  required when the field is, or when it is the tag of a union member.
"""

from __future__ import annotations

import keyword
import types
from dataclasses import dataclass, field
from typing import Annotated, Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel, Discriminator, JsonValue
from pydantic.fields import FieldInfo

from telnyx_gather.commands._base import StrictModel
from telnyx_gather.commands._fields import Accepts, DictOf, ListOf

from . import GenerateError

_LIST_OF = get_args(ListOf)[1]
_DICT_OF = get_args(DictOf)[1]
FORMS = "telnyx_gather.commands._forms"


@dataclass(frozen=True)
class Alias:
    """A public name for a type: a `Literal`, or a discriminated union of models."""

    name: str
    module: str
    members: tuple[type[StrictModel], ...] = ()
    tag: str | None = None


def union_alias(name: str, module: str, value: object) -> Alias | None:
    """The `Alias` of `value` when it is a named type (`None` for anything else)."""
    if get_origin(value) is Literal:
        return Alias(name, module)
    if get_origin(value) is not Annotated:
        return None
    inner, *meta = get_args(value)
    members = get_args(inner)
    tags = [m.discriminator for m in meta if isinstance(m, Discriminator)]
    if get_origin(inner) not in (Union, types.UnionType) or not all(
        isinstance(m, type) and issubclass(m, StrictModel) for m in members
    ):
        return None
    tag = tags[0] if tags and isinstance(tags[0], str) else None
    return Alias(name, module, tuple(members), tag)


@dataclass
class Renderer:
    """Renders annotations as source text, recording each name it uses and its module."""

    aliases: dict[int, Alias]
    uses: dict[str, str] = field(default_factory=dict)

    def use(self, name: str, module: str) -> str:
        self.uses[name] = module
        return name

    def render(self, hint: Any) -> str:
        alias = self.aliases.get(id(hint))
        if alias is not None:
            name = self.use(alias.name, alias.module)
            return f"{name} | {self.use(name + 'Dict', FORMS)}" if alias.members else name
        if hint is JsonValue:
            return self.use("JsonValue", "pydantic")
        if hint is None or hint is type(None):
            return "None"
        origin, args = get_origin(hint), get_args(hint)
        if origin is Annotated:
            base, *meta = args
            extra = [f" | {self.render(m.hint)}" for m in meta if isinstance(m, Accepts)]
            if _LIST_OF in meta:
                item = self.render(get_args(base)[0])
                text = f"{self.use('Sequence', 'collections.abc')}[{item}]"
            elif _DICT_OF in meta:
                item = self.render(get_args(base)[1])
                text = f"{self.use('Mapping', 'collections.abc')}[str, {item}]"
            else:
                text = self.render(base)
            return text + "".join(extra)
        if origin in (Union, types.UnionType):
            return " | ".join(dict.fromkeys(self.render(arg) for arg in args))
        if origin is Literal:
            return f"{self.use('Literal', 'typing')}[{', '.join(map(repr, args))}]"
        if origin in (list, dict, type):
            return f"{origin.__name__}[{', '.join(self.render(arg) for arg in args)}]"
        if isinstance(hint, type) and issubclass(hint, StrictModel):
            name = self.use(hint.__name__, hint.__module__)
            return f"{name} | {self.use(name + 'Dict', FORMS)}"
        if hint is BaseModel:
            return self.use("BaseModel", "pydantic")
        if isinstance(hint, type) and hint.__module__ == "builtins":
            return hint.__name__
        raise GenerateError(f"cannot write a static form of the annotation {hint!r}")

    def field(self, info: FieldInfo) -> str:
        """A field's type as the builder's signature takes it."""
        return self.render(field_hint(info))

    def value(self, info: FieldInfo) -> str:
        """A field's type in its plain-dict form: `None` is left out (the key is absent)."""
        hint = field_hint(info)
        if get_origin(hint) in (Union, types.UnionType) and type(None) in get_args(hint):
            kept = [arg for arg in get_args(hint) if arg is not type(None)]
            hint = kept[0] if len(kept) == 1 else Union[tuple(kept)]  # noqa: UP007
        return self.render(hint)


def field_hint(info: FieldInfo) -> Any:
    """The field's annotation as written: Pydantic keeps outer `Annotated` metadata apart."""
    return Annotated[(info.annotation, *info.metadata)] if info.metadata else info.annotation


def has_nested_model(hint: Any) -> bool:
    """Whether a nested model appears anywhere in `hint` (so a plain dict may stand for it)."""
    if isinstance(hint, type) and issubclass(hint, BaseModel):
        return True
    return any(has_nested_model(arg) for arg in get_args(hint))


def needs_init(model: type[BaseModel]) -> bool:
    """Whether the model needs a typed `__init__` (it has a nested field)."""
    return any(has_nested_model(f.annotation) for f in model.model_fields.values())


def typed_init(model: type[BaseModel], renderer: Renderer) -> str:
    """The `if TYPE_CHECKING: def __init__` block of `model`, unindented."""
    params = []
    inherited = {n for base in model.__mro__[1:] for n in getattr(base, "model_fields", {})}
    fields = sorted(model.model_fields.items(), key=lambda item: item[0] in inherited)
    for name, info in fields:
        default = "" if info.is_required() else " = None" if info.default is None else " = ..."
        params.append(f"        {name}: {renderer.field(info)}{default},\n")
    return (
        "if TYPE_CHECKING:\n\n    def __init__(\n        self,\n        *,\n"
        + "".join(params)
        + "    ) -> None: ...\n"
    )


def typed_dict(model: type[StrictModel], renderer: Renderer, tag: str | None) -> str:
    """The `...Dict` TypedDict of a nested model, keyed by the wire names."""
    wire = {(info.alias or name): info for name, info in model.model_fields.items()}
    required = {key for key, info in wire.items() if info.is_required() or key == tag}
    name = f"{model.__name__}Dict"
    if not all(key.isidentifier() and not keyword.iskeyword(key) for key in wire):
        items = ", ".join(
            f'"{key}": {_maybe(renderer, key in required, renderer.value(info))}'
            for key, info in wire.items()
        )
        names = ", ".join(f"`{key}`" for key, info in wire.items() if info.alias)
        return (
            f'{name} = TypedDict("{name}", {{{items}}})\n'
            f'"""`{model.__name__}` as a plain dict ({names} is its wire name)."""\n'
        )
    total = "" if required else ", total=False"
    lines = [f'class {name}(TypedDict{total}):\n    """`{model.__name__}` as a plain dict."""\n\n']
    for key, info in wire.items():
        text = renderer.value(info)
        lines.append(f"    {key}: {_maybe(renderer, key in required or not required, text)}\n")
    return "".join(lines)


def _maybe(renderer: Renderer, required: bool, text: str) -> str:
    return text if required else f"{renderer.use('NotRequired', 'typing_extensions')}[{text}]"
