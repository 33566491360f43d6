"""The static forms stay in step with the models: `...Dict` TypedDicts and typed `__init__`s.

Type checkers see a hand-written `__init__` (under `TYPE_CHECKING`) wherever a
model has nested fields, so that a plain dict is accepted there; these tests
make sure those signatures and the TypedDicts list exactly the model's fields.
"""

from __future__ import annotations

import ast
import inspect
from pathlib import Path
from typing import Any, get_args

import pytest
from pydantic import BaseModel
from typing_extensions import is_typeddict

from telnyx_gather import commands as c
from tests.commands.sdk_types import ASSISTANT_SDK_TYPES

MODELS = {
    obj
    for name in c.__all__
    if isinstance(obj := getattr(c, name), type)
    and issubclass(obj, BaseModel)
    and obj is not c.Command
}
UNION_MEMBERS = {
    member
    for union in (c.Tool, c.AssistantTool, c.VoiceSettings, c.AssistantVoiceSettings, c.Message)
    for member in get_args(get_args(union)[0])
}
NESTED = {m for m in MODELS if not issubclass(m, c.Command)} | set(ASSISTANT_SDK_TYPES)


def _has_nested_model(annotation: Any) -> bool:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return True
    return any(_has_nested_model(arg) for arg in get_args(annotation))


def _typed_inits() -> dict[str, dict[str, bool]]:
    """Class name -> {keyword: has a default} for each `if TYPE_CHECKING: def __init__`."""
    found: dict[str, dict[str, bool]] = {}
    # Every module of the package: `__module__` names the public path, not the file.
    for module in sorted(Path(inspect.getfile(c)).parent.rglob("*.py")):
        tree = ast.parse(module.read_text())
        for cls in (n for n in tree.body if isinstance(n, ast.ClassDef)):
            for block in cls.body:
                if isinstance(block, ast.If) and ast.unparse(block.test) == "TYPE_CHECKING":
                    (init,) = [f for f in block.body if isinstance(f, ast.FunctionDef)]
                    args = init.args
                    assert init.name == "__init__"
                    assert [a.arg for a in args.args] == ["self"]
                    found[cls.name] = {
                        a.arg: d is not None
                        for a, d in zip(args.kwonlyargs, args.kw_defaults, strict=True)
                    }
    return found


TYPED_INITS = _typed_inits()


def test_every_model_with_nested_fields_has_a_typed_init() -> None:
    needs = {
        m.__name__
        for m in MODELS
        if any(_has_nested_model(f.annotation) for f in m.model_fields.values())
    }
    assert set(TYPED_INITS) == needs


@pytest.mark.parametrize("name", sorted(TYPED_INITS))
def test_typed_init_lists_exactly_the_fields(name: str) -> None:
    model: type[BaseModel] = getattr(c, name)
    expected = {field: not info.is_required() for field, info in model.model_fields.items()}
    assert TYPED_INITS[name] == expected


@pytest.mark.parametrize(
    "model", sorted(NESTED, key=lambda m: m.__name__), ids=lambda m: m.__name__
)
def test_dict_form_lists_exactly_the_wire_fields(model: type[BaseModel]) -> None:
    form = getattr(c, f"{model.__name__}Dict")
    assert is_typeddict(form)
    wire = {(f.alias or name): f for name, f in model.model_fields.items()}
    assert set(form.__required_keys__) | set(form.__optional_keys__) == set(wire)
    required = {name for name, f in wire.items() if f.is_required()}
    if model in UNION_MEMBERS:
        # A plain dict must carry the tag: it is what picks the union member.
        required |= {"type" if "type" in wire else "role"}
    assert set(form.__required_keys__) == required


def test_every_public_dict_form_has_its_model() -> None:
    forms = {name for name in c.__all__ if name.endswith("Dict")}
    unions = {
        "ToolDict",
        "AssistantToolDict",
        "VoiceSettingsDict",
        "AssistantVoiceSettingsDict",
        "MessageDict",
    }
    assert forms - unions == {f"{m.__name__}Dict" for m in NESTED}
