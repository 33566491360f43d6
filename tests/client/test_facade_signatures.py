"""The handles' methods mirror the builders' fields exactly, so the two cannot drift apart."""

from __future__ import annotations

import inspect
import typing

import pytest

from telnyx_gather import AsyncCall, Call
from telnyx_gather.commands import Command
from tests.client.facade_examples import EXAMPLES, Example

ACTIONS = {
    "gather": "gather",
    "gather_using_audio": "gather_using_audio",
    "gather_using_speak": "gather_using_speak",
    "gather_using_ai": "gather_using_ai",
    "stop_gather": "gather_stop",
    "start_ai_assistant": "ai_assistant_start",
    "stop_ai_assistant": "ai_assistant_stop",
    "add_ai_assistant_messages": "ai_assistant_add_messages",
}
"""Each handle method, named as the telnyx SDK names it, and the action path it sends."""


@pytest.mark.parametrize("example", EXAMPLES, ids=str)
def test_method_parameters_are_the_builders_fields(example: Example) -> None:
    builder: type[Command] = example.builder
    assert builder.action == ACTIONS[example.method]
    field_types = typing.get_type_hints(builder, include_extras=True)
    for handle in (Call, AsyncCall):
        method = getattr(handle, example.method)
        _self, *parameters = inspect.signature(method).parameters.values()
        parameter_types = typing.get_type_hints(method, include_extras=True)

        assert [p.name for p in parameters] == list(builder.model_fields)
        for parameter in parameters:
            field = builder.model_fields[parameter.name]
            assert parameter.kind is inspect.Parameter.KEYWORD_ONLY, parameter.name
            assert parameter_types[parameter.name] == field_types[parameter.name], parameter.name
            if field.is_required():
                assert parameter.default is inspect.Parameter.empty, parameter.name
            else:
                assert parameter.default is None, parameter.name
