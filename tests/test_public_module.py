"""Public classes show their public path (`telnyx_gather.Gather`) and still work in full.

`__module__` is rewritten after each class is built; these tests prove that
reprs, tracebacks and pickles use the public path, and that Pydantic (which
resolves string annotations through `__module__`) still builds, validates,
serialises, copies and describes every model.
"""

from __future__ import annotations

import copy
import pickle
import traceback
import typing
from importlib import import_module

import pytest
from pydantic import BaseModel

import telnyx_gather
from telnyx_gather import client, commands
from tests.commands.examples import EVERY

ERRORS = [
    telnyx_gather.TelnyxGatherError,
    telnyx_gather.InvalidCommandError,
    telnyx_gather.WebhookVerificationError,
    telnyx_gather.WebhookParseError,
    telnyx_gather.WebhookConfigError,
    telnyx_gather.MalformedRequestError,
]
PUBLIC: list[type] = [
    *ERRORS,
    *(getattr(client, name) for name in client.__all__),
    *(obj for name in commands.__all__ if isinstance(obj := getattr(commands, name), type)),
]
MODELS = [cls for cls in PUBLIC if issubclass(cls, BaseModel)]


def _path(cls: type) -> str:
    return f"{cls.__module__}.{cls.__qualname__}"


@pytest.mark.parametrize("cls", PUBLIC, ids=_path)
def test_module_is_the_public_path(cls: type) -> None:
    expected = (
        "telnyx_gather" if cls.__name__ in telnyx_gather.__all__ else "telnyx_gather.commands"
    )
    assert cls.__module__ == expected
    assert getattr(import_module(cls.__module__), cls.__name__) is cls
    assert repr(cls) == f"<class '{expected}.{cls.__name__}'>"


def test_every_builder_is_top_level() -> None:
    assert {cls.__module__ for cls in commands.COMMANDS.values()} == {"telnyx_gather"}
    assert commands.Command.__module__ == "telnyx_gather.commands"


@pytest.mark.parametrize("cls", MODELS, ids=_path)
def test_models_are_complete_and_describe_themselves(cls: type[BaseModel]) -> None:
    assert cls.__pydantic_complete__
    schema = cls.model_json_schema()
    assert schema["title"] == cls.__name__
    assert set(schema.get("properties", {})) == {f.alias or n for n, f in cls.model_fields.items()}


# The telnyx SDK's own annotations name `httpx` without importing it at runtime,
# so `get_type_hints` fails on its clients and on subclasses of them.
SDK_CLIENTS = (client.GatherClient, client.AsyncGatherClient)


@pytest.mark.parametrize("cls", [c for c in PUBLIC if c not in SDK_CLIENTS], ids=_path)
def test_type_hints_still_resolve(cls: type) -> None:
    hints = typing.get_type_hints(cls, include_extras=True)
    assert not any(isinstance(hint, str) for hint in hints.values())


@pytest.mark.parametrize("action", EVERY)
def test_builders_build_copy_pickle_and_repr(action: str) -> None:
    command = EVERY[action]
    cls = type(command)
    rebuilt = cls.model_validate(command.to_params())
    assert rebuilt == command
    assert pickle.loads(pickle.dumps(command)) == command
    assert copy.deepcopy(command) == command
    assert command.model_copy(update={"command_id": "other"}).command_id == "other"
    assert repr(command).startswith(f"{cls.__name__}(")
    assert cls.__pydantic_validator__.validate_python(command.to_params()) is not None


def test_command_result_round_trips() -> None:
    result = client.CommandResult(result="ok", conversation_id=None, extra_field=1)
    assert pickle.loads(pickle.dumps(result)) == result
    assert client.CommandResult.model_validate_json(result.model_dump_json()) == result


@pytest.mark.parametrize("error", ERRORS, ids=_path)
def test_errors_show_the_public_path_and_pickle(error: type[Exception]) -> None:
    instance = (
        error("bad_signature", "signature mismatch")  # type: ignore[call-arg]
        if error is telnyx_gather.WebhookVerificationError
        else error("what went wrong")
    )
    line = traceback.format_exception_only(type(instance), instance)[-1]
    assert line.startswith(f"telnyx_gather.{error.__name__}: ")
    again = pickle.loads(pickle.dumps(instance))
    assert type(again) is error
    assert str(again) == str(instance)
    assert vars(again) == vars(instance)


def test_call_handles_keep_their_repr() -> None:
    handle = client.Call(None, "v3:abc")  # type: ignore[arg-type]
    assert repr(handle) == "Call('v3:abc')"
    assert repr(type(handle)) == "<class 'telnyx_gather.Call'>"
